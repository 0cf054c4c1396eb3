// Route 53 Resolver query logs: JSON lines as delivered to S3 (or one pretty-printed record, or an array).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { detectJson } from '../json-records/detect-json';
import { importJsonFiles } from '../json-records/import-json';
import { R53_RESOLVER_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

export const r53ResolverSource: LogSource = {
  id: R53_RESOLVER_FORMAT.id,
  label: 'Route 53 Resolver query logs',
  detect: (probe) => detectJson(probe, R53_RESOLVER_FORMAT.id, ['query_name', 'query_timestamp', 'srcaddr', 'rcode'], 'Route 53 Resolver query log'),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: R53_RESOLVER_FORMAT }),
};
