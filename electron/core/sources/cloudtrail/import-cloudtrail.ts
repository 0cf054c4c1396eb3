import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readStagedHead } from '../../intake/stage';
import type { FileImportResult, ImportContext, PrepareContext, StagedFile } from '../source';
import { sniffShape, type CloudTrailShape } from './detect';
import { normaliseLines, normaliseWhole, type NormaliseResult } from './node-normalise';
import { diagnoseTrailFile, wrapArrayAsRecords } from './trail-files';
import { partitionsForFile } from './partitions';
import { BATCH_FILES_SQL, REGISTER_FILES_SQL, fileCountsSql, insertEventsSql, sweepRejectsSql, type RecordsLayout } from './sql';

const TABLES = ['cloudtrail'];
/**
 * Decompressed bytes and files per transaction (the orchestrator batches by these). DuckDB writes an
 * insert straight to compressed row groups, on every thread, only when each thread's share of one
 * statement fills a row group (122,880 rows) and the transaction adds at least one; below that the rows
 * are copied into transaction-local storage, written to the WAL and compressed again, on one thread, at
 * COMMIT. 128 MiB (~95k bench events) took 19 s of COMMIT per 1M events; 512 MiB (~370k) 2 s.
 * Real trails often hold many small files, hence the file count well above the default 1,000.
 */
export const CLOUDTRAIL_BATCH_BYTES = 512 * 1024 * 1024;
export const CLOUDTRAIL_BATCH_FILES = 5000;
/**
 * Files parsed together by one read_json: a whole batch, so it is one INSERT statement (see above). The
 * groups are only there so that maximum_object_size (sized to the group's largest file) stays close to
 * the files it reads; a file bigger than this goes alone.
 */
const TRAIL_GROUP_BYTES = 2 * CLOUDTRAIL_BATCH_BYTES;
const MIN_MAX_OBJECT = 16 * 1024 * 1024;
const SLACK = 1024 * 1024;

interface Planned {
  file: StagedFile;
  shape: CloudTrailShape;
  readPath: string;               // what DuckDB reads: the staged file, a wrapped copy, or Node's staging file
  layout: RecordsLayout | null;   // null: nothing for DuckDB (all rejected, or an error)
  node?: NormaliseResult;         // counts of what Node already read/rejected
  error?: string;
}

/** What can be decided about a file without the database: its layout, and for trail files what DuckDB reads. */
export interface EarlyPlan { shape: CloudTrailShape; readPath?: string }

/** LogSource.prepare: sniffs the layout and wraps a bare array while the batch before is importing. */
export async function prepareTrailFile(ctx: PrepareContext, file: StagedFile): Promise<EarlyPlan> {
  ctx.signal.throwIfAborted();
  const shape = sniffShape(await readStagedHead(file.stagedPath)) ?? 'object';
  if (shape === 'records') return { shape, readPath: file.stagedPath };
  if (shape === 'array') return { shape, readPath: await wrapArrayAsRecords(file.stagedPath, `${stagingBase(ctx, file)}.records.json`) };
  return { shape };
}

function stagingBase(ctx: PrepareContext, file: StagedFile): string {
  return join(ctx.tmpDir, `cloudtrail-${file.evidenceId}`);
}

async function plan(ctx: ImportContext, file: StagedFile): Promise<Planned> {
  const early = file.prepared as Promise<EarlyPlan> | undefined;
  file.prepared = undefined; // a wrapped copy is removed after this attempt; a retry prepares again
  const { shape, readPath } = await (early ?? prepareTrailFile(ctx, file));
  if (readPath) return { file, shape, readPath, layout: 'trail-files' };
  // The other layouts are read by Node, which writes their rejects through the connection: not early.
  const stagingPath = `${stagingBase(ctx, file)}.ndjson`;
  const node = shape === 'lines'
    ? await normaliseLines(ctx.conn, file.evidenceId, file.stagedPath, stagingPath, ctx.signal)
    : await normaliseWhole(ctx.conn, file.evidenceId, file.stagedPath, stagingPath);
  return { file, shape, readPath: stagingPath, layout: node.staged > 0 && !node.error ? 'staging' : null, node, error: node.error };
}

async function registerFiles(conn: DuckDBConnection, planned: Planned[]): Promise<void> {
  await conn.run(BATCH_FILES_SQL);
  const parts = planned.map((p) => partitionsForFile(p.file.relPath, p.file.originalPath));
  const list = (f: (i: number) => unknown): string => JSON.stringify(planned.map((_p, i) => f(i) ?? null));
  // One statement for the whole batch: a prepared INSERT run per file cost ~2 ms each (2,070 files: ~4 s).
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

  for (const layout of ['trail-files', 'staging'] as const) {
    const items = await Promise.all(toRead.filter((p) => p.layout === layout).map(async (p) => ({
      path: p.readPath,
      bytes: layout === 'staging' ? (p.node?.longestLine ?? 0) : p.readPath === p.file.stagedPath ? p.file.size : (await fsp.stat(p.readPath)).size,
    })));
    for (const g of layout === 'staging' ? [{ paths: items.map((i) => i.path), maxBytes: Math.max(0, ...items.map((i) => i.bytes)) }] : groupBySize(items)) {
      if (g.paths.length === 0) continue;
      ctx.signal.throwIfAborted();
      try {
        await conn.run(insertEventsSql(layout, g.paths, Math.max(MIN_MAX_OBJECT, g.maxBytes + SLACK)));
      } catch (e) {
        // DuckDB has aborted the transaction. Several files: let the caller retry them one by one.
        // One file: say exactly what is wrong with it.
        if (files.length > 1 || layout === 'staging') throw e;
        const only = planned[0];
        if (!only) throw e;
        const r = results.get(only.file.evidenceId);
        if (r) r.error = await diagnoseTrailFile(only.readPath, only.shape, (e as Error).message);
        return [...results.values()];
      }
    }
  }

  const ids = toRead.map((p) => p.file.evidenceId);
  if (ids.length > 0) {
    const counts = await conn.runAndReadAll(fileCountsSql(ids));
    const withRejects: number[] = [];
    for (const row of counts.getRowObjects()) {
      const r = results.get(Number(row.evidence_id));
      if (!r) continue;
      const records = Number(row.records), rejected = Number(row.rejected);
      if (rejected > 0) withRejects.push(r.evidenceId);
      const p = planned.find((x) => x.file.evidenceId === r.evidenceId);
      // Node already counted the records it staged (recordsRead); DuckDB counted the trail files' records.
      if (p?.layout === 'trail-files') r.recordsRead += records;
      r.rejected += rejected;
      r.imported = records - rejected;
      if (p?.layout === 'trail-files' && Number(row.max_ordinal) < records) {
        r.error = 'the file holds more than one top-level JSON value; CloudTrail files hold one {"Records":[...]} object';
      }
    }
    // Only files with rejects: the sweep scans the batch's rows again (1M bench events: ~0.5 s for nothing).
    if (withRejects.length > 0) await conn.run(sweepRejectsSql(withRejects));
  }
  for (const r of results.values()) ctx.progress(r.recordsRead);
  await Promise.all(planned.filter((p) => p.readPath !== p.file.stagedPath).map((p) => fsp.rm(p.readPath, { force: true })));
  return [...results.values()];
}
