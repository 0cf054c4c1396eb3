import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../source';
import { CSV_SCHEMA_SQL } from './csv-table';
import { detectCsv } from './detect';
import { CSV_SOURCE_ID, importCsvFile } from './import-csv';

/** Generic delimited text: one VARCHAR table per file, named after the file. */
export const csvSource: LogSource = {
  id: CSV_SOURCE_ID,
  label: 'CSV / delimited text',
  detect: detectCsv,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(CSV_SCHEMA_SQL);
  },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    // Names taken so far, including the tables this batch creates before they are committed.
    const taken = new Set([...(await ctx.existingTables())].map((t) => t.toLowerCase()));
    const results: FileImportResult[] = [];
    for (const file of files) {
      ctx.signal.throwIfAborted();
      results.push(await importCsvFile(ctx, file, taken));
    }
    return results;
  },
};
