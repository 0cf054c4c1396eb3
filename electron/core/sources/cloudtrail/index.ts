import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogSource } from '../source';
import { detectCloudTrail } from './detect';
import { CLOUDTRAIL_BATCH_BYTES, CLOUDTRAIL_BATCH_FILES, importCloudTrailBatch, prepareTrailFile, TRAIL_RECORD_ARRAY } from './import-cloudtrail';
import { SCHEMA_SQL } from './sql';

/** AWS CloudTrail logs: trail files, bare arrays, JSON lines and the event-history export. */
export const cloudTrailSource: LogSource = {
  id: 'cloudtrail',
  label: 'AWS CloudTrail',
  detect: detectCloudTrail,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA_SQL);
  },
  importBatch: importCloudTrailBatch,
  rowHashTables: ['cloudtrail'],
  staging: { batchBytes: CLOUDTRAIL_BATCH_BYTES, batchFiles: CLOUDTRAIL_BATCH_FILES, form: { recordLines: TRAIL_RECORD_ARRAY }, prepare: prepareTrailFile },
};
