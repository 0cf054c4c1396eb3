// Amazon S3 server access logs: one space-separated line per request, a bracketed time, quoted fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { countFields, detectLines } from '../line-format/detect-lines';
import { importLineFiles, type LineImport } from '../line-format/import-lines';
import { S3_ACCESS_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
/** `06/Feb/2019:00:00:38 +0000` as a UTC timestamp (the line already matched the bracketed time's shape). */
const REQUEST_TS = "CAST(try_strptime(g.requestdatetime, '%d/%b/%Y:%H:%M:%S %z') AT TIME ZONE 'UTC' AS TIMESTAMP)";

/** How its files are read (exported for the test that compares the CSV and pattern readings). */
export const S3_ACCESS_IMPORT: LineImport = {
  format: S3_ACCESS_FORMAT,
  constants: () => [{ name: 'request_ts', sql: REQUEST_TS }],
};

export const s3AccessSource: LogSource = {
  id: S3_ACCESS_FORMAT.id,
  label: 'S3 server access logs',
  // The bracketed time holds one space: it is one field.
  detect: (probe) => detectLines(probe, S3_ACCESS_FORMAT,
    (m) => `S3 server access log: ${countFields(m[0]) - 1} space-separated fields, field 3 a bracketed time, field 7 an operation (${m[7]}), field 9 a quoted request`),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, S3_ACCESS_IMPORT),
};
