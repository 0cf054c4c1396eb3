// Imports line-format files a batch at a time: Node numbers each file's lines (numbered-text.ts), DuckDB matches
// them against the format's pattern and casts, inserting in the same pass (line-sql.ts). A format with a CSV layout
// (space-separated, decision 0018; or split on its own separator with no quoted field, decision 0026) has the
// lines written exactly as it says split by DuckDB's CSV reader instead (csv-sql.ts); only the others meet the
// pattern. Accounting, checked per file:
// lines read = header lines + imported + rejected; a mismatch fails the file rather than under-report.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { quoteLiteral } from '../../duck/evidence-db';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { readRawLines } from '../vpc-flow/raw-lines';
import { csvColumns, csvLayout, type CsvLayout } from './csv-layout';
import { deleteCsvLinesSql, insertCsvLinesSql, rejectedCsvLinesSql } from './csv-sql';
import { insertAccounted, rowsPerFile, takeMarkedRows } from './batch-rows';
import { copyStatements, evidenceConstant, type FileConstant } from './file-constants';
import { insertLinesSql, rejectedLinesSql, type FileKeys } from './line-sql';
import { copiesDir, writeNumberedText, type NumberedText } from './numbered-text';
import { compile, type CompiledFormat, type LineFormat } from './pattern';

export interface LineImport {
  format: LineFormat;
  /** Per-file column values (from the S3 key), as SQL literals (literal()) or expressions over `g`. */
  constants?(file: StagedFile): FileConstant[];
  /** Lines that are headers, not records (CloudFront's #Version/#Fields). */
  isHeader?(line: Buffer): boolean;
  /** Why the header lines the file held make the whole file unreadable as `format`, or null. */
  checkHeaders?(headers: string[]): string | null;
  /** 'pattern': every line through the format's pattern, even with a CSV layout (the reference it is tested against). */
  readAs?: 'pattern';
}

/**
 * Imports a batch's files: each numbered in Node, then one statement per copy kind for all files of one format
 * (decision 0026: per statement DuckDB's fixed cost outweighed a small file's rows). `spec` may differ per file
 * (CloudFront's header); files sharing a format object are read together.
 */
export async function importLineFiles(ctx: ImportContext, files: StagedFile[], spec: LineImport | ((file: StagedFile) => LineImport)): Promise<FileImportResult[]> {
  const groups = new Map<LineFormat, { file: StagedFile; spec: LineImport }[]>();
  for (const file of files) {
    const s = typeof spec === 'function' ? spec(file) : spec;
    const group = groups.get(s.format) ?? [];
    group.push({ file, spec: s });
    groups.set(s.format, group);
  }
  const results = new Map<number, FileImportResult>();
  for (const group of groups.values()) {
    for (const r of await importLineGroup(ctx, group)) results.set(r.evidenceId, r);
  }
  return files.map((f) => results.get(f.evidenceId)!);
}

// Weak: CloudFront makes a format per #Fields header.
const layouts = new WeakMap<LineFormat, CsvLayout | null>();
function layoutOf(format: LineFormat): CsvLayout | undefined {
  if (!layouts.has(format)) layouts.set(format, csvLayout(format) ?? null);
  return layouts.get(format) ?? undefined;
}

/** One file's copies: the numbered one (pattern) and the CSV one, with what numbering found. */
interface Numbered { file: StagedFile; spec: LineImport; text: NumberedText; copyPath: string; csvPath: string; constants: FileConstant[] }

async function importLineGroup(ctx: ImportContext, group: { file: StagedFile; spec: LineImport }[]): Promise<FileImportResult[]> {
  const { format } = group[0]!.spec;
  const compiled = compile(format);
  const layout = group[0]!.spec.readAs === 'pattern' ? undefined : layoutOf(format);
  const numbered: Numbered[] = [];
  const written: string[] = [];
  try {
    for (const { file, spec } of group) {
      ctx.signal.throwIfAborted();
      const dir = copiesDir(ctx, file.size);
      const copyPath = join(dir, `${format.id}-${file.evidenceId}.numbered`);
      const csvPath = join(dir, `${format.id}-${file.evidenceId}.csv`);
      written.push(copyPath, csvPath);
      const split = layout ? { path: csvPath, count: (b: Buffer, start: number, end: number) => csvColumns(b, start, end, layout), separator: layout.separator.charCodeAt(0) } : undefined;
      const text = await writeNumberedText(file.stagedPath, copyPath, spec.isHeader, split);
      numbered.push({ file, spec, copyPath, csvPath, text, constants: [evidenceConstant(file.evidenceId), ...(spec.constants?.(file) ?? [])] });
    }
    const ids = (files: Numbered[]): number[] => files.map((n) => n.file.evidenceId);
    let csvMarked = new Map<number, number>();
    if (layout) {
      const csv = numbered.filter((n) => (n.text.split ?? 0) > 0);
      // Read typed by DuckDB's CSV reader where the layout allows; a file it did not give whole is read exactly (decision 0025).
      const exact = layout.typed.length > 0 ? await insertTyped(ctx, csv, (paths, constants, keys) => insertCsvLinesSql(paths, format.table, compiled, layout, constants, keys, 'typed')) : csv;
      await insertCopies(ctx, exact, (n) => n.csvPath, (n) => n.text.split ?? 0, (paths, constants, keys) => insertCsvLinesSql(paths, format.table, compiled, layout, constants, keys));
      csvMarked = await takeMarkedRows(ctx.conn, format.table, ids(csv));
    }
    const lines = numbered.filter((n) => n.text.numbered > 0);
    await insertCopies(ctx, lines, (n) => n.copyPath, (n) => n.text.numbered, (paths, constants, keys) => insertLinesSql(paths, format.table, compiled, constants, keys));
    const lineMarked = await takeMarkedRows(ctx.conn, format.table, ids(lines));
    const rows = await rowsPerFile(ctx.conn, format.table, ids(numbered));
    const results: FileImportResult[] = [];
    for (const n of numbered) {
      const id = n.file.evidenceId;
      results.push(await settleFile(ctx, n, compiled, layout, { csv: csvMarked.get(id) ?? 0, lines: lineMarked.get(id) ?? 0 }, rows.get(id) ?? 0));
    }
    return results;
  } finally {
    // Blocking: two small calls per file of a batch of thousands (decision 0026).
    for (const path of written) rmSync(path, { force: true });
  }
}

type CopySql = (paths: string[], constants: { name: string; sql: string }[], keys?: FileKeys) => string;

/**
 * The given files' copies inserted (a line to reject marked by a negative `_ordinal`, line-sql.ts). Every line of
 * a copy is one row: the rows inserted must be the lines written.
 */
async function insertCopies(ctx: ImportContext, files: Numbered[], pathOf: (n: Numbered) => string, linesOf: (n: Numbered) => number, sql: CopySql): Promise<void> {
  for (const st of copyStatements(files, pathOf, (n) => n.constants)) {
    ctx.signal.throwIfAborted();
    await insertAccounted(ctx.conn, sql(st.paths, st.constants, st.keys), st.items.reduce((sum, n) => sum + linesOf(n), 0), 'line');
  }
}

/**
 * The CSV copies read typed (the reader drops a line it cannot convert): returns the files it did not give
 * whole, their rows from that reading removed, to be read exactly (decision 0025).
 */
async function insertTyped(ctx: ImportContext, files: Numbered[], sql: CopySql): Promise<Numbered[]> {
  if (files.length === 0) return [];
  let inserted = 0;
  for (const st of copyStatements(files, (n) => n.csvPath, (n) => n.constants)) {
    ctx.signal.throwIfAborted();
    inserted += Number((await ctx.conn.run(sql(st.paths, st.constants, st.keys))).rowsChanged);
  }
  if (inserted === files.reduce((sum, n) => sum + (n.text.split ?? 0), 0)) return [];
  const table = files[0]!.spec.format.table;
  const rows = await rowsPerFile(ctx.conn, table, files.map((n) => n.file.evidenceId));
  const short = files.filter((n) => rows.get(n.file.evidenceId) !== n.text.split);
  for (const n of short) await ctx.conn.run(deleteCsvLinesSql(n.csvPath, table, n.file.evidenceId));
  return short;
}

/** A file's result: its rejects' reasons (read again only for a file with marked lines), accounting, rejects written. */
async function settleFile(ctx: ImportContext, n: Numbered, compiled: CompiledFormat, layout: CsvLayout | undefined, marked: { csv: number; lines: number }, rows: number): Promise<FileImportResult> {
  const { file, spec, text } = n;
  const { format } = spec;
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  const reasons = new Map(text.rejects);
  if (layout && marked.csv > 0) {
    for (const row of (await ctx.conn.runAndReadAll(rejectedCsvLinesSql(n.csvPath, compiled, layout, format.label))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
  }
  if (marked.lines > 0) {
    for (const row of (await ctx.conn.runAndReadAll(rejectedLinesSql(n.copyPath, compiled, format.label))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
  }
  const imported = (text.split ?? 0) + text.numbered - marked.csv - marked.lines;
  const recordsRead = text.lines - text.headerLines;
  // The table itself must hold what the counts say: a reading that lost a line is caught here, not trusted.
  if (rows !== imported) return { ...base, recordsRead, error: `line accounting failed: ${imported} lines imported, ${rows} rows in ${format.table}` };
  const headerProblem = spec.checkHeaders?.(text.headers) ?? null;
  if (headerProblem) return { ...base, recordsRead, error: headerProblem };
  if (imported + reasons.size !== recordsRead) {
    return { ...base, recordsRead, error: `line accounting failed: ${text.lines} lines, ${text.headerLines} header, ${imported} imported, ${reasons.size} rejected` };
  }
  if (reasons.size > 0) await writeLineRejects(ctx, file, format.id, reasons);
  ctx.progress(recordsRead);
  return { ...base, recordsRead, imported, rejected: reasons.size };
}

async function writeLineRejects(ctx: ImportContext, file: StagedFile, source: string, reasons: Map<number, string>): Promise<void> {
  const lines = [...reasons.keys()].sort((a, b) => a - b);
  const raw = await readRawLines(file.stagedPath, lines);
  await writeRejects(ctx.conn, lines.map((line) => ({
    evidenceId: file.evidenceId, source, ordinal: line, line,
    byteOffset: raw.get(line)?.offset ?? null, reason: reasons.get(line)!, raw: raw.get(line)?.raw ?? '',
  })));
}

/** A per-file literal column (NULL, or the fallback, when the key does not say). */
export function literal(name: string, value: string | null, fallbackSql?: string): FileConstant {
  const lit = value !== null ? quoteLiteral(value) : 'NULL';
  return { name, sql: value !== null ? lit : fallbackSql ?? 'NULL', literal: lit, ...(fallbackSql ? { fallbackSql } : {}) };
}
