// Imports a batch's text flow-log files (S3 delivery with header, header-less default format, CloudWatch
// export): Node writes a numbered copy of each file (numbered-copy.ts), then DuckDB reads all copies that
// share a layout in one multi-threaded statement. Each row carries its line number, so nothing depends on
// the order DuckDB reads or inserts rows in.
// Accounting: lines = header + imported + rejected, checked for every file; a mismatch fails the file.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeRejects, type RejectRecord } from '../../duck/rejects';
import { fromNumberedLines } from '../../intake/numbered-lines';
import { restore } from '../../intake/staged-form';
import { PROBE_BYTES, readStagedHead } from '../../intake/stage';
import type { FileImportResult, ImportContext, PrepareContext, StagedFile } from '../source';
import { parseLayout, type TextLayout } from './layout';
import { TooManyRejects, writeNumberedCopy, type NumberedCopy } from './numbered-copy';
import { dateFromPath } from './path-date';
import { readRawLines } from './raw-lines';
import { buildTextInsert, COUNT_DUCK_REJECTS, COUNT_ROWS_PER_FILE, DROP_DUCK_REJECTS, DUCK_REJECTS_LIMIT, selectDuckRejects } from './text-sql';

export const SOURCE_ID = 'vpcflow';

/** A file whose numbered copy is written, waiting for DuckDB. */
export interface Prepared {
  file: StagedFile;
  layout: TextLayout;
  copyPath: string;
  copy: NumberedCopy;
  /** Line -> reason for every rejected record line, Node's and DuckDB's. */
  reasons: Map<number, string>;
  /** Errors DuckDB stored for this file (several per line possible). */
  duckErrors: number;
}

/** Imports the text files of a batch; returns one result per file, keyed by evidence id. */
export async function importTextFiles(ctx: ImportContext, files: StagedFile[]): Promise<Map<number, FileImportResult>> {
  const results = new Map<number, FileImportResult>();
  const groups = new Map<string, Prepared[]>();
  const copies: string[] = [];
  try {
    for (const file of files) {
      if (ctx.signal.aborted) throw new Error('import cancelled');
      copies.push(copyPathFor(ctx, file));
      const prepared = await takePrepared(ctx, file);
      if ('error' in prepared) { results.set(file.evidenceId, { ...emptyResult(file), error: prepared.error }); continue; }
      // Files with different layouts need different column lists: one statement per layout.
      const key = `${prepared.layout.cloudWatchPrefix}|${prepared.layout.fields.join(' ')}`;
      const group = groups.get(key);
      if (group) group.push(prepared); else groups.set(key, [prepared]);
    }
    for (const group of groups.values()) {
      if (ctx.signal.aborted) throw new Error('import cancelled');
      await readGroup(ctx.conn, group);
    }
  } finally {
    await Promise.all(copies.map((p) => fsp.rm(p, { force: true })));
  }
  const all = [...groups.values()].flat();
  const imported = await countRows(ctx.conn, all.map((p) => p.file.evidenceId));
  for (const p of all) results.set(p.file.evidenceId, await settle(ctx, p, imported.get(p.file.evidenceId) ?? 0));
  return results;
}

function emptyResult(file: StagedFile): FileImportResult {
  return { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['vpc_flow_logs'] };
}

function copyPathFor(ctx: PrepareContext, file: StagedFile): string {
  return join(ctx.tmpDir, `vpcflow-${file.evidenceId}.numbered`);
}

/** The numbered copy written while the batch waited (prepareTextFile), or written now on a retry. */
async function takePrepared(ctx: PrepareContext, file: StagedFile): Promise<Prepared | { error: string }> {
  const early = file.prepared as Promise<Prepared | { error: string }> | undefined;
  file.prepared = undefined; // the copy is removed after this attempt; a retry writes it again
  return early ?? prepareTextFile(ctx, file);
}

/**
 * Node's part of a text file's import: its layout and numbered copy (LogSource.staging.prepare). A file the staging
 * thread already staged as numbered lines is its own copy.
 */
export async function prepareTextFile(ctx: PrepareContext, file: StagedFile): Promise<Prepared | { error: string }> {
  ctx.signal.throwIfAborted();
  const copyPath = copyPathFor(ctx, file);
  const staged = await readStagedHead(file.stagedPath);
  const numbered = file.numberedLines;
  // The layout is read from the content as it was: a numbered head's complete lines, restored.
  const head = numbered ? fromNumberedLines(staged.subarray(0, staged.lastIndexOf(10) + 1), { ...numbered, finalNewline: true }) : staged;
  const layout = parseLayout(head, staged.length < PROBE_BYTES);
  if (numbered && (!layout || layout.hasHeader !== (numbered.headerLines === 1))) {
    // The staging thread's reading of the first line did not hold: the content goes back as it was.
    await restore(file);
    return prepareTextFile(ctx, file);
  }
  if (!layout) return { error: 'the file does not start with a flow-log header line or default-format (v2) records' };
  const duplicate = layout.fields.find((f, i) => layout.fields.indexOf(f) !== i);
  if (duplicate) return { error: `the header names the field "${duplicate}" twice` };
  if (numbered) {
    const copy = { lines: numbered.lines, numbered: numbered.lines - numbered.headerLines, rejects: [] };
    return { file, layout, copyPath: file.stagedPath, copy, reasons: new Map(), duckErrors: 0 };
  }
  try {
    const copy = await writeNumberedCopy(file.stagedPath, copyPath, layout.hasHeader ? 1 : 0);
    return { file, layout, copyPath, copy, reasons: new Map(copy.rejects.map((r) => [r.line, r.reason])), duckErrors: 0 };
  } catch (e) {
    if (e instanceof TooManyRejects) return { error: e.message };
    throw e;
  }
}

/** One INSERT for the group's copies, then DuckDB's rejects sorted back to their files. */
async function readGroup(conn: DuckDBConnection, group: Prepared[]): Promise<void> {
  const toRead = group.filter((p) => p.copy.numbered > 0); // nothing to read in a header-only or all-bad file
  if (toRead.length === 0) return;
  const byPath = new Map(toRead.map((p) => [p.copyPath, p]));
  const fileOf = (row: Record<string, unknown>): Prepared | undefined => byPath.get(String(row.path));
  await conn.run(DROP_DUCK_REJECTS);
  try {
    await conn.run(buildTextInsert(toRead.map((p) => ({
      copyPath: p.copyPath, evidenceId: p.file.evidenceId, pathDate: dateFromPath(p.file.relPath, p.file.originalPath),
    })), toRead[0]!.layout));
    for (const row of (await conn.runAndReadAll(COUNT_DUCK_REJECTS)).getRowObjects()) {
      const p = fileOf(row);
      if (p) p.duckErrors += Number(row.n);
    }
    for (const row of (await conn.runAndReadAll(selectDuckRejects(toRead[0]!.layout))).getRowObjects()) {
      const p = fileOf(row);
      if (!p) throw new Error(`DuckDB reported a reject for a file it was not given: ${String(row.path)}`);
      const line = Number(row.line);
      if (!p.reasons.has(line)) p.reasons.set(line, String(row.reason));
    }
  } finally {
    await conn.run(DROP_DUCK_REJECTS);
  }
}

async function countRows(conn: DuckDBConnection, ids: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (ids.length === 0) return counts;
  const r = await conn.runAndReadAll(COUNT_ROWS_PER_FILE, [Math.min(...ids), Math.max(...ids)]);
  for (const row of r.getRowObjects()) counts.set(Number(row.id), Number(row.n));
  return counts;
}

/** Checks one file's accounting and writes its rejects. */
async function settle(ctx: ImportContext, p: Prepared, imported: number): Promise<FileImportResult> {
  const base = emptyResult(p.file);
  const recordsRead = Math.max(0, p.copy.lines - (p.layout.hasHeader ? 1 : 0));
  const badLines = [...p.reasons.keys()].sort((a, b) => a - b);
  if (imported + badLines.length !== recordsRead) {
    const why = p.duckErrors >= DUCK_REJECTS_LIMIT
      ? `more than ${DUCK_REJECTS_LIMIT} malformed lines: this does not look like a flow-log file in the format its first line describes`
      : `line accounting failed: ${recordsRead} records, ${imported} imported, ${badLines.length} rejected`;
    return { ...base, recordsRead, error: why };
  }
  if (badLines.length > 0) await writeLineRejects(ctx.conn, p.file, badLines, p.reasons);
  ctx.progress(recordsRead);
  return { ...base, recordsRead, imported, rejected: badLines.length };
}

async function writeLineRejects(conn: DuckDBConnection, file: StagedFile, badLines: number[], reasons: Map<number, string>): Promise<void> {
  // Reject records quote the file as it was, with its own byte offsets: numbered lines go back to it first.
  await restore(file);
  const raw = await readRawLines(file.stagedPath, badLines);
  const rows: RejectRecord[] = badLines.map((line) => ({
    evidenceId: file.evidenceId, source: SOURCE_ID, ordinal: line, line,
    byteOffset: raw.get(line)?.offset ?? null, reason: reasons.get(line) ?? 'rejected', raw: raw.get(line)?.raw ?? '',
  }));
  await writeRejects(conn, rows);
}
