import { mkdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { ImportProgress, ImportSummary } from '../../../shared/types';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { memoryStagingHasRoom } from '../intake/memory-staging';
import { DEFAULT_BOMB_LIMITS, type BombLimits } from '../intake/stage';
import { StagingPool } from '../intake/staging-pool';
import { findEvidenceFiles } from '../intake/walk';
import { STAGED_FORMS } from '../sources/registry';
import type { ImportContext } from '../sources/source';
import { BatchQueue } from './batch-queue';
import { FileLedger } from './file-ledger';
import { IntakeWindow } from './intake-window';

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
  /** The field list of files that do not say theirs (CloudFront real-time logs: `cairn import --fields`). */
  fields?: readonly string[];
  /** Resuming: only these found files (absolute paths) are read; the run records which run it resumes. */
  only?: ReadonlySet<string>;
  resumeOf?: number;
}

/** Staging threads (intake/stage-worker.ts, at low priority): both cores stage while DuckDB waits (decision 0010). */
const STAGING_THREADS = 2;

/**
 * Adds evidence to a case and imports it: every input file is hashed and verified once, recorded in the
 * manifest, detected from its content and imported by its source, batch by batch (intake-window.ts, then
 * batch-queue.ts). Staging the next files overlaps with DuckDB importing the previous batch.
 */
export async function importEvidence(c: Case, inputs: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const signal = opts.signal ?? new AbortController().signal;
  // A path that does not exist is its own outcome; the others are imported. All of them missing: nothing to run.
  const missing = new Set<string>();
  for (const p of inputs) {
    try { await fsp.access(p); } catch { missing.add(p); }
  }
  if (missing.size === inputs.length) throw new CairnError('NOT_FOUND', `no such file or folder: ${[...missing].join(', ')}`);
  const { store, conn, writeBehind, views, memoryStagingDir, tmpDir } = c.forImport();
  const ledger = new FileLedger(store, inputs, conn, { ...(opts.onProgress ? { onProgress: opts.onProgress } : {}), ...(opts.as ? { chosenFormat: opts.as } : {}),
    ...(opts.fields ? { chosenFields: opts.fields } : {}), ...(opts.resumeOf !== undefined ? { resumeOf: opts.resumeOf } : {}) });
  const { runId } = ledger;
  opts.onRunStarted?.(runId);
  const stagingDir = join(tmpDir, `staging-${runId}`);
  mkdirSync(stagingDir, { recursive: true });
  // Copies staged whole go to memory when the case has a tmpfs folder with room; the rest stay in stagingDir.
  const memoryDir = opts.memoryStaging !== false && memoryStagingDir && memoryStagingHasRoom(memoryStagingDir) ? join(memoryStagingDir, `staging-${runId}`) : undefined;
  if (memoryDir) mkdirSync(memoryDir, { recursive: true });

  const pool = new StagingPool(STAGING_THREADS);
  const onAbort = (): void => { conn.interrupt(); void pool.close(); };
  signal.addEventListener('abort', onAbort);
  const smallCopiesDir = memoryDir ? join(memoryDir, 'copies') : undefined;
  if (smallCopiesDir) mkdirSync(smallCopiesDir, { recursive: true });
  const ctx: ImportContext = {
    conn, signal, tmpDir: stagingDir, ...(smallCopiesDir ? { smallCopiesDir } : {}),
    progress: (n) => ledger.records(n),
    existingTables: async () => {
      const r = await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
      return new Set(r.getRowObjectsJS().map((row) => String(row.table_name).toLowerCase()));
    },
  };
  const queue = new BatchQueue(ledger, ctx, writeBehind, (commit) => views.commit(commit), opts.batchBytes);
  const intake = new IntakeWindow(ledger, {
    pool, stagingDir, stageOptions: { forms: STAGED_FORMS, ...(memoryDir ? { memoryDir } : {}) },
    bombLimits: opts.bombLimits ?? DEFAULT_BOMB_LIMITS, queue, ctx,
  });

  let state: ImportSummary['state'] = 'finished';
  let error: string | undefined;
  try {
    const walked = await findEvidenceFiles(inputs.filter((p) => !missing.has(p)));
    const found = opts.only ? walked.filter((f) => opts.only!.has(f.path)) : walked;
    ledger.found(found);
    for (const p of missing) ledger.missing(p);
    for (const f of found) {
      if (signal.aborted) break;
      if (ledger.list(f)) await intake.add(f);
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
  return ledger.end(state, error, started);
}
