// AWS Config: configuration history and snapshot files ({"fileVersion", "configurationItems": [...]}, gzip
// in the S3 layout) and configuration-change notifications ({"configurationItem": {...}}), one row per item.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Detection, LogSource, Probe } from '../source';
import { detectJson } from '../json-records/detect-json';
import { importJsonFiles } from '../json-records/import-json';
import { CONFIG_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

function detect(probe: Probe): Detection | null {
  return detectJson(probe, CONFIG_FORMAT.id, ['configurationItems'], 'AWS Config history or snapshot file')
    ?? detectJson(probe, CONFIG_FORMAT.id, ['configurationItem', 'configurationItemCaptureTime'], 'AWS Config change notification');
}

export const configSource: LogSource = {
  id: CONFIG_FORMAT.id,
  label: 'AWS Config configuration items',
  detect,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: CONFIG_FORMAT, wrappers: ['configurationItems'], unwrapObject: 'configurationItem' }),
};
