import { promises as fsp, unlinkSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sealBatch, type Seal } from '../duck/seals';
import { SMALL_FILE } from '../sources/line-format/numbered-text';
import { ReadAgainError, type FileImportResult, type ImportContext, type LogSource, type StagedFile } from '../sources/source';

export type BatchOutcome =
  | { evidenceId: number; ok: true; result: FileImportResult; seals: Seal[] }
  | { evidenceId: number; ok: false; reason: string };

// One statement per batch, not per file: each DuckDB statement costs milliseconds, a batch holds up to 1,000 files.
// Parallel lists are bound as JSON text and unnested in step (unnest of several lists zips them).
const INSERT_LEDGER = `INSERT OR REPLACE INTO cairn_ledger (evidence_id, source, tables, records_read, imported, rejected, committed_at)
  SELECT unnest(from_json($ids, '["INTEGER"]')), $source, unnest(from_json($tables, '[["VARCHAR"]]')),
         unnest(from_json($read, '["BIGINT"]')), unnest(from_json($imported, '["BIGINT"]')), unnest(from_json($rejected, '["BIGINT"]')),
         now()::TIMESTAMP`;

/**
 * Imports one batch of a source's files in one transaction, so each file's rows appear all at once or
 * not at all. A failing batch is rolled back and retried file by file, so one bad file cannot sink the rest.
 */
/** Runs a COMMIT so the analyst instance's view stays consistent (duck/evidence-views.ts). */
export type CommitGuard = <T>(commit: () => Promise<T>) => Promise<T>;

export async function importBatchAtomically(source: LogSource, ctx: ImportContext, files: StagedFile[], guard: CommitGuard, readAgain = true): Promise<BatchOutcome[]> {
  const conn = ctx.conn;
  let results: FileImportResult[];
  let seals: Seal[] = [];
  await conn.run('BEGIN TRANSACTION');
  try {
    results = await source.importBatch(ctx, files);
    checkAccounting(files, results);
    const failed = results.filter((r) => r.error);
    if (failed.length > 0) throw new FileLevelError(failed);
    if (results.length > 0) {
      await writeLedger(conn, source.id, results);
      seals = await sealBatch(conn, results.map((r) => ({ evidenceId: r.evidenceId, tables: r.tables })), new Set(source.rowHashTables));
    }
    await guard(() => conn.run('COMMIT'));
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    if (ctx.signal.aborted) throw e;
    if (files.length > 1) {
      const outcomes: BatchOutcome[] = [];
      for (const f of files) outcomes.push(...(await importBatchAtomically(source, ctx, [f], guard)));
      return outcomes;
    }
    if (e instanceof ReadAgainError && readAgain) return importBatchAtomically(source, ctx, files, guard, false);
    const reason = e instanceof FileLevelError ? e.failed[0]!.error! : `import failed: ${describe(e)}`;
    return [{ evidenceId: files[0]!.evidenceId, ok: false, reason }];
  }
  return results.map((result) => ({ evidenceId: result.evidenceId, ok: true as const, result, seals: seals.filter((x) => x.evidenceId === result.evidenceId) }));
}

class FileLevelError extends Error {
  constructor(readonly failed: FileImportResult[]) { super(failed.map((f) => f.error).join('; ')); }
}

/** An importer that loses count is a bug; refuse to commit rather than under-report. */
function checkAccounting(files: StagedFile[], results: FileImportResult[]): void {
  const ids = new Set(files.map((f) => f.evidenceId));
  for (const r of results) {
    if (!ids.delete(r.evidenceId)) throw new Error(`importer returned a result for an unknown file ${r.evidenceId}`);
    if (!r.error && r.recordsRead !== r.imported + r.rejected) {
      throw new Error(`accounting mismatch for evidence ${r.evidenceId}: read ${r.recordsRead}, imported ${r.imported}, rejected ${r.rejected}`);
    }
  }
  if (ids.size > 0) throw new Error(`importer returned no result for file(s) ${[...ids].join(', ')}`);
}

async function writeLedger(conn: DuckDBConnection, source: string, rs: FileImportResult[]): Promise<void> {
  const list = (f: (r: FileImportResult) => unknown): string => JSON.stringify(rs.map(f));
  await conn.run(INSERT_LEDGER, {
    ids: list((r) => r.evidenceId), source, tables: list((r) => r.tables),
    read: list((r) => r.recordsRead), imported: list((r) => r.imported), rejected: list((r) => r.rejected),
  });
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * One unlink each (fs.rm stats first, a round trip more per file); blocking for a small file, whose thread-pool
 * round trip costs more than the unlink when a batch holds thousands (decision 0026).
 */
export async function removeStaged(files: StagedFile[]): Promise<void> {
  const gone = (e: unknown): void => { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; };
  for (const f of files.filter((x) => x.size <= SMALL_FILE)) {
    try { unlinkSync(f.stagedPath); } catch (e) { gone(e); }
  }
  await Promise.all(files.filter((x) => x.size > SMALL_FILE).map((f) => fsp.unlink(f.stagedPath).catch(gone)));
}
