// CloudWatch Logs events, from both ways they leave CloudWatch: export-to-S3 objects and subscription-filter
// envelopes. One table: log group and stream (NULL when an export's key cannot say), the event, and Lambda's
// START/END/REPORT lines parsed (request id, durations, memory), since Lambda's own logs arrive this way.
import type { JsonFormat } from '../json-records/format';

/** A number from a Lambda REPORT line; the separators are TABs, or the two characters `\t` when re-encoded. */
const report = (label: string): string =>
  // The regex needs the label's text: messages without it (most) skip a scan of the whole message (decision 0017).
  `CASE WHEN contains(r.message, '${label}: ') THEN TRY_CAST(nullif(regexp_extract(r.message, '${label}: ([0-9.]+) (?:ms|MB)', 1), '') AS DOUBLE) END`;

export const CLOUDWATCH_FORMAT: JsonFormat = {
  id: 'cloudwatch',
  label: 'CloudWatch Logs event',
  table: 'cloudwatch_logs',
  columns: [
    { name: 'log_group', key: 'logGroup', type: 'VARCHAR' },
    { name: 'log_stream', key: 'logStream', type: 'VARCHAR' },
    { name: 'owner', key: 'owner', type: 'VARCHAR' },
    { name: 'event_id', key: 'id', type: 'VARCHAR' },
    { name: 'timestamp', key: 'timestamp', type: 'BIGINT' },
    { name: 'message', key: 'message', type: 'VARCHAR' },
  ],
  required: ['timestamp', 'message'],
  computed: [
    { name: 'event_ts', sql: 'CAST(make_timestamp(r."timestamp" * 1000) AS TIMESTAMP)' },
    { name: 'lambda_event', sql: "nullif(regexp_extract(r.message, '^(START|END|REPORT|INIT_START) ', 1), '')" },
    { name: 'request_id', sql: "nullif(regexp_extract(r.message, '^(?:START|END|REPORT) RequestId: ([0-9A-Za-z-]+)', 1), '')" },
    // "Billed Duration" and "Init Duration" follow a space; the run time follows the separator.
    { name: 'duration_ms', sql: "TRY_CAST(nullif(regexp_extract(r.message, '^REPORT .*[^ ]Duration: ([0-9.]+) ms', 1), '') AS DOUBLE)" },
    { name: 'billed_duration_ms', sql: report('Billed Duration') },
    { name: 'memory_size_mb', sql: report('Memory Size') },
    { name: 'max_memory_used_mb', sql: report('Max Memory Used') },
    { name: 'init_duration_ms', sql: report('Init Duration') },
  ],
};
