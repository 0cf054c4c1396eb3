// AWS Config configuration items: one row per item of a configuration history or snapshot file
// (`configurationItems`), or of a configuration-change notification (`configurationItem`). Column names are
// the Athena user guide's awsconfig struct fields, lower-cased as Athena shows them; relationships,
// configuration, supplementary configuration, tags and related events are kept as JSON.
import type { JsonFormat } from '../json-records/format';

const V = 'VARCHAR';

export const CONFIG_FORMAT: JsonFormat = {
  id: 'config',
  label: 'AWS Config configuration item',
  table: 'config_items',
  columns: [
    { name: 'configurationitemversion', key: 'configurationItemVersion', type: V },
    { name: 'configurationitemcapturetime', key: 'configurationItemCaptureTime', type: V },
    { name: 'configurationstateid', key: 'configurationStateId', type: 'BIGINT' },
    { name: 'awsaccountid', key: 'awsAccountId', type: V },
    { name: 'configurationitemstatus', key: 'configurationItemStatus', type: V },
    { name: 'resourcetype', key: 'resourceType', type: V },
    { name: 'resourceid', key: 'resourceId', type: V },
    { name: 'resourcename', key: 'resourceName', type: V },
    { name: 'arn', key: 'ARN', type: V },
    { name: 'awsregion', key: 'awsRegion', type: V },
    { name: 'availabilityzone', key: 'availabilityZone', type: V },
    { name: 'configurationstatemd5hash', key: 'configurationStateMd5Hash', type: V },
    { name: 'resourcecreationtime', key: 'resourceCreationTime', type: V },
    { name: 'relatedevents', key: 'relatedEvents', type: 'JSON' },
    { name: 'relationships', key: 'relationships', type: 'JSON' },
    { name: 'configuration', key: 'configuration', type: 'JSON' },
    { name: 'supplementaryconfiguration', key: 'supplementaryConfiguration', type: 'JSON' },
    { name: 'tags', key: 'tags', type: 'JSON' },
  ],
  required: ['resourceType', 'configurationItemCaptureTime'],
  computed: [{ name: 'capture_ts', sql: "TRY_CAST(r.configurationItemCaptureTime AS TIMESTAMPTZ) AT TIME ZONE 'UTC'" }],
};
