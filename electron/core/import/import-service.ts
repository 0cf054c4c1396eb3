import { mkdirSync, promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileStatus, ImportFileResult, ImportProgress, ImportSummary } from '../../../shared/types';
import type { Case } from '../case/case';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import { restoreDocument } from '../intake/record-lines';
import { restoreNumberedLines } from '../intake/numbered-lines';
import { DEFAULT_BOMB_LIMITS, type BombLimits, type StagedEvidence, type StageOptions } from '../intake/stage';
import { memoryStagingHasRoom } from '../intake/memory-staging';
import { ImportProgressReporter } from './progress-reporter';
import { StagingPool } from '../intake/staging-pool';
import { findEvidenceFiles, type FoundFile } from '../intake/walk';
import { detectSource, SOURCES } from '../sources/registry';
import type { ImportContext, LogSource, StagedFile } from '../sources/source';
import { batchIsDue } from './batch-policy';
import { importBatchAtomically, removeStaged, type BatchOutcome } from './import-batch';

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
}

const DEFAULT_BATCH_BYTES = 128 * 1024 * 1024;
const MAX_BATCH_FILES = 1000;
/** Staged forms the sources read: record lines (LogSource.recordArray) and numbered lines (LogSource.numberedLines). */
const STAGE_OPTIONS: StageOptions = {
  recordArrays: SOURCES.flatMap((s) => (s.recordArray ? [s.recordArray] : [])),
  numberedLines: SOURCES.flatMap((s) => (s.numberedLines ? [s.numberedLines] : [])),
};

interface Pending { source: LogSource; files: StagedFile[]; bytes: number }
interface Staged { f: FoundFile; result: ImportFileResult; staged: StagedEvidence }

/**
 * Staging threads (intake/stage-worker.ts, which run at low priority). Two: while DuckDB waits for the first
 * batch, and between batches, both cores stage. 1M bench CloudTrail events, median of 5: 13.03 s with one
 * thread at DuckDB's priority, 12.84 s with two at nice 19 (one at nice 19 gained nothing).
 */
const STAGING_THREADS = 2;
/**
 * Files handed to staging ahead of the manifest: up to 128, while they hold less than 64 MiB (compressed).
 * Files enter the manifest in their listed order, so the window waits for its oldest file, and one big file
 * at its head left a staging thread with nothing to do once it had staged the small files behind it. A
 * CloudTrail set with mixed sizes (1M bench events as 35 files of ~28k events and 680 of ~480): 16 files /
 * 24 MiB took 10.9-11.6 s, 128 / 64 MiB 10.2-10.6 s (CLI, three alternated pairs, each faster by 0.6-1.4 s);
 * in-process runs had everything staged for the first batch after 3.0-3.4 s against 2.1-2.4 s. The uniform
 * bench set: 10.41 s against 10.35 s (median of four pairs). Memory does not grow with the window: a staging
 * thread holds one whole file at a time, the calling thread at most StagingPool.CALLING_THREAD_AT_ONCE, and a
 * staged file waiting here holds only its head (up to 64 KiB). Earlier, at 4 MiB, 1 MB flow-log files left
 * the threads waiting for work between batches (24 MiB took 5M bench lines from a median 6.29 s to 6.0 s).
 */
const STAGING_WINDOW_FILES = 128;
const STAGING_WINDOW_BYTES = 64 * 1024 * 1024;
/**
 * Staged files entered into the manifest per SQLite transaction, or fewer when they hold this many bytes:
 * batches form only as their files enter, and 64 big flow-log files held the first batch back ~1 s.
 */
const INTAKE_GROUP_FILES = 64;
const INTAKE_GROUP_BYTES = 32 * 1024 * 1024;

/** A staged copy that will not be imported is removed now (the staging folder goes at the end anyway). */
function drop(stagedPath: string | undefined): 'drop' {
  if (stagedPath) void fsp.rm(stagedPath, { force: true }).catch(() => undefined);
  return 'drop';
}

/**
 * Adds evidence to a case and imports it: every input file is hashed and verified once, recorded in the
 * manifest, detected from its content and imported by its source, batch by batch. Staging the next files
 * overlaps with DuckDB importing the previous batch.
 */
export async function importEvidence(c: Case, inputs: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const signal = opts.signal ?? new AbortController().signal;
  for (const p of inputs) {
    try { await fsp.access(p); } catch { throw new CairnError('NOT_FOUND', `no such file or folder: ${p}`); }
  }
  const store = c.store;
  const runId = store.startRun(inputs);
  store.audit('import.started', { runId, inputs });
  opts.onRunStarted?.(runId);
  const stagingDir = join(c.tmpDir, `staging-${runId}`);
  mkdirSync(stagingDir, { recursive: true });
  // Copies staged whole go to memory when the case has a tmpfs folder with room; the rest stay in stagingDir.
  const memoryDir = opts.memoryStaging !== false && c.memoryStagingDir && memoryStagingHasRoom(c.memoryStagingDir) ? join(c.memoryStagingDir, `staging-${runId}`) : undefined;
  if (memoryDir) mkdirSync(memoryDir, { recursive: true });
  const stageOptions: StageOptions = { ...STAGE_OPTIONS, ...(memoryDir ? { memoryDir } : {}) };

  const results = new Map<string, ImportFileResult>();
  const reporter = new ImportProgressReporter(runId, c.importConn, opts.onProgress);
  const { progress } = reporter;
  const pool = new StagingPool(STAGING_THREADS);
  const onAbort = (): void => { c.importConn.interrupt(); void pool.close(); };
  signal.addEventListener('abort', onAbort);

  const ctx: ImportContext = {
    conn: c.importConn, signal, tmpDir: stagingDir,
    progress: (n) => { progress.records += n; reporter.emit(); },
    existingTables: async () => {
      const r = await c.importConn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
      return new Set(r.getRowObjectsJS().map((row) => String(row.table_name).toLowerCase()));
    },
  };

  const batches = new Map<string, Pending>();
  let inFlight: Promise<void> = Promise.resolve();
  const pathOf = new Map<number, string>();
  const evidenceBytes = new Map<number, number>();
  const intake: Intake = { store, runId, pathOf, reporter, evidenceBytes };

  // case.sqlite runs with synchronous=FULL, so every commit is an fsync: a batch's outcomes (and, below,
  // each file's intake rows) share one transaction instead of paying several fsyncs per file.
  const settle = (outcomes: BatchOutcome[], files: StagedFile[], source: LogSource): void => store.db.transaction(() => {
    const sizeOf = new Map(files.map((f) => [f.evidenceId, f.size]));
    for (const o of outcomes) {
      const path = pathOf.get(o.evidenceId)!;
      const prev = results.get(path)!;
      if (o.ok) {
        const r = o.result;
        const status: FileStatus = r.rejected > 0 ? 'imported_with_rejects' : 'imported';
        const reason = r.rejected > 0 ? `${r.rejected} record(s) rejected; see cairn_rejects` : null;
        store.setEvidenceOutcome(o.evidenceId, { status, format: prev.format, reason, uncompressedSize: sizeOf.get(o.evidenceId), recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, tables: r.tables });
        Object.assign(prev, { status, reason, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected });
      } else {
        store.setEvidenceOutcome(o.evidenceId, { status: 'failed', format: prev.format, reason: o.reason, uncompressedSize: sizeOf.get(o.evidenceId) });
        Object.assign(prev, { status: 'failed', reason: o.reason });
      }
      store.audit('evidence.imported', { evidenceId: o.evidenceId, source: source.id, status: prev.status, recordsRead: prev.recordsRead, imported: prev.imported, rejected: prev.rejected, reason: prev.reason });
      reporter.fileFinished(evidenceBytes.get(o.evidenceId) ?? 0);
      evidenceBytes.delete(o.evidenceId); // a run of many files holds only its pending ones
    }
    reporter.emit();
  })();

  const flush = (p: Pending): Promise<void> => {
    const run = inFlight.then(async () => {
      if (signal.aborted) return;
      let removed: Promise<void> | undefined;
      try {
        const bytes = p.files.reduce((n, f) => n + (evidenceBytes.get(f.evidenceId) ?? 0), 0);
        const outcomes = await reporter.whileImporting(bytes, () => c.writeBehind.during(() => importBatchAtomically(p.source, ctx, p.files)));
        // Nothing reads the batch's staged copies any more: they are unlinked on libuv's threads while the
        // outcomes are recorded (2,070 copies: ~60 ms, the recording ~60 ms).
        removed = removeStaged(p.files);
        settle(outcomes, p.files, p.source);
      } finally {
        await (removed ?? removeStaged(p.files));
      }
    });
    inFlight = run.catch(() => undefined);
    return run;
  };

  let state: ImportSummary['state'] = 'finished';
  let error: string | undefined;
  const flushes: Promise<void>[] = [];
  try {
    const found = await findEvidenceFiles(inputs);
    progress.filesTotal = found.length;
    progress.bytesTotal = found.reduce((n, f) => n + f.size, 0);
    progress.phase = 'importing';
    reporter.emit(true);

    // What is still to come into batches, in staged (decompressed) bytes, estimated from the compression
    // of the files admitted so far.
    let admittedIn = 0;
    let admittedOut = 0;
    const bytesLeft = (): number => Math.max(0, progress.bytesTotal - admittedIn) * (admittedIn > 0 ? admittedOut / admittedIn : 1);
    // Staged files wait in a group and enter the manifest together: case.sqlite commits with an fsync,
    // and one transaction per file kept the staging thread waiting ~2 ms per file (2,070 files: 4 s).
    const group: Staged[] = [];
    let groupBytes = 0;
    const admitGroup = async (): Promise<void> => {
      const taken = group.splice(0);
      groupBytes = 0;
      const admitted = store.db.transaction(() => taken.map((g) => admit(intake, g)))();
      for (const [i, a] of admitted.entries()) {
        admittedIn += taken[i]!.staged.size;
        admittedOut += taken[i]!.staged.uncompressedSize;
        if (a === 'drop' || a === 'done') continue;
        await keepStagedFormFor(a.source, a.file);
        const batch = batches.get(a.source.id) ?? { source: a.source, files: [], bytes: 0 };
        batches.set(a.source.id, batch);
        if (a.source.prepare) {
          a.file.prepared = a.source.prepare(ctx, a.file);
          a.file.prepared.catch(() => undefined); // importBatch sees the failure when it takes the result
        }
        batch.files.push(a.file);
        batch.bytes += a.file.size;
        if (batchIsDue(batch.bytes, batch.files.length, opts.batchBytes ?? a.source.batchBytes ?? DEFAULT_BATCH_BYTES, a.source.batchFiles ?? MAX_BATCH_FILES, bytesLeft())) {
          batches.delete(a.source.id);
          // Wait for the batch before this one, not this one: DuckDB imports this batch while Node stages the
          // next (awaiting this one serialised the two: 1M CloudTrail events took 41 s, now 33 s). Staged
          // bytes on disk stay within about two batches.
          const previous = inFlight;
          flushes.push(flush(batch));
          await previous;
        }
      }
    };
    // Several files are staged at once and taken in their listed order. One at a time, staging was bound by
    // the round trips of each small file's opens, reads and writes (2,070 bench files: ~4.6 s for the first
    // 800), not by the CPU.
    const window: { f: FoundFile; result: ImportFileResult; staging: Promise<StagedEvidence | Error> }[] = [];
    let windowBytes = 0;
    const takeOldest = async (): Promise<void> => {
      const { f, result, staging } = window.shift()!;
      windowBytes -= f.size;
      const staged = await staging;
      if (signal.aborted) return;
      if (staged instanceof Error) {
        Object.assign(result, { status: 'failed', reason: `could not read the file: ${staged.message}` });
        progress.bytesDone += f.size; // read as far as it could be: bytesDone still ends at bytesTotal
        reporter.fileFinished(f.size);
        return;
      }
      progress.bytesDone += staged.size;
      progress.currentFile = f.relPath;
      result.sha256 = staged.sha256;
      group.push({ f, result, staged });
      groupBytes += staged.uncompressedSize;
      if (group.length >= INTAKE_GROUP_FILES || groupBytes >= INTAKE_GROUP_BYTES) await admitGroup();
    };
    let seq = 0;
    for (const f of found) {
      if (signal.aborted) break;
      const result: ImportFileResult = { path: f.path, relPath: f.relPath, evidenceId: null, sha256: null, format: null, status: 'pending', recordsRead: 0, imported: 0, rejected: 0, reason: null };
      results.set(f.path, result);
      if (f.skipReason) {
        Object.assign(result, { status: 'unsupported', reason: f.skipReason });
        reporter.fileFinished(f.size);
        continue;
      }
      // Staging may write the copy elsewhere (the memory folder); StagedEvidence.stagedPath says where.
      const staging = pool.stage(f.path, join(stagingDir, `${++seq}.dat`), opts.bombLimits ?? DEFAULT_BOMB_LIMITS, signal, stageOptions).catch((e: unknown) => e instanceof Error ? e : new Error(String(e)));
      window.push({ f, result, staging });
      windowBytes += f.size;
      while (window.length >= STAGING_WINDOW_FILES || (window.length > 1 && windowBytes >= STAGING_WINDOW_BYTES)) await takeOldest();
    }
    while (window.length > 0) await takeOldest();
    // Every file is staged. The staging threads go now rather than at the end, so their memory is given back
    // before the last batch's INSERT. 1M bench events in mixed file sizes (two in-process runs each): RSS as
    // the batch started 251-288 MiB against 384-419, peak 1,048-1,114 MiB against 1,191-1,235; the uniform
    // bench set 890-897 MiB against 960-969 (two CLI pairs). In one 5M run the peak came in the fifth of six
    // batches, while the threads were still needed.
    await pool.close();
    await admitGroup();
    for (const b of batches.values()) flushes.push(flush(b));
    await Promise.all(flushes);
    if (signal.aborted) state = 'cancelled';
  } catch (e) {
    state = signal.aborted ? 'cancelled' : 'failed';
    if (!signal.aborted) error = (e as Error).message;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await pool.close();
    await inFlight;
    await fsp.rm(stagingDir, { recursive: true, force: true });
    if (memoryDir) await fsp.rm(memoryDir, { recursive: true, force: true });
  }

  store.db.transaction(() => {
    for (const r of results.values()) {
      if (r.status === 'pending') r.reason = state === 'cancelled' ? 'import cancelled before this file was committed; import again to resume' : r.reason;
      store.recordRunFile(runId, { path: r.path, evidenceId: r.evidenceId, status: r.status, reason: r.reason, duplicateOf: r.duplicateOf ?? null, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected });
    }
  })();
  const files = [...results.values()];
  const totals = {
    files: files.length,
    recordsRead: sum(files, 'recordsRead'), imported: sum(files, 'imported'), rejected: sum(files, 'rejected'),
    failed: files.filter((f) => f.status === 'failed').length,
    unsupported: files.filter((f) => f.status === 'unsupported').length,
    duplicate: files.filter((f) => f.status === 'duplicate').length,
  };
  store.finishRun(runId, state, totals, error);
  store.audit('import.finished', { runId, state, ...totals, error });
  progress.phase = 'done';
  reporter.emit(true);
  if (state === 'failed') throw new CairnError('INTERNAL', `import failed: ${error}`);
  return { runId, state, files, totals, elapsedMs: Date.now() - started };
}

/**
 * A staged file keeps its record lines or numbered lines only for the source that asked for them; for another
 * source the content goes back as it was, byte for byte. Outside the manifest's SQLite transaction: file I/O
 * has no place inside it.
 */
export async function keepStagedFormFor(source: LogSource, file: StagedFile): Promise<void> {
  if (file.recordLines && source.recordArray?.prefix !== file.recordLines.prefix) {
    await restoreDocument(file.stagedPath, file.recordLines);
    file.recordLines = undefined;
  }
  if (file.numberedLines && source.id !== file.numberedLines.source) {
    await restoreNumberedLines(file.stagedPath, file.numberedLines);
    file.numberedLines = undefined;
  }
}

function sum(files: ImportFileResult[], k: 'recordsRead' | 'imported' | 'rejected'): number {
  return files.reduce((a, f) => a + f[k], 0);
}

/**
 * What admit() needs of the run: evidence ids already taken by this run (by path), its progress, and where to
 * note the evidence bytes of a file that goes on to a batch.
 */
interface Intake { store: CaseStore; runId: number; pathOf: Map<number, string>; reporter: ImportProgressReporter; evidenceBytes: Map<number, number> }

/**
 * One staged file into the manifest (inside the caller's SQLite transaction): a duplicate is reported, a
 * new file gets its evidence row and audit entry, then detection decides its source, or why it has none.
 */
function admit({ store, runId, pathOf, reporter, evidenceBytes }: Intake, { f, result, staged }: Staged): { source: LogSource; file: StagedFile } | 'drop' | 'done' {
  const existing = store.findEvidenceByHash(staged.sha256);
  // A pending file from an interrupted run is resumed; one already in this run is a duplicate.
  if (existing && (existing.status !== 'pending' || pathOf.has(existing.id))) {
    Object.assign(result, { status: 'duplicate', evidenceId: existing.id, duplicateOf: existing.id, reason: `same SHA-256 as evidence #${existing.id} (${existing.relPath}); not imported again` });
    store.audit('evidence.duplicate', { path: f.path, sha256: staged.sha256, duplicateOf: existing.id });
    reporter.fileFinished(staged.size);
    return drop(staged.stagedPath);
  }
  const evidenceId = existing?.id ?? store.addEvidence({ sha256: staged.sha256, size: staged.size, mtime: staged.mtime, originalPath: f.path, relPath: f.relPath, compression: staged.compression, runId });
  if (!existing) store.audit('evidence.added', { evidenceId, sha256: staged.sha256, size: staged.size, path: f.path, relPath: f.relPath });
  result.evidenceId = evidenceId;
  pathOf.set(evidenceId, f.path);

  const finish = (status: FileStatus, reason: string, format: string | null = null): void => {
    store.setEvidenceOutcome(evidenceId, { status, reason, format, uncompressedSize: staged.uncompressedSize });
    Object.assign(result, { status, reason, format });
    reporter.fileFinished(staged.size);
  };
  const stagedPath = staged.stagedPath;
  if (staged.error || !stagedPath) { finish('failed', staged.error ?? 'could not read the file'); return 'done'; }

  const detected = detectSource({ path: f.path, relPath: f.relPath, name: basename(f.path), head: staged.head, compressed: staged.compression === 'gzip', size: staged.uncompressedSize });
  if ('unsupported' in detected) { finish('unsupported', detected.unsupported); return drop(stagedPath); }
  const { source, detection } = detected;
  result.format = detection.format;
  if (!detection.importable) { finish('recorded', detection.note ?? 'recognised; holds no records to import', detection.format); return drop(stagedPath); }
  store.setEvidenceOutcome(evidenceId, { status: 'pending', format: detection.format, uncompressedSize: staged.uncompressedSize });
  evidenceBytes.set(evidenceId, staged.size);
  return { source, file: { evidenceId, stagedPath, originalPath: f.path, relPath: f.relPath, size: staged.uncompressedSize, detection,
    ...(staged.recordLines ? { recordLines: staged.recordLines } : {}), ...(staged.numberedLines ? { numberedLines: staged.numberedLines } : {}) } };
}
