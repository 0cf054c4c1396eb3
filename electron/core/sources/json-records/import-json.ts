// Imports JSON-record files a batch at a time (records.ts numbers each, json-sql.ts checks and inserts them all).
// Accounting, checked per file: records read = imported + rejected (blank lines between JSON lines are
// rejected as such); a mismatch fails the file rather than under-report.
import { promises as fsp, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { readRawLines } from '../vpc-flow/raw-lines';
import type { JsonFormat } from './format';
import { deleteFileRowsSql, insertJsonSql, notAsWrittenSql, rejectedJsonSql } from './json-sql';
import { insertAccounted, rowsPerFile, takeMarkedRows } from '../line-format/batch-rows';
import { copyStatements, evidenceConstant, type CopyStatement } from '../line-format/file-constants';
import type { FileKeys } from '../line-format/line-sql';
import { copiesDir } from '../line-format/numbered-text';
import { DocumentError, writeRecordLines, type AsWrittenCheck, type RecordsLayout } from './records';

export interface JsonImport {
  format: JsonFormat;
  /** Keys of a document object that hold its records (e.g. GuardDuty's `findings`). */
  wrappers?: string[];
  /** Key of a document object that holds its one record (an AWS Config change notification's configurationItem). */
  unwrapObject?: string;
  /** Keep each record's JSON text in `_raw` (formats whose nested keys the DDL cannot all name). */
  raw?: boolean;
  /** The INSERT of direct copies (RecordsLayout `direct`), all of a batch's at once, as insertJsonSql takes evidence and keys. */
  directSql?(paths: string[], evidence: string, keys?: FileKeys): string;
  /** Writes the numbered copy itself, for layouts records.ts does not know (CloudWatch envelopes and exports). */
  records?(stagedPath: string, copyPath: string, size: number): Promise<RecordsLayout>;
}

/**
 * Imports a batch's files: each turned into its numbered copy in Node, then one INSERT for all their copies
 * (decision 0026: per statement DuckDB's fixed cost outweighed a small file's records), the evidence id of each
 * row from a per-file table joined on the copy's path.
 */
export async function importJsonFiles(ctx: ImportContext, files: StagedFile[], spec: JsonImport): Promise<FileImportResult[]> {
  const { format } = spec;
  const copies: Copy[] = [];
  const results = new Map<number, FileImportResult>();
  try {
    for (const file of files) {
      ctx.signal.throwIfAborted();
      const copy = await writeCopy(ctx, file, spec);
      if ('error' in copy) results.set(file.evidenceId, copy.error);
      else copies.push(copy);
    }
    const marked = new Map<number, number>();
    const unreadable = new Map<number, string>();
    // A file whose as-written check fails is read again the way its layout says otherwise (decision 0024).
    for (let pending = copies; pending.length > 0; ) pending = await insertCopies(ctx, spec, pending, marked, copies, unreadable);
    for (const [id, why] of unreadable) results.set(id, { evidenceId: id, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table], error: why });
    const settled = copies.filter((c) => !unreadable.has(c.file.evidenceId));
    const rows = await rowsPerFile(ctx.conn, format.table, settled.map((c) => c.file.evidenceId));
    for (const copy of settled) results.set(copy.file.evidenceId, await settleFile(ctx, copy, spec, marked.get(copy.file.evidenceId) ?? 0, rows.get(copy.file.evidenceId) ?? 0));
    return files.map((f) => results.get(f.evidenceId)!);
  } finally {
    // Blocking: small calls per file of a batch of thousands (decision 0026).
    for (const c of copies) {
      rmSync(c.copyPath, { force: true });
      if (c.directPath) rmSync(c.directPath, { force: true });
    }
  }
}

/**
 * Inserts the copies (direct ones, then numbered ones: one statement each, per as-written check), removes the rows
 * marked to be rejected (counted in `marked`), and returns the copies to insert again: those whose as-written check
 * failed, their rows removed, laid out anew (replaced in `all`).
 */
async function insertCopies(ctx: ImportContext, spec: JsonImport, copies: Copy[], marked: Map<number, number>, all: Copy[], unreadable: Map<number, string>): Promise<Copy[]> {
  const { format } = spec;
  // Every record line of a copy is one row: the rows inserted must be the records written.
  const direct = copies.filter((c) => c.direct > 0);
  if (direct.length > 0 && !spec.directSql) throw new Error(`${format.id}: direct copies but no SQL to read them`);
  for (const st of keyed(direct, (c) => c.directPath!)) {
    await insertAccounted(ctx.conn, spec.directSql!(st.paths, st.constants[0]!.sql, st.keys), st.items.reduce((n, c) => n + c.direct, 0), 'record');
  }
  const numbered = copies.filter((c) => c.numbered > 0);
  const checks = new Map<string | undefined, Copy[]>();
  for (const c of numbered) {
    const sql = c.layout.kind === 'lines' ? c.layout.asWritten?.sql : undefined;
    checks.set(sql, [...(checks.get(sql) ?? []), c]);
  }
  for (const [check, group] of checks) {
    for (const st of keyed(group, (c) => c.copyPath)) {
      await insertAccounted(ctx.conn, insertJsonSql(st.paths, format, st.constants[0]!.sql, spec.raw ?? false, st.keys, check), st.items.reduce((n, c) => n + c.numbered, 0), 'record');
    }
  }
  const again: Copy[] = [];
  const checked = numbered.filter((c) => c.layout.kind === 'lines' && c.layout.asWritten);
  if (checked.length > 0) {
    const failed = new Set((await ctx.conn.runAndReadAll(notAsWrittenSql(format.table, checked.map((c) => c.file.evidenceId)))).getRowObjects().map((r) => Number(r.evidence_id)));
    for (const c of checked.filter((x) => failed.has(x.file.evidenceId))) {
      await ctx.conn.run(deleteFileRowsSql(format.table, c.file.evidenceId));
      const layout = await layoutOf(() => (c.layout as { asWritten: AsWrittenCheck }).asWritten.otherwise());
      if (typeof layout === 'string') { unreadable.set(c.file.evidenceId, layout); continue; }
      const redo = copyOf(c.file, layout, c.copyPath);
      all[all.indexOf(c)] = redo;
      again.push(redo);
    }
  }
  const kept = numbered.filter((c) => !again.some((a) => a.file === c.file) && !unreadable.has(c.file.evidenceId));
  for (const [id, n] of await takeMarkedRows(ctx.conn, format.table, kept.map((c) => c.file.evidenceId))) marked.set(id, n);
  return again;
}

/** A layout, or the reason the file as a whole cannot be read as records. */
async function layoutOf(make: () => Promise<RecordsLayout>): Promise<RecordsLayout | string> {
  try { return await make(); } catch (e) {
    if (e instanceof DocumentError) return e.message;
    throw e;
  }
}

/** The copies as statements whose one constant is the evidence id (file-constants.ts): a number, or read from `k` by path. */
const keyed = (copies: Copy[], pathOf: (c: Copy) => string): CopyStatement<Copy>[] => copyStatements(copies, pathOf, (c) => [evidenceConstant(c.file.evidenceId)]);

/** A file's numbered copy (and direct copy, CloudWatch exports) and what writing them found. */
interface Copy { file: StagedFile; layout: RecordsLayout; copyPath: string; directPath?: string; reasons: Map<number, string>; recordsRead: number; direct: number; numbered: number }

async function writeCopy(ctx: ImportContext, file: StagedFile, spec: JsonImport): Promise<Copy | { error: FileImportResult }> {
  const copyPath = join(copiesDir(ctx, file.size), `${spec.format.id}-${file.evidenceId}.records`);
  const layout = await layoutOf(() => spec.records ? spec.records(file.stagedPath, copyPath, file.size) : writeRecordLines(file.stagedPath, copyPath, file.size, spec.wrappers, spec.unwrapObject));
  if (typeof layout === 'string') {
    await fsp.rm(copyPath, { force: true });
    return { error: { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [spec.format.table], error: layout } };
  }
  return copyOf(file, layout, copyPath);
}

function copyOf(file: StagedFile, layout: RecordsLayout, copyPath: string): Copy {
  const reasons = new Map(layout.kind === 'lines' ? layout.text.rejects : layout.rejects);
  const recordsRead = layout.kind === 'lines' ? layout.text.lines : layout.records;
  const direct = layout.kind === 'lines' ? layout.direct : undefined;
  const records = direct?.records ?? 0;
  return { file, layout, copyPath, ...(direct ? { directPath: direct.path } : {}), reasons, recordsRead, direct: records, numbered: recordsRead - reasons.size - records };
}

/** A file's result: its rejects' reasons (read again only for a file with marked records), accounting, rejects written. */
async function settleFile(ctx: ImportContext, copy: Copy, spec: JsonImport, marked: number, rows: number): Promise<FileImportResult> {
  const { format } = spec;
  const { file, layout, reasons, recordsRead } = copy;
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  // Only a file with records to reject is read a second time, for their reasons (decision 0017).
  if (marked > 0) {
    for (const row of (await ctx.conn.runAndReadAll(rejectedJsonSql(copy.copyPath, format, spec.raw ?? false))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
  }
  const imported = copy.direct + copy.numbered - marked;
  // The table itself must hold what the counts say.
  if (rows !== imported) return { ...base, recordsRead, error: `record accounting failed: ${imported} records imported, ${rows} rows in ${format.table}` };
  if (imported + reasons.size !== recordsRead) {
    return { ...base, recordsRead, error: `record accounting failed: ${recordsRead} records, ${imported} imported, ${reasons.size} rejected` };
  }
  if (reasons.size > 0) {
    const ordinals = [...reasons.keys()].sort((a, b) => a - b);
    const lines = layout.kind === 'lines' ? await readRawLines(file.stagedPath, ordinals) : null;
    await writeRejects(ctx.conn, ordinals.map((n) => ({
      evidenceId: file.evidenceId, source: format.id, ordinal: n, line: lines ? n : null,
      byteOffset: lines ? lines.get(n)?.offset ?? null : null, reason: reasons.get(n)!,
      raw: lines ? lines.get(n)?.raw ?? '' : layout.kind === 'document' ? layout.raw.get(n) ?? '' : '',
    })));
  }
  ctx.progress(recordsRead);
  return { ...base, recordsRead, imported, rejected: reasons.size };
}
