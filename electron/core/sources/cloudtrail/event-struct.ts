// The json_transform structure that turns one CloudTrail record (camelCase keys, as AWS writes them)
// into the typed values of the `cloudtrail` table. Key matching is case-sensitive, so these must be
// CloudTrail's own spellings (sourceIPAddress, requestID, resources[].ARN ...); the table's lowercase
// Athena names are matched by struct casts, which ignore case.
// Non-strict json_transform: a scalar of another type becomes its text (123 -> '123'), an object or
// array where a string is expected becomes its JSON text, and a non-object where an object is expected
// gives NULL fields. The record itself is always kept whole in _raw.
const V = 'VARCHAR';
const J = 'JSON';

export const EVENT_STRUCT = {
  eventVersion: V,
  userIdentity: {
    type: V, principalId: V, arn: V, accountId: V, invokedBy: V, accessKeyId: V, userName: V,
    onBehalfOf: { userId: V, identityStoreArn: V },
    sessionContext: {
      attributes: { mfaAuthenticated: V, creationDate: V },
      sessionIssuer: { type: V, principalId: V, arn: V, accountId: V, userName: V },
      ec2RoleDelivery: V,
      sourceIdentity: V,
      webIdFederationData: { federatedProvider: V, attributes: 'MAP(VARCHAR, VARCHAR)' },
    },
  },
  eventTime: V, eventSource: V, eventName: V, awsRegion: V, sourceIPAddress: V, userAgent: V,
  errorCode: V, errorMessage: V,
  requestParameters: J, responseElements: J, additionalEventData: J,
  requestID: V, eventID: V,
  resources: [{ ARN: V, accountId: V, type: V }],
  eventType: V, apiVersion: V, readOnly: V, recipientAccountId: V,
  serviceEventDetails: J, sharedEventID: V, vpcEndpointId: V, vpcEndpointAccountId: V, eventCategory: V,
  addendum: { reason: V, updatedFields: V, originalRequestID: V, originalEventID: V },
  sessionCredentialFromConsole: V, edgeDeviceDetails: J,
  tlsDetails: { tlsVersion: V, cipherSuite: V, clientProvidedHostHeader: V },
  managementEvent: V, insightDetails: J,
} as const;

export const EVENT_STRUCT_JSON = JSON.stringify(EVENT_STRUCT);
