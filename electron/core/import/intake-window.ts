import { join } from 'node:path';
import type { ImportFileResult } from '../../../shared/types';
import type { BombLimits, StagedEvidence, StageOptions } from '../intake/stage';
import type { StagingPool } from '../intake/staging-pool';
import type { FoundFile } from '../intake/walk';
import type { ImportContext } from '../sources/source';
import { admit, keepStagedFormFor, type Staged } from './admit';
import type { BatchQueue } from './batch-queue';
import type { RunState } from './run-state';

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

export interface IntakeOptions {
  pool: StagingPool;
  /** Where staged copies go, unless stageOptions send them to the memory folder. */
  stagingDir: string;
  stageOptions: StageOptions;
  bombLimits: BombLimits;
  /** Where admitted files go; ctx is what a source's prepare() gets. */
  queue: BatchQueue;
  ctx: ImportContext;
}

/**
 * The way in for a run's files: each is staged (hashed, verified, copied; several at once, on the pool's
 * threads), then entered into the manifest and detected in its listed order, then handed to its source's batch.
 */
export class IntakeWindow {
  private readonly window: { f: FoundFile; result: ImportFileResult; staging: Promise<StagedEvidence | Error> }[] = [];
  private windowBytes = 0;
  // Staged files wait in a group and enter the manifest together: case.sqlite commits with an fsync,
  // and one transaction per file kept the staging thread waiting ~2 ms per file (2,070 files: 4 s).
  private readonly group: Staged[] = [];
  private groupBytes = 0;
  // Compressed and staged (decompressed) bytes admitted so far: their ratio estimates what is still to come.
  private admittedIn = 0;
  private admittedOut = 0;
  private seq = 0;

  constructor(private readonly run: RunState, private readonly opts: IntakeOptions) {}

  /**
   * Hands a file to staging, then waits while the window is full. Several files are staged at once: one at a
   * time, staging was bound by the round trips of each small file's opens, reads and writes (2,070 bench
   * files: ~4.6 s for the first 800), not by the CPU.
   */
  async add(f: FoundFile, result: ImportFileResult): Promise<void> {
    const { pool, stagingDir, bombLimits, ctx, stageOptions } = this.opts;
    // Staging may write the copy elsewhere (the memory folder); StagedEvidence.stagedPath says where.
    const staging = pool.stage(f.path, join(stagingDir, `${++this.seq}.dat`), bombLimits, ctx.signal, stageOptions).catch((e: unknown) => e instanceof Error ? e : new Error(String(e)));
    this.window.push({ f, result, staging });
    this.windowBytes += f.size;
    while (this.window.length >= STAGING_WINDOW_FILES || (this.window.length > 1 && this.windowBytes >= STAGING_WINDOW_BYTES)) await this.takeOldest();
  }

  /** Waits for every file still staging, stops the staging threads, then admits the last group. */
  async drain(): Promise<void> {
    while (this.window.length > 0) await this.takeOldest();
    // Every file is staged. The staging threads go now rather than at the end, so their memory is given back
    // before the last batch's INSERT. 1M bench events in mixed file sizes (two in-process runs each): RSS as
    // the batch started 251-288 MiB against 384-419, peak 1,048-1,114 MiB against 1,191-1,235; the uniform
    // bench set 890-897 MiB against 960-969 (two CLI pairs). In one 5M run the peak came in the fifth of six
    // batches, while the threads were still needed.
    await this.opts.pool.close();
    await this.admitGroup();
  }

  private async takeOldest(): Promise<void> {
    const { f, result, staging } = this.window.shift()!;
    this.windowBytes -= f.size;
    const staged = await staging;
    if (this.opts.ctx.signal.aborted) return;
    const { progress } = this.run.reporter;
    if (staged instanceof Error) {
      Object.assign(result, { status: 'failed', reason: `could not read the file: ${staged.message}` });
      progress.bytesDone += f.size; // read as far as it could be: bytesDone still ends at bytesTotal
      this.run.reporter.fileFinished(f.size);
      return;
    }
    progress.bytesDone += staged.size;
    progress.currentFile = f.relPath;
    result.sha256 = staged.sha256;
    this.group.push({ f, result, staged });
    this.groupBytes += staged.uncompressedSize;
    if (this.group.length >= INTAKE_GROUP_FILES || this.groupBytes >= INTAKE_GROUP_BYTES) await this.admitGroup();
  }

  private async admitGroup(): Promise<void> {
    const taken = this.group.splice(0);
    this.groupBytes = 0;
    const admitted = this.run.store.transaction(() => taken.map((g) => admit(this.run, g)));
    for (const [i, a] of admitted.entries()) {
      this.admittedIn += taken[i]!.staged.size;
      this.admittedOut += taken[i]!.staged.uncompressedSize;
      if (!a) continue;
      await keepStagedFormFor(a.source, a.file);
      if (a.source.prepare) {
        a.file.prepared = a.source.prepare(this.opts.ctx, a.file);
        a.file.prepared.catch(() => undefined); // importBatch sees the failure when it takes the result
      }
      await this.opts.queue.add(a.source, a.file, this.bytesLeft());
    }
  }

  /** What is still to come into batches, in staged (decompressed) bytes, estimated from the files admitted so far. */
  private bytesLeft(): number {
    const ratio = this.admittedIn > 0 ? this.admittedOut / this.admittedIn : 1;
    return Math.max(0, this.run.reporter.progress.bytesTotal - this.admittedIn) * ratio;
  }
}
