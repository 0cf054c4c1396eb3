// Sigma field names of CloudTrail records (as the record spells them) mapped onto the cloudtrail table.
// A field's value is text or NULL; struct and JSON sub-fields are read by JSON path, so a sub-field the
// schema does not name is simply absent (NULL), never a binder error.

const TEXT_COLUMNS = [
  'eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode',
  'errorMessage', 'requestID', 'eventID', 'eventType', 'apiVersion', 'readOnly', 'recipientAccountId', 'sharedEventID',
  'vpcEndpointId', 'vpcEndpointAccountId', 'eventCategory', 'sessionCredentialFromConsole', 'managementEvent',
];
const JSON_COLUMNS = ['requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails', 'edgeDeviceDetails', 'insightDetails'];
const STRUCT_COLUMNS = ['userIdentity', 'addendum', 'tlsDetails', 'resources'];

/** A field as SQL: `scalar` is one text value (or NULL); `list`, when set, holds the values found through a JSON array. */
export interface FieldSql { scalar: string; list: string | null }

export class FieldError extends Error {}

const byLower = (names: string[]): Map<string, string> => new Map(names.map((n) => [n.toLowerCase(), n]));
const TEXT = byLower(TEXT_COLUMNS);
const JSON_ = byLower(JSON_COLUMNS);
const STRUCT = byLower(STRUCT_COLUMNS);

/** Maps `eventName`, `userIdentity.arn`, `requestParameters.bucketName`, ... (case-insensitively) to SQL over the table alias t. */
export function cloudTrailField(field: string): FieldSql {
  const [head, ...rest] = field.split('.');
  const key = head!.toLowerCase();
  if (rest.some((s) => !/^[A-Za-z0-9_-]+$/.test(s))) throw new FieldError(`field ${field}: a path segment holds characters Cairn does not map`);
  if (TEXT.has(key)) {
    if (rest.length) throw new FieldError(`field ${field}: ${TEXT.get(key)} has no sub-fields`);
    return { scalar: `t.${key}`, list: null };
  }
  if (JSON_.has(key)) {
    // A whole JSON field: a JSON string is its text, anything else its JSON text.
    if (!rest.length) return { scalar: `CASE WHEN json_type(t.${key}) = 'VARCHAR' THEN json_extract_string(t.${key}, '$') ELSE CAST(t.${key} AS VARCHAR) END`, list: null };
    return jsonPath(`t.${key}`, rest);
  }
  if (STRUCT.has(key)) {
    const path = [key, ...rest.map((x) => x.toLowerCase())].join('.');
    if (STRUCT_PATHS.has(path)) return { scalar: `t.${path}`, list: null };
    // A sub-field the schema does not name: read from the struct as JSON, so it is absent rather than an error.
    const col = `to_json(t.${key})`;
    if (!rest.length) return { scalar: `CAST(${col} AS VARCHAR)`, list: null };
    return { scalar: `json_extract_string(${col}, ${literal(`$.${rest.map((x) => x.toLowerCase()).join('.')}`)})`, list: null };
  }
  throw new FieldError(`field ${field} is not a field of CloudTrail records`);
}

/**
 * A JSON sub-field: the path as written, else with each key's first letter in the other case (CloudTrail writes
 * both ConsoleLogin and consoleLogin), read in one parse; a path whose first step is an array is also searched
 * in every element.
 */
function jsonPath(col: string, segs: string[]): FieldSql {
  const flip = (f: (c: string) => string): string => `$.${segs.map((x) => f(x[0]!) + x.slice(1)).join('.')}`;
  const paths = [...new Set([`$.${segs.join('.')}`, flip((c) => c.toLowerCase()), flip((c) => c.toUpperCase())])];
  const scalar = `list_filter(json_extract_string(${col}, [${paths.map(literal).join(', ')}]), _v -> _v IS NOT NULL)[1]`;
  const list = segs.length > 1 ? `json_extract_string(${col}, ${literal(`$.${segs[0]}[*].${segs.slice(1).join('.')}`)})` : null;
  return { scalar, list };
}

/** Struct sub-fields of the cloudtrail table (sources/cloudtrail/schema.sql; a test binds every one). */
export const STRUCT_PATHS: ReadonlySet<string> = new Set([
  ...['type', 'principalid', 'arn', 'accountid', 'invokedby', 'accesskeyid', 'username', 'onbehalfof', 'onbehalfof.userid',
    'onbehalfof.identitystorearn', 'sessioncontext', 'sessioncontext.attributes', 'sessioncontext.attributes.mfaauthenticated',
    'sessioncontext.attributes.creationdate', 'sessioncontext.sessionissuer', 'sessioncontext.sessionissuer.type',
    'sessioncontext.sessionissuer.principalid', 'sessioncontext.sessionissuer.arn', 'sessioncontext.sessionissuer.accountid',
    'sessioncontext.sessionissuer.username', 'sessioncontext.ec2roledelivery', 'sessioncontext.sourceidentity',
    'sessioncontext.webidfederationdata', 'sessioncontext.webidfederationdata.federatedprovider'].map((x) => `useridentity.${x}`),
  ...['reason', 'updatedfields', 'originalrequestid', 'originaleventid'].map((x) => `addendum.${x}`),
  ...['tlsversion', 'ciphersuite', 'clientprovidedhostheader'].map((x) => `tlsdetails.${x}`),
]);

export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
