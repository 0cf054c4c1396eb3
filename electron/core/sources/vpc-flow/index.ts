// VPC Flow Logs (and Transit Gateway flow logs): text with a header, header-less default format,
// CloudWatch Logs exports, and Parquet; all read through the view vpc_flow_logs (see schema.sql).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../source';
import { detectVpcFlow, PARQUET_FORMAT } from './detect';
import { importParquetFile } from './import-parquet';
import { importTextFiles, prepareTextFile, SOURCE_ID } from './import-text';
import { NUMBERING_FIRST_LINE } from './layout';
import { MAX_LINE_BYTES } from './numbered-copy';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
/** Cases made before the two-table layout hold every row in a table named vpc_flow_logs. */
const OLD_TABLE_SQL = "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'vpc_flow_logs'";
const MOVE_OLD_TABLE_SQL = `DROP VIEW IF EXISTS vpc_flow_logs_parquet; DROP VIEW IF EXISTS vpcflow;
ALTER TABLE vpc_flow_logs RENAME TO vpc_flow_logs_all_fields;`;

export const vpcFlowSource: LogSource = {
  id: SOURCE_ID,
  label: 'VPC Flow Logs',
  detect: detectVpcFlow,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    const old = await conn.runAndReadAll(OLD_TABLE_SQL);
    if (Number(old.getRowObjectsJS()[0]?.n ?? 0) > 0) await conn.run(MOVE_OLD_TABLE_SQL);
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
  staging: {
    // Plain text is numbered on the staging thread, from the content already in memory (decision 0012).
    form: { numberedLines: { source: SOURCE_ID, ...NUMBERING_FIRST_LINE, maxLineBytes: MAX_LINE_BYTES } },
    // Numbered copies of the other text files are written while DuckDB imports the batch before.
    prepare: (ctx, file) => file.detection.format === PARQUET_FORMAT ? Promise.resolve(null) : prepareTextFile(ctx, file),
  },
};
