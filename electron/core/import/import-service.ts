import { mkdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { ImportFileResult, ImportProgress, ImportSummary } from '../../../shared/types';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { memoryStagingHasRoom } from '../intake/memory-staging';
import { DEFAULT_BOMB_LIMITS, type BombLimits, type StageOptions } from '../intake/stage';
import { StagingPool } from '../intake/staging-pool';
import { findEvidenceFiles } from '../intake/walk';
import { SOURCES } from '../sources/registry';
import type { ImportContext } from '../sources/source';
import { BatchQueue } from './batch-queue';
import { IntakeWindow } from './intake-window';
import { ImportProgressReporter } from './progress-reporter';
import type { RunState } from './run-state';

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Called once the run is recorded, before any file is read. */
  onRunStarted?: (runId: number) => void;
  /** Stage copies in the case's tmpfs folder when it has room (intake/memory-staging.ts); default true. */
  memoryStaging?: boolean;
  /** Decompressed bytes per transaction; bigger batches amortise DuckDB's per-statement cost. */
  batchBytes?: number;
  bombLimits?: BombLimits;
  /** Read every file as this format (the analyst's decision, `cairn import --as`), if its content allows. */
  as?: string;
}

/** Staged forms the sources read: record lines (LogSource.recordArray) and numbered lines (LogSource.numberedLines). */
const STAGE_OPTIONS: StageOptions = {
  recordArrays: SOURCES.flatMap((s) => (s.recordArray ? [s.recordArray] : [])),
  numberedLines: SOURCES.flatMap((s) => (s.numberedLines ? [s.numberedLines] : [])),
};

/**
 * Staging threads (intake/stage-worker.ts, which run at low priority). Two: while DuckDB waits for the first
 * batch, and between batches, both cores stage. 1M bench CloudTrail events, median of 5: 13.03 s with one
 * thread at DuckDB's priority, 12.84 s with two at nice 19 (one at nice 19 gained nothing).
 */
const STAGING_THREADS = 2;

/**
 * Adds evidence to a case and imports it: every input file is hashed and verified once, recorded in the
 * manifest, detected from its content and imported by its source, batch by batch (intake-window.ts, then
 * batch-queue.ts). Staging the next files overlaps with DuckDB importing the previous batch.
 */
export async function importEvidence(c: Case, inputs: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const signal = opts.signal ?? new AbortController().signal;
  for (const p of inputs) {
    try { await fsp.access(p); } catch { throw new CairnError('NOT_FOUND', `no such file or folder: ${p}`); }
  }
  const store = c.store;
  const runId = store.startRun(inputs);
  store.audit('import.started', { runId, inputs, ...(opts.as ? { chosenFormat: opts.as } : {}) });
  opts.onRunStarted?.(runId);
  const stagingDir = join(c.tmpDir, `staging-${runId}`);
  mkdirSync(stagingDir, { recursive: true });
  // Copies staged whole go to memory when the case has a tmpfs folder with room; the rest stay in stagingDir.
  const memoryDir = opts.memoryStaging !== false && c.memoryStagingDir && memoryStagingHasRoom(c.memoryStagingDir) ? join(c.memoryStagingDir, `staging-${runId}`) : undefined;
  if (memoryDir) mkdirSync(memoryDir, { recursive: true });

  const run: RunState = { store, runId, results: new Map(), pathOf: new Map(), evidenceBytes: new Map(), notes: new Map(), reporter: new ImportProgressReporter(runId, c.importConn, opts.onProgress), ...(opts.as ? { chosenFormat: opts.as } : {}) };
  const { progress } = run.reporter;
  const pool = new StagingPool(STAGING_THREADS);
  const onAbort = (): void => { c.importConn.interrupt(); void pool.close(); };
  signal.addEventListener('abort', onAbort);
  const ctx: ImportContext = {
    conn: c.importConn, signal, tmpDir: stagingDir,
    progress: (n) => { progress.records += n; run.reporter.emit(); },
    existingTables: async () => {
      const r = await c.importConn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
      return new Set(r.getRowObjectsJS().map((row) => String(row.table_name).toLowerCase()));
    },
  };
  const queue = new BatchQueue(run, ctx, c.writeBehind, (commit) => c.views.commit(commit), opts.batchBytes);
  const intake = new IntakeWindow(run, {
    pool, stagingDir, stageOptions: { ...STAGE_OPTIONS, ...(memoryDir ? { memoryDir } : {}) },
    bombLimits: opts.bombLimits ?? DEFAULT_BOMB_LIMITS, queue, ctx,
  });

  let state: ImportSummary['state'] = 'finished';
  let error: string | undefined;
  try {
    const found = await findEvidenceFiles(inputs);
    progress.filesTotal = found.length;
    progress.bytesTotal = found.reduce((n, f) => n + f.size, 0);
    progress.phase = 'importing';
    run.reporter.emit(true);
    for (const f of found) {
      if (signal.aborted) break;
      const result: ImportFileResult = { path: f.path, relPath: f.relPath, evidenceId: null, sha256: null, format: null, status: 'pending', recordsRead: 0, imported: 0, rejected: 0, reason: null };
      run.results.set(f.path, result);
      if (f.skipReason) {
        Object.assign(result, { status: 'unsupported', reason: f.skipReason });
        run.reporter.fileFinished(f.size);
        continue;
      }
      await intake.add(f, result);
    }
    await intake.drain();
    await queue.finish();
    if (signal.aborted) state = 'cancelled';
  } catch (e) {
    state = signal.aborted ? 'cancelled' : 'failed';
    if (!signal.aborted) error = (e as Error).message;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await pool.close();
    await queue.idle();
    await fsp.rm(stagingDir, { recursive: true, force: true });
    if (memoryDir) await fsp.rm(memoryDir, { recursive: true, force: true });
  }
  return endRun(run, state, error, started);
}

/** Records every listed file's outcome and the run's totals, and says how the run ended. */
function endRun({ store, runId, results, reporter }: RunState, state: ImportSummary['state'], error: string | undefined, started: number): ImportSummary {
  try {
    store.db.transaction(() => {
      for (const r of results.values()) {
        if (r.status === 'pending') r.reason = state === 'cancelled' ? 'import cancelled before this file was committed; import again to resume' : r.reason;
        store.recordRunFile(runId, { path: r.path, evidenceId: r.evidenceId, status: r.status, reason: r.reason, duplicateOf: r.duplicateOf ?? null, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected });
      }
    })();
  } catch (e) {
    // After a failed run (a full disk), recording its outcome can fail too (a file whose manifest row was
    // never written): the run's own error is the one the analyst must see. The run stays 'running' in
    // case.sqlite and is found interrupted when the case opens next.
    if (state !== 'failed') throw e;
    throw new CairnError('IO', `import failed: ${error}; its outcome could not be recorded either (${(e as Error).message}); import again to resume`);
  }
  const files = [...results.values()];
  const totals = {
    files: files.length,
    recordsRead: sum(files, 'recordsRead'), imported: sum(files, 'imported'), rejected: sum(files, 'rejected'),
    failed: files.filter((f) => f.status === 'failed').length,
    unsupported: files.filter((f) => f.status === 'unsupported').length,
    duplicate: files.filter((f) => f.status === 'duplicate').length,
    needsDecision: files.filter((f) => f.status === 'needs_decision').length,
  };
  store.finishRun(runId, state, totals, error);
  store.audit('import.finished', { runId, state, ...totals, error });
  reporter.progress.phase = 'done';
  reporter.emit(true);
  if (state === 'failed') throw new CairnError('INTERNAL', `import failed: ${error}`);
  return { runId, state, files, totals, elapsedMs: Date.now() - started };
}

function sum(files: ImportFileResult[], k: 'recordsRead' | 'imported' | 'rejected'): number {
  return files.reduce((a, f) => a + f[k], 0);
}
