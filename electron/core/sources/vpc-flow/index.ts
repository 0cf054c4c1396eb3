// VPC Flow Logs (and Transit Gateway flow logs): text with a header, header-less default format,
// CloudWatch Logs exports, and Parquet; all land in vpc_flow_logs (see schema.sql).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../source';
import { detectVpcFlow, PARQUET_FORMAT } from './detect';
import { importParquetFile } from './import-parquet';
import { importTextFiles, SOURCE_ID } from './import-text';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

export const vpcFlowSource: LogSource = {
  id: SOURCE_ID,
  label: 'VPC Flow Logs',
  detect: detectVpcFlow,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    // Text files are read together (one statement per layout); Parquet files one at a time.
    const text = await importTextFiles(ctx, files.filter((f) => f.detection.format !== PARQUET_FORMAT));
    const results: FileImportResult[] = [];
    for (const file of files) {
      if (ctx.signal.aborted) throw new Error('import cancelled');
      results.push(file.detection.format === PARQUET_FORMAT ? await importParquetFile(ctx, file) : text.get(file.evidenceId)!);
    }
    return results;
  },
};
