// GuardDuty findings: the Athena user guide's gd_logs columns in its order (resource and service kept as
// JSON; severity a number, as GuardDuty writes it, where Athena's SerDe says string), the finding fields the
// DDL lacks, and computed columns for what a responder filters on. Keys are the finding's camelCase (the
// S3 export and EventBridge); `aws guardduty get-findings` output (PascalCase) is read as that (layout.ts).
import type { JsonFormat } from '../json-records/format';

const V = 'VARCHAR';
const J = "j->>'$.";
const remote = (action: string): string => `${J}service.action.${action}.remoteIpDetails.ipAddressV4'`;
const ts = (sql: string): string => `TRY_CAST(${sql} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'`;

export const GUARDDUTY_FORMAT: JsonFormat = {
  id: 'guardduty',
  label: 'GuardDuty finding',
  table: 'guardduty_findings',
  columns: [
    { name: 'schemaversion', key: 'schemaVersion', type: V },
    { name: 'accountid', key: 'accountId', type: V },
    { name: 'region', key: 'region', type: V },
    { name: 'partition', key: 'partition', type: V },
    { name: 'id', key: 'id', type: V },
    { name: 'arn', key: 'arn', type: V },
    { name: 'type', key: 'type', type: V },
    { name: 'resource', key: 'resource', type: 'JSON' },
    { name: 'service', key: 'service', type: 'JSON' },
    { name: 'severity', key: 'severity', type: 'DOUBLE' },
    { name: 'createdat', key: 'createdAt', type: V },
    { name: 'updatedat', key: 'updatedAt', type: V },
    { name: 'title', key: 'title', type: V },
    { name: 'description', key: 'description', type: V },
    { name: 'confidence', key: 'confidence', type: 'DOUBLE' },
    { name: 'associatedattacksequencearn', key: 'associatedAttackSequenceArn', type: V },
  ],
  required: ['id', 'type', 'updatedAt'],
  computed: [
    { name: 'created_ts', sql: ts('r.createdAt') },
    { name: 'updated_ts', sql: ts('r.updatedAt') },
    // The GuardDuty user guide's severity levels.
    { name: 'severity_label', sql: "CASE WHEN r.severity >= 9 THEN 'Critical' WHEN r.severity >= 7 THEN 'High' WHEN r.severity >= 4 THEN 'Medium' WHEN r.severity IS NOT NULL THEN 'Low' END" },
    { name: 'resource_type', sql: `${J}resource.resourceType'` },
    { name: 'action_type', sql: `${J}service.action.actionType'` },
    { name: 'remote_ip', sql: `coalesce(${remote('awsApiCallAction')}, ${remote('networkConnectionAction')}, ${remote('kubernetesApiCallAction')}, ${remote('rdsLoginAttemptAction')},
      ${J}service.action.portProbeAction.portProbeDetails[0].remoteIpDetails.ipAddressV4', ${J}service.action.awsApiCallAction.remoteIpDetails.ipAddressV6')` },
    { name: 'api', sql: `${J}service.action.awsApiCallAction.api'` },
    { name: 'principal', sql: `coalesce(${J}resource.accessKeyDetails.userName', ${J}resource.kubernetesDetails.kubernetesUserDetails.username')` },
    { name: 'access_key_id', sql: `${J}resource.accessKeyDetails.accessKeyId'` },
    { name: 'instance_id', sql: `${J}resource.instanceDetails.instanceId'` },
    { name: 'first_seen_ts', sql: ts(`${J}service.eventFirstSeen'`) },
    { name: 'last_seen_ts', sql: ts(`${J}service.eventLastSeen'`) },
    { name: 'occurrences', sql: `TRY_CAST(${J}service.count' AS BIGINT)` },
    { name: 'archived', sql: `TRY_CAST(${J}service.archived' AS BOOLEAN)` },
    // GuardDuty's generated sample findings say so; a responder must not chase them.
    { name: 'sample', sql: `coalesce(TRY_CAST(${J}service.additionalInfo.sample' AS BOOLEAN), false)` },
  ],
};
