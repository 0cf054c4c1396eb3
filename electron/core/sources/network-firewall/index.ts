// AWS Network Firewall logs: JSON lines as delivered to S3 (alert, flow and TLS logs), or one record.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { detectJson } from '../json-records/detect-json';
import { createTableSql } from '../json-records/format';
import { importJsonFiles } from '../json-records/import-json';
import { ANF_FORMAT } from './format';

// The table's columns are the format's (event struct and all), then the computed and provenance ones.
const SCHEMA = createTableSql(ANF_FORMAT, [['event_ts', 'TIMESTAMP'], ['_unknown_fields', 'JSON'], ['_raw', 'VARCHAR USING COMPRESSION zstd']]);

export const networkFirewallSource: LogSource = {
  id: ANF_FORMAT.id,
  label: 'AWS Network Firewall logs',
  detect: (probe) => detectJson(probe, ANF_FORMAT.id, ['firewall_name', 'availability_zone', 'event_timestamp', 'event'], 'AWS Network Firewall log'),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: ANF_FORMAT, raw: true }),
};
