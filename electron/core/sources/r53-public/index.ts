// Route 53 public DNS query logs: one space-separated line per query answered for a public hosted zone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { detectLines } from '../line-format/detect-lines';
import { importLineFiles } from '../line-format/import-lines';
import { R53_PUBLIC_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
const QUERY_TS = "CAST(try_strptime(g.query_timestamp, ['%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ']) AS TIMESTAMP)";

export const r53PublicSource: LogSource = {
  id: R53_PUBLIC_FORMAT.id,
  label: 'Route 53 public DNS query logs',
  detect: (probe) => detectLines(probe, R53_PUBLIC_FORMAT,
    (m) => `Route 53 public DNS query log: 10 space-separated fields, field 1 a log version (${m[1]}), field 3 a hosted zone id, field 7 ${m[7]}`),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, {
    format: R53_PUBLIC_FORMAT,
    constants: () => [{ name: 'query_ts', sql: QUERY_TS }],
  }),
};
