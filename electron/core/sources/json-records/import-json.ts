// Imports JSON-record files a batch at a time (records.ts numbers each, json-sql.ts checks and inserts them all).
// Accounting, checked per file: records read = imported + rejected (blank lines between JSON lines are
// rejected as such); a mismatch fails the file rather than under-report.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { readRawLines } from '../vpc-flow/raw-lines';
import type { JsonFormat } from './format';
import { insertJsonSql, rejectedJsonSql } from './json-sql';
import { countMarkedSql, deleteMarkedSql, type FileKeys } from '../line-format/line-sql';
import { quoteLiteral } from '../../duck/evidence-db';
import { DocumentError, writeRecordLines, type RecordsLayout } from './records';

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
  const raw = spec.raw ?? false;
  const copies: Copy[] = [];
  const results = new Map<number, FileImportResult>();
  try {
    for (const file of files) {
      ctx.signal.throwIfAborted();
      const copy = await writeCopy(ctx, file, spec);
      if ('error' in copy) results.set(file.evidenceId, copy.error);
      else copies.push(copy);
    }
    // Every record line of a copy is one row: the rows inserted must be the records written.
    const direct = copies.filter((c) => c.direct > 0);
    if (direct.length > 0) {
      if (!spec.directSql) throw new Error(`${format.id}: direct copies but no SQL to read them`);
      const [paths, evidence, keys] = keyed(direct, (c) => c.directPath!);
      await insertAll(ctx, spec.directSql(paths, evidence, keys), direct.reduce((n, c) => n + c.direct, 0));
    }
    const numbered = copies.filter((c) => c.numbered > 0);
    const marked = new Map<number, number>();
    if (numbered.length > 0) {
      const [paths, evidence, keys] = keyed(numbered, (c) => c.copyPath);
      await insertAll(ctx, insertJsonSql(paths, format, evidence, raw, keys), numbered.reduce((n, c) => n + c.numbered, 0));
      const ids = numbered.map((c) => Math.trunc(c.file.evidenceId));
      const rows = (await ctx.conn.runAndReadAll(countMarkedSql(format.table, ids))).getRowObjects();
      for (const row of rows) marked.set(Number(row.evidence_id), Number(row.n));
      if (rows.length > 0) await ctx.conn.run(deleteMarkedSql(format.table, rows.map((r) => Number(r.evidence_id))));
    }
    for (const copy of copies) results.set(copy.file.evidenceId, await settleFile(ctx, copy, spec, marked.get(copy.file.evidenceId) ?? 0));
    return files.map((f) => results.get(f.evidenceId)!);
  } finally {
    for (const c of copies) {
      await fsp.rm(c.copyPath, { force: true });
      if (c.directPath) await fsp.rm(c.directPath, { force: true });
    }
  }
}

/** The copies' paths, and their evidence ids as SQL: a number for one file, else `k._evidence_id` from a table keyed by path. */
function keyed(copies: Copy[], pathOf: (c: Copy) => string): [string[], string, FileKeys | undefined] {
  const paths = copies.map(pathOf);
  if (copies.length === 1) return [paths, String(Math.trunc(copies[0]!.file.evidenceId)), undefined];
  return [paths, 'k._evidence_id', { columns: ['_evidence_id'], rows: copies.map((c, i) => [quoteLiteral(paths[i]!), String(Math.trunc(c.file.evidenceId))]) }];
}

async function insertAll(ctx: ImportContext, sql: string, written: number): Promise<void> {
  const inserted = Number((await ctx.conn.run(sql)).rowsChanged);
  if (inserted !== written) throw new Error(`record accounting failed: ${written} records written for DuckDB, ${inserted} rows inserted`);
}

/** A file's numbered copy (and direct copy, CloudWatch exports) and what writing them found. */
interface Copy { file: StagedFile; layout: RecordsLayout; copyPath: string; directPath?: string; reasons: Map<number, string>; recordsRead: number; direct: number; numbered: number }

async function writeCopy(ctx: ImportContext, file: StagedFile, spec: JsonImport): Promise<Copy | { error: FileImportResult }> {
  const { format } = spec;
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  const copyPath = join(ctx.tmpDir, `${format.id}-${file.evidenceId}.records`);
  let layout;
  try { layout = await (spec.records ? spec.records(file.stagedPath, copyPath, file.size) : writeRecordLines(file.stagedPath, copyPath, file.size, spec.wrappers, spec.unwrapObject)); } catch (e) {
    await fsp.rm(copyPath, { force: true });
    if (e instanceof DocumentError) return { error: { ...base, error: e.message } };
    throw e;
  }
  const reasons = new Map(layout.kind === 'lines' ? layout.text.rejects : layout.rejects);
  const recordsRead = layout.kind === 'lines' ? layout.text.lines : layout.records;
  const direct = layout.kind === 'lines' ? layout.direct : undefined;
  const records = direct?.records ?? 0;
  return { file, layout, copyPath, ...(direct ? { directPath: direct.path } : {}), reasons, recordsRead, direct: records, numbered: recordsRead - reasons.size - records };
}

/** A file's result: its rejects' reasons (read again only for a file with marked records), accounting, rejects written. */
async function settleFile(ctx: ImportContext, copy: Copy, spec: JsonImport, marked: number): Promise<FileImportResult> {
  const { format } = spec;
  const { file, layout, reasons, recordsRead } = copy;
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  // Only a file with records to reject is read a second time, for their reasons (decision 0017).
  if (marked > 0) {
    for (const row of (await ctx.conn.runAndReadAll(rejectedJsonSql(copy.copyPath, format, spec.raw ?? false))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
  }
  const imported = copy.direct + copy.numbered - marked;
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
