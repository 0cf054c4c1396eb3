// Network Load Balancer TLS access logs: one space-separated line per TLS connection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { countFields, detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { partsFromKey } from '../line-format/s3-key';
import { NLB_TLS_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

/** How its files are read (exported for the test that compares the CSV and pattern readings). */
export const NLB_TLS_IMPORT: LineImport = {
  format: NLB_TLS_FORMAT,
  constants: (file) => {
    const key = partsFromKey('elasticloadbalancing', file.relPath, file.originalPath);
    return [literal('day', key.day, "replace(left(g.time, 10), '-', '/')"), literal('_account_id', key.account), literal('_region', key.region)];
  },
};

export const nlbTlsSource: LogSource = {
  id: NLB_TLS_FORMAT.id,
  label: 'NLB TLS access logs',
  detect: (probe) => detectLines(probe, NLB_TLS_FORMAT,
    (m) => `NLB TLS access log: ${countFields(m[0])} space-separated fields, field 1 is 'tls', field 2 a log version (${m[2]}), field 4 a net/ load balancer`),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, NLB_TLS_IMPORT),
};
