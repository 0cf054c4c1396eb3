import { createReadStream } from 'node:fs';
import type { DuckDBAppender } from '@duckdb/node-api';
import { writeRejects, type RejectRecord } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { CsvRecordParser, type ParsedRecord } from './record-parser';
import { sniffCsv, type CsvLayout } from './sniff';
import { columnNames, uniqueTableName } from './table-name';
import { createTableSql, discardCsvFile, recordCsvFile } from './csv-table';
import { csvDecoder, wholeFileEncoding, type CsvEncoding } from './text-encoding';
import { readStagedHead } from '../../intake/stage';

export const CSV_SOURCE_ID = 'csv';
/** Bytes read to decide the layout: enough for a 10,000-column header and a few hundred records. */
const SNIFF_BYTES = 4 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
const REJECT_FLUSH = 1000;
const PROGRESS_EVERY = 8192;
/** Past this the file is refused as a whole: DuckDB copes, an analyst does not. */
export const MAX_COLUMNS = 20_000;

/**
 * Imports one staged CSV file into a new table named after it. Every record is appended (short records
 * padded with NULL, over-long records whose extra fields are all empty trimmed) or written to
 * cairn_rejects; a file that cannot be read as CSV at all comes back with `error` and leaves nothing.
 */
export async function importCsvFile(ctx: ImportContext, file: StagedFile, taken: Set<string>): Promise<FileImportResult> {
  const empty = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [] as string[] };
  const encoding = await wholeFileEncoding(file.stagedPath, ctx.signal);
  const sample = await readStagedHead(file.stagedPath, SNIFF_BYTES);
  const sniffed = sniffCsv(csvDecoder(encoding).decode(sample), sample.length >= file.size);
  if (!sniffed.ok) return { ...empty, error: `not readable as CSV: ${sniffed.reason}` };
  const layout = sniffed.layout;
  if (layout.columnCount > MAX_COLUMNS) {
    return { ...empty, error: `${layout.columnCount} columns; Cairn reads CSV files of up to ${MAX_COLUMNS} columns` };
  }

  const table = uniqueTableName(file.relPath.split(/[\\/]/).pop() ?? file.relPath, taken);
  const columns = columnNames(layout.header, layout.columnCount);
  try {
    await ctx.conn.run(createTableSql(table, columns));
    taken.add(table);
    const counts = await appendRecords(ctx, file, layout, encoding, table);
    await recordCsvFile(ctx.conn, {
      evidenceId: file.evidenceId, table, encoding, delimiter: layout.delimiter, hasHeader: layout.hasHeader,
      columns, header: layout.header, padded: counts.padded, trimmed: counts.trimmed,
    });
    return { ...empty, recordsRead: counts.read, imported: counts.imported, rejected: counts.rejected, tables: [table] };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    // The caller rolls the batch back for any file error; undoing our part here as well keeps the
    // transaction clean if it ever does not. A DuckDB error may have aborted the transaction, in which
    // case the cleanup fails and the rollback does the work, and the original message is what matters.
    await discardCsvFile(ctx.conn, file.evidenceId, table).catch(() => undefined);
    taken.delete(table);
    return { ...empty, error: `CSV import failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

interface Counts { read: number; imported: number; rejected: number; padded: number; trimmed: number }

async function appendRecords(ctx: ImportContext, file: StagedFile, layout: CsvLayout, encoding: CsvEncoding, table: string): Promise<Counts> {
  const counts: Counts = { read: 0, imported: 0, rejected: 0, padded: 0, trimmed: 0 };
  const width = layout.columnCount;
  const rejects: RejectRecord[] = [];
  let headerPending = layout.hasHeader;
  let reported = 0;
  const reject = (r: ParsedRecord, ordinal: number | null, reason: string): void => {
    counts.rejected++;
    rejects.push({ evidenceId: file.evidenceId, source: CSV_SOURCE_ID, ordinal, line: r.line, byteOffset: null, reason, raw: r.raw });
  };

  const appender = await ctx.conn.createAppender(table);
  try {
    const onRecord = (r: ParsedRecord): void => {
      if (r.blank) return; // an empty line holds no record (its line number still counts)
      if (headerPending) {
        // Same rule as the sniffer: the header is the first record that parses.
        if (!r.error) { headerPending = false; return; }
        counts.read++;
        reject(r, null, `before the header: ${r.error}`);
        return;
      }
      const ordinal = ++counts.read;
      if (r.error) { reject(r, ordinal, r.error); return; }
      // DuckDB would keep it, but a NUL cuts the value short in C tools, the report's text and many viewers (decision 0031).
      if (r.raw.indexOf('\u0000') >= 0) { reject(r, ordinal, `contains a NUL character at column ${r.raw.indexOf('\u0000') + 1} of the record`); return; }
      const n = r.fields.length;
      if (n > width && !r.fields.slice(width).every((f) => f === '')) {
        reject(r, ordinal, `record has ${n} fields, the file has ${width} columns`);
        return;
      }
      if (n > width) counts.trimmed++;
      if (n < width) counts.padded++;
      appendRow(appender, r.fields, width);
      appender.appendInteger(file.evidenceId);
      appender.appendBigInt(BigInt(ordinal));
      appender.appendBigInt(BigInt(r.line));
      appender.endRow();
      counts.imported++;
    };

    const parser = new CsvRecordParser(layout.delimiter);
    const decoder = csvDecoder(encoding);
    for await (const chunk of createReadStream(file.stagedPath, { highWaterMark: READ_CHUNK })) {
      ctx.signal.throwIfAborted();
      parser.push(decoder.decode(chunk as Buffer, { stream: true }), false, onRecord);
      if (rejects.length >= REJECT_FLUSH) await writeRejects(ctx.conn, rejects.splice(0));
      if (counts.read - reported >= PROGRESS_EVERY) { ctx.progress(counts.read - reported); reported = counts.read; }
    }
    parser.push(decoder.decode(), true, onRecord);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await writeRejects(ctx.conn, rejects);
  if (counts.read > reported) ctx.progress(counts.read - reported);
  return counts;
}

/** The record's fields, NULL for the ones it lacks (an empty field stays '', so padding stays visible). */
function appendRow(appender: DuckDBAppender, fields: readonly string[], width: number): void {
  for (let i = 0; i < width; i++) {
    const f = fields[i];
    if (f === undefined) appender.appendNull();
    else appender.appendVarchar(f);
  }
}
