// Imports line-format files one at a time: Node numbers the lines (numbered-text.ts), DuckDB matches each
// against the format's pattern and casts, inserting in the same pass (line-sql.ts). A space-separated format
// with a CSV layout has the lines written exactly as it says split by DuckDB's CSV reader instead (csv-sql.ts,
// decision 0018); only the others meet the pattern. Accounting, checked per file:
// lines read = header lines + imported + rejected; a mismatch fails the file rather than under-report.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { quoteLiteral } from '../../duck/evidence-db';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { readRawLines } from '../vpc-flow/raw-lines';
import { csvColumns, csvLayout, type CsvLayout } from './csv-layout';
import { insertCsvCopy, rejectedCsvLinesSql } from './csv-sql';
import { countMarkedSql, deleteMarkedSql, insertLinesSql, rejectedLinesSql } from './line-sql';
import { writeNumberedText } from './numbered-text';
import { compile, type LineFormat } from './pattern';

export interface LineImport {
  format: LineFormat;
  /** Per-file column values (from the S3 key), as SQL literals or expressions over `g`. */
  constants?(file: StagedFile): { name: string; sql: string }[];
  /** Lines that are headers, not records (CloudFront's #Version/#Fields). */
  isHeader?(line: Buffer): boolean;
  /** Why the header lines the file held make the whole file unreadable as `format`, or null. */
  checkHeaders?(headers: string[]): string | null;
  /** 'pattern': every line through the format's pattern, even with a CSV layout (the reference it is tested against). */
  readAs?: 'pattern';
}

export async function importLineFiles(ctx: ImportContext, files: StagedFile[], spec: LineImport): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const file of files) {
    ctx.signal.throwIfAborted();
    results.push(await importLineFile(ctx, file, spec));
  }
  return results;
}

const layouts = new Map<LineFormat, CsvLayout | undefined>();
function layoutOf(format: LineFormat): CsvLayout | undefined {
  if (!layouts.has(format)) layouts.set(format, csvLayout(format));
  return layouts.get(format);
}

async function importLineFile(ctx: ImportContext, file: StagedFile, spec: LineImport): Promise<FileImportResult> {
  const { format } = spec;
  const compiled = compile(format);
  // A format already split on its separator keeps that reading (decision 0017).
  const layout = spec.readAs === 'pattern' || compiled.split ? undefined : layoutOf(format);
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  const copyPath = join(ctx.tmpDir, `${format.id}-${file.evidenceId}.numbered`);
  const csvPath = join(ctx.tmpDir, `${format.id}-${file.evidenceId}.csv`);
  try {
    const split = layout ? { path: csvPath, count: (b: Buffer, start: number, end: number) => csvColumns(b, start, end, layout) } : undefined;
    const text = await writeNumberedText(file.stagedPath, copyPath, spec.isHeader, split);
    const reasons = new Map(text.rejects);
    let imported = 0;
    const constants = [{ name: '_evidence_id', sql: String(Math.trunc(file.evidenceId)) }, ...(spec.constants?.(file) ?? [])];
    if (layout && (text.split ?? 0) > 0) {
      const inserted = await insertCsvCopy(ctx.conn, csvPath, text.split!, format.table, compiled, layout, constants, file.evidenceId);
      const marked = await takeMarked(ctx, format.table, file.evidenceId);
      imported += inserted - marked;
      if (marked > 0) {
        for (const row of (await ctx.conn.runAndReadAll(rejectedCsvLinesSql(csvPath, compiled, layout, format.label))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
      }
    }
    if (text.numbered > 0) {
      const inserted = Number((await ctx.conn.run(insertLinesSql(copyPath, format.table, compiled, constants))).rowsChanged);
      const marked = await takeMarked(ctx, format.table, file.evidenceId);
      imported += inserted - marked;
      // Only a file with lines to reject is read a second time, for their reasons (decision 0017).
      if (marked > 0) {
        for (const row of (await ctx.conn.runAndReadAll(rejectedLinesSql(copyPath, compiled, format.label))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
      }
    }
    const recordsRead = text.lines - text.headerLines;
    const headerProblem = spec.checkHeaders?.(text.headers) ?? null;
    if (headerProblem) return { ...base, recordsRead, error: headerProblem };
    if (imported + reasons.size !== recordsRead) {
      return { ...base, recordsRead, error: `line accounting failed: ${text.lines} lines, ${text.headerLines} header, ${imported} imported, ${reasons.size} rejected` };
    }
    if (reasons.size > 0) await writeLineRejects(ctx, file, format.id, reasons);
    ctx.progress(recordsRead);
    return { ...base, recordsRead, imported, rejected: reasons.size };
  } finally {
    await fsp.rm(copyPath, { force: true });
    await fsp.rm(csvPath, { force: true });
  }
}

/** How many rows of the file the insert marked to be rejected; they are removed. */
export async function takeMarked(ctx: ImportContext, table: string, evidenceId: number): Promise<number> {
  const marked = Number((await ctx.conn.runAndReadAll(countMarkedSql(table, evidenceId))).getRowObjects()[0]?.n ?? 0);
  if (marked > 0) await ctx.conn.run(deleteMarkedSql(table, evidenceId));
  return marked;
}

async function writeLineRejects(ctx: ImportContext, file: StagedFile, source: string, reasons: Map<number, string>): Promise<void> {
  const lines = [...reasons.keys()].sort((a, b) => a - b);
  const raw = await readRawLines(file.stagedPath, lines);
  await writeRejects(ctx.conn, lines.map((line) => ({
    evidenceId: file.evidenceId, source, ordinal: line, line,
    byteOffset: raw.get(line)?.offset ?? null, reason: reasons.get(line)!, raw: raw.get(line)?.raw ?? '',
  })));
}

/** A per-file literal column (NULL when the key does not say). */
export function literal(name: string, value: string | null, fallbackSql?: string): { name: string; sql: string } {
  return { name, sql: value !== null ? quoteLiteral(value) : fallbackSql ?? 'NULL' };
}
