// AWS WAF web ACL logs: JSON lines as delivered to S3 or Firehose (or one record, or an array).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { detectJson } from '../json-records/detect-json';
import { importJsonFiles } from '../json-records/import-json';
import { WAF_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

export const wafSource: LogSource = {
  id: WAF_FORMAT.id,
  label: 'AWS WAF logs',
  detect: (probe) => detectJson(probe, WAF_FORMAT.id, ['webaclId', 'terminatingRuleId', 'httpRequest', 'action'], 'AWS WAF log'),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: WAF_FORMAT, raw: true }),
};
