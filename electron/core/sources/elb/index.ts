// Classic Load Balancer (ELB) access logs: one space-separated line per request or TCP connection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { countFields, detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { partsFromKey } from '../line-format/s3-key';
import { ELB_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

/** How its files are read (exported for the test that compares the CSV and pattern readings). */
export const ELB_IMPORT: LineImport = {
  format: ELB_FORMAT,
  constants: (file) => {
    const key = partsFromKey('elasticloadbalancing', file.relPath, file.originalPath);
    return [literal('day', key.day, "replace(left(g.request_timestamp, 10), '-', '/')"), literal('_account_id', key.account), literal('_region', key.region)];
  },
};

export const elbSource: LogSource = {
  id: ELB_FORMAT.id,
  label: 'Classic ELB access logs',
  detect: (probe) => detectLines(probe, ELB_FORMAT,
    (m) => `Classic ELB access log: ${countFields(m[0])} space-separated fields, field 1 an ISO-8601 time, field 3 client:port, then a quoted request`),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, ELB_IMPORT),
};
