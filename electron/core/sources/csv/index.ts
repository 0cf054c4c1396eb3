import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../source';
import { CSV_SCHEMA_SQL } from './csv-table';
import { detectCsv } from './detect';
import { CSV_SOURCE_ID, importCsvFile } from './import-csv';

/**
 * Generic delimited text: one table per file, named after the file (table-name.ts).
 *
 * - Detection (confidence 0.2, so specific formats win): comma, semicolon, tab or pipe splitting at least
 *   70 % of the sampled records into two or more fields; JSON, NUL/control-character content and text
 *   that no delimiter splits are not CSV. Encoding: BOM (UTF-8, UTF-16 LE/BE), else UTF-8 if the whole
 *   file is valid UTF-8, else Windows-1252 (lossless for every byte).
 * - Columns: all VARCHAR, exactly the text between delimiters ('' stays ''), so no type guess can lose
 *   a value. Column count = header fields (or the most common data field count if larger); without a
 *   header, the widest sampled record.
 * - Records: short ones padded with NULL (counted in cairn_csv_files.padded_records); longer ones are
 *   rejected unless every extra field is empty (trailing delimiters; counted as trimmed_records).
 * - Provenance: `_ordinal` = 1-based data record number (header and blank lines excluded), `_line` =
 *   1-based physical line where the record starts in the decoded text (the header is line 1).
 */
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
