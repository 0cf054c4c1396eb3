// Application Load Balancer access logs (.log, .log.gz): one space-separated line per request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { countFields, detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { partsFromKey } from '../line-format/s3-key';
import { ALB_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

/** How its files are read (exported for the test that compares the CSV and pattern readings). */
export const ALB_IMPORT: LineImport = {
  format: ALB_FORMAT,
  constants: (file) => {
    const key = partsFromKey('elasticloadbalancing', file.relPath, file.originalPath);
    return [literal('day', key.day, "replace(left(g.time, 10), '-', '/')"), literal('_account_id', key.account), literal('_region', key.region)];
  },
};

export const albSource: LogSource = {
  id: ALB_FORMAT.id,
  label: 'ALB access logs',
  detect: (probe) => detectLines(probe, ALB_FORMAT,
    (m) => `ALB access log: ${countFields(m[0])} space-separated fields, field 1 is a request type (${m[1]}), field 2 an ISO-8601 time`),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, ALB_IMPORT),
};
