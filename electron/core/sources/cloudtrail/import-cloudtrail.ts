import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecordArrayLayout } from '../../intake/record-lines';
import { restore } from '../../intake/staged-form';
import { readStagedHead } from '../../intake/stage';
import { ReadAgainError, type FileImportResult, type ImportContext, type PrepareContext, type StagedFile } from '../source';
import { sniffShape, type CloudTrailShape } from './detect';
import { MAX_WHOLE_FILE_BYTES, normaliseLines, normaliseScanned, normaliseWhole, type NormaliseResult } from './node-normalise';
import { documentIsReadable } from './record-scan';
import { wrapArrayAsRecords } from './trail-files';
import { partitionsForFile } from './partitions';
import { duplicateKeyFlags, writeRecordFlags, type RecordFlag } from './record-flags';
import { BATCH_FILES_SQL, REGISTER_FILES_SQL, fileCountsSql, insertEventsSql, sweepRejectsSql, type RecordsLayout } from './sql';

const TABLES = ['cloudtrail'];
/**
 * Decompressed bytes and files per transaction (LogSource.staging): big enough that DuckDB writes whole
 * compressed row groups on every thread instead of recompressing at COMMIT (decision 0011). Real trails
 * often hold many small files, hence the file count.
 */
export const CLOUDTRAIL_BATCH_BYTES = 1024 * 1024 * 1024;
export const CLOUDTRAIL_BATCH_FILES = 5000;
/**
 * Files parsed together by one read_json: a whole batch, so it is one INSERT statement (see above). The
 * groups are only there so that maximum_object_size (sized to the group's largest file) stays close to
 * the files it reads; a file bigger than this goes alone.
 */
const TRAIL_GROUP_BYTES = 2 * CLOUDTRAIL_BATCH_BYTES;
const MIN_MAX_OBJECT = 16 * 1024 * 1024;
const SLACK = 1024 * 1024;

/** CloudTrail's own files, which the staging thread splits into record lines (LogSource.staging.form). */
export const TRAIL_RECORD_ARRAY: RecordArrayLayout = { prefix: '{"Records":[', recordStart: '{"eventVersion":' };

interface Planned {
  file: StagedFile;
  shape: CloudTrailShape;
  readPath: string;               // what DuckDB reads: the staged file (as it was, or as record lines), a wrapped copy, or Node's staging file
  layout: RecordsLayout | null;   // null: nothing for DuckDB (all rejected, or an error)
  node?: NormaliseResult;         // counts of what Node already read/rejected
  error?: string;
}

/**
 * What can be decided about a file without the database: its layout, and for trail files what DuckDB reads
 * (readPath), or that Node reads it record by record first (byRecord).
 */
export interface EarlyPlan { shape: CloudTrailShape; readPath?: string; byRecord?: boolean }

/**
 * Files DuckDB failed to read whole: read again record by record (normaliseScanned), so the records it could
 * not take are rejected one by one instead of costing the whole file. Kept across the retry of a lone file.
 */
const readByRecord = new WeakSet<StagedFile>();

/** LogSource.staging.prepare: sniffs the layout and wraps a bare array while the batch before is importing. */
export async function prepareTrailFile(ctx: PrepareContext, file: StagedFile): Promise<EarlyPlan> {
  ctx.signal.throwIfAborted();
  if (file.recordLines) return { shape: 'records', readPath: file.stagedPath };
  const shape = sniffShape(await readStagedHead(file.stagedPath)) ?? 'object';
  if (shape !== 'records' && shape !== 'array') return { shape };
  // A whole document goes to DuckDB only once Node has seen that every record in it is safe to hand over
  // (record-scan.ts): a record nested 100,000 deep crashed DuckDB's reader. Rare in real trails, which are record lines.
  if (readByRecord.has(file) || !(await wholeDocumentIsReadable(file.stagedPath, shape))) return { shape, byRecord: true };
  if (shape === 'records') return { shape, readPath: file.stagedPath };
  return { shape, readPath: await wrapArrayAsRecords(file.stagedPath, `${stagingBase(ctx, file)}.records.json`) };
}

async function wholeDocumentIsReadable(path: string, shape: 'records' | 'array'): Promise<boolean> {
  // Too big to hold here: the record-by-record read refuses it too, with the reason.
  if ((await fsp.stat(path)).size > MAX_WHOLE_FILE_BYTES) return false;
  return documentIsReadable(await fsp.readFile(path), shape);
}

function stagingBase(ctx: PrepareContext, file: StagedFile): string {
  return join(ctx.tmpDir, `cloudtrail-${file.evidenceId}`);
}

async function plan(ctx: ImportContext, file: StagedFile): Promise<Planned> {
  const early = file.prepared as Promise<EarlyPlan> | undefined;
  file.prepared = undefined; // a wrapped copy is removed after this attempt; a retry prepares again
  const { shape, readPath, byRecord } = await (early ?? prepareTrailFile(ctx, file));
  if (readPath) return { file, shape, readPath, layout: file.recordLines ? 'record-lines' : 'trail-files' };
  // The other layouts are read by Node, which writes their rejects through the connection: not early.
  const stagingPath = `${stagingBase(ctx, file)}.ndjson`;
  const node = byRecord && (shape === 'records' || shape === 'array')
    ? await normaliseScanned(ctx.conn, file.evidenceId, file.stagedPath, stagingPath, shape)
    : shape === 'lines'
      ? await normaliseLines(ctx.conn, file.evidenceId, file.stagedPath, stagingPath, ctx.signal)
      : await normaliseWhole(ctx.conn, file.evidenceId, file.stagedPath, stagingPath);
  return { file, shape, readPath: stagingPath, layout: node.staged > 0 && !node.error ? 'staging' : null, node, error: node.error };
}

async function registerFiles(conn: DuckDBConnection, planned: Planned[]): Promise<void> {
  await conn.run(BATCH_FILES_SQL);
  const parts = planned.map((p) => partitionsForFile(p.file.relPath, p.file.originalPath));
  const list = (f: (i: number) => unknown): string => JSON.stringify(planned.map((_p, i) => f(i) ?? null));
  // One statement for the whole batch: each DuckDB statement costs milliseconds (decision 0011).
  await conn.run(REGISTER_FILES_SQL, {
    paths: list((i) => planned[i]!.readPath), ids: list((i) => planned[i]!.file.evidenceId),
    regions: list((i) => parts[i]?.region), years: list((i) => parts[i]?.year), months: list((i) => parts[i]?.month),
    days: list((i) => parts[i]?.day), accounts: list((i) => parts[i]?.account),
  });
}

/** Groups files so one read_json holds at most TRAIL_GROUP_BYTES; a bigger file goes alone. */
function groupBySize(items: { path: string; bytes: number }[]): { paths: string[]; maxBytes: number }[] {
  const groups: { paths: string[]; maxBytes: number; total: number }[] = [];
  for (const it of [...items].sort((a, b) => a.bytes - b.bytes)) {
    const g = groups[groups.length - 1];
    if (g && g.total + it.bytes <= TRAIL_GROUP_BYTES) { g.paths.push(it.path); g.total += it.bytes; g.maxBytes = Math.max(g.maxBytes, it.bytes); }
    else groups.push({ paths: [it.path], maxBytes: it.bytes, total: it.bytes });
  }
  return groups;
}

export async function importCloudTrailBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
  const { conn } = ctx;
  const planned: Planned[] = [];
  for (const f of files) { ctx.signal.throwIfAborted(); planned.push(await plan(ctx, f)); }
  const results = new Map<number, FileImportResult>();
  for (const p of planned) {
    const n = p.node ?? { recordsRead: 0, rejected: 0 };
    results.set(p.file.evidenceId, { evidenceId: p.file.evidenceId, recordsRead: n.recordsRead, imported: 0, rejected: n.rejected, tables: TABLES, error: p.error });
  }
  const toRead = planned.filter((p) => p.layout !== null);
  await registerFiles(conn, toRead);
  const done = (): FileImportResult[] => [...results.values()];

  // The duplicate-key scan (Node, this thread) runs while DuckDB's threads insert the same bytes.
  const inserting = insertRecords(ctx, toRead, files.length, results);
  const flagging = (async () => {
    const lists: RecordFlag[][] = [];
    for (const p of toRead) lists.push(await duplicateKeyFlags(p.file.evidenceId, p.readPath, p.layout!)); // one file at a time: bounded memory
    return lists;
  })();
  const [inserted, flagLists] = await Promise.all([inserting, flagging.catch((e: unknown) => { inserting.catch(() => undefined); throw e; })]);
  if (!inserted) return done();
  const counts = await countRecords(conn, toRead);

  const withRejects: number[] = [];
  for (const p of toRead) {
    const r = results.get(p.file.evidenceId)!;
    const { records, rejected, maxOrdinal } = counts.get(p.file.evidenceId) ?? { records: 0, rejected: 0, maxOrdinal: 0 };
    if (rejected > 0) withRejects.push(r.evidenceId);
    // Node already counted the records it staged (recordsRead); DuckDB counted the trail files' records.
    if (p.layout !== 'staging') r.recordsRead += records;
    r.rejected += rejected;
    r.imported = records - rejected;
    if (p.layout === 'trail-files' && maxOrdinal < records) {
      r.error = 'the file holds more than one top-level JSON value; CloudTrail files hold one {"Records":[...]} object';
    }
    // The staging thread counted the lines it wrote; DuckDB must have read each exactly once.
    if (p.layout === 'record-lines' && records !== p.file.recordLines?.records) {
      r.error = `internal check failed: ${p.file.recordLines?.records} records were staged, DuckDB read ${records}`;
    }
  }
  // Only files with rejects: the sweep scans the batch's rows again.
  if (withRejects.length > 0) await conn.run(sweepRejectsSql(withRejects));
  const flags = await writeRecordFlags(conn, 'cloudtrail', flagLists.flat());
  for (const f of new Set(flags.map((x) => `${x.evidenceId}:${x.ordinal}`))) {
    const r = results.get(Number(f.split(':')[0]));
    if (r) r.flagged = (r.flagged ?? 0) + 1;
  }
  for (const r of results.values()) ctx.progress(r.recordsRead);
  await Promise.all(planned.filter((p) => p.readPath !== p.file.stagedPath).map((p) => fsp.rm(p.readPath, { force: true })));
  return done();
}

/**
 * Inserts the files' records, one statement per layout (whole documents per size group). False when a
 * lone file could not be read: its result then carries the error. DuckDB has aborted the transaction by
 * then, so a batch of several files throws instead and the caller retries them one by one.
 */
async function insertRecords(ctx: ImportContext, toRead: Planned[], batchFiles: number, results: Map<number, FileImportResult>): Promise<boolean> {
  for (const layout of ['record-lines', 'trail-files', 'staging'] as const) {
    const items = await Promise.all(toRead.filter((p) => p.layout === layout).map(async (p) => ({
      path: p.readPath,
      bytes: layout === 'staging' ? (p.node?.longestLine ?? 0) : p.readPath === p.file.stagedPath ? p.file.size : (await fsp.stat(p.readPath)).size,
    })));
    // Line layouts are read in one statement (their longest line is bounded); whole documents by size group.
    for (const g of layout === 'trail-files' ? groupBySize(items) : [{ paths: items.map((i) => i.path), maxBytes: Math.max(0, ...items.map((i) => i.bytes)) }]) {
      if (g.paths.length === 0) continue;
      ctx.signal.throwIfAborted();
      try {
        await ctx.conn.run(insertEventsSql(layout, g.paths, Math.max(MIN_MAX_OBJECT, g.maxBytes + SLACK)));
      } catch (e) {
        const only = toRead[0];
        if (batchFiles > 1 || layout === 'staging' || !only) throw e;
        // A line that is not one JSON value (the cuts did not hold, or a record is malformed: record-lines.ts), or
        // a document DuckDB refused (invalid UTF-8, a raw control character, a lone surrogate escape...): the file
        // goes back to the document it was and is read record by record in a new transaction, so a bad record is
        // rejected on its own and a malformed document fails with the byte position Node finds.
        await restore(only.file);
        readByRecord.add(only.file);
        throw new ReadAgainError(`not read whole (${(e as Error).message.split('\n', 1)[0]}); reading the file record by record`);
      }
    }
  }
  return true;
}

interface FileCounts { records: number; rejected: number; maxOrdinal: number }

async function countRecords(conn: DuckDBConnection, files: Planned[]): Promise<Map<number, FileCounts>> {
  const counts = new Map<number, FileCounts>();
  if (files.length === 0) return counts;
  const reader = await conn.runAndReadAll(fileCountsSql(files.map((p) => p.file.evidenceId)));
  for (const row of reader.getRowObjects()) {
    counts.set(Number(row.evidence_id), { records: Number(row.records), rejected: Number(row.rejected), maxOrdinal: Number(row.max_ordinal) });
  }
  return counts;
}
