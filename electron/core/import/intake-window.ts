import { join } from 'node:path';
import type { BombLimits, StagedEvidence, StageOptions } from '../intake/stage';
import type { StagingPool } from '../intake/staging-pool';
import type { FoundFile } from '../intake/walk';
import type { ImportContext } from '../sources/source';
import { keepFormFor } from '../intake/staged-form';
import { admit, type Staged } from './admit';
import type { BatchQueue } from './batch-queue';
import type { FileLedger } from './file-ledger';

/**
 * Files handed to staging ahead of the manifest (compressed bytes): wide enough that one big file at the
 * window's head does not leave a staging thread idle (decision 0010). A waiting file holds only its head.
 */
const STAGING_WINDOW_FILES = 128;
const STAGING_WINDOW_BYTES = 64 * 1024 * 1024;
/** Staged files entered into the manifest per SQLite transaction, or fewer when they hold this many bytes (decision 0010). */
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
  private readonly window: { f: FoundFile; staging: Promise<StagedEvidence | Error> }[] = [];
  private windowBytes = 0;
  // Staged files wait in a group and enter the manifest together: case.sqlite commits with an fsync.
  private readonly group: Staged[] = [];
  private groupBytes = 0;
  // Compressed and staged (decompressed) bytes admitted so far: their ratio estimates what is still to come.
  private admittedIn = 0;
  private admittedOut = 0;
  private seq = 0;

  constructor(private readonly ledger: FileLedger, private readonly opts: IntakeOptions) {}

  /** Hands a file to staging, then waits while the window is full (several files stage at once: decision 0010). */
  async add(f: FoundFile): Promise<void> {
    const { pool, stagingDir, bombLimits, ctx, stageOptions } = this.opts;
    // Staging may write the copy elsewhere (the memory folder); StagedEvidence.stagedPath says where.
    const staging = pool.stage(f.path, join(stagingDir, `${++this.seq}.dat`), bombLimits, ctx.signal, stageOptions).catch((e: unknown) => e instanceof Error ? e : new Error(String(e)));
    this.window.push({ f, staging });
    this.windowBytes += f.size;
    while (this.window.length >= STAGING_WINDOW_FILES || (this.window.length > 1 && this.windowBytes >= STAGING_WINDOW_BYTES)) await this.takeOldest();
  }

  /** Waits for every file still staging, stops the staging threads, then admits the last group. */
  async drain(): Promise<void> {
    while (this.window.length > 0) await this.takeOldest();
    // Every file is staged: the threads go now, so their memory is given back before the last batch's INSERT (decision 0010).
    await this.opts.pool.close();
    await this.admitGroup();
  }

  private async takeOldest(): Promise<void> {
    const { f, staging } = this.window.shift()!;
    this.windowBytes -= f.size;
    const staged = await staging;
    if (this.opts.ctx.signal.aborted) return;
    if (staged instanceof Error) { this.ledger.unreadable(f, staged.message); return; }
    this.ledger.staged(f, staged);
    this.group.push({ f, staged });
    this.groupBytes += staged.uncompressedSize;
    if (this.group.length >= INTAKE_GROUP_FILES || this.groupBytes >= INTAKE_GROUP_BYTES) await this.admitGroup();
  }

  private async admitGroup(): Promise<void> {
    const taken = this.group.splice(0);
    this.groupBytes = 0;
    const admitted = this.ledger.group(() => taken.map((g) => admit(this.ledger, g)));
    for (const [i, a] of admitted.entries()) {
      this.admittedIn += taken[i]!.staged.size;
      this.admittedOut += taken[i]!.staged.uncompressedSize;
      if (!a) continue;
      await keepFormFor(a.source.staging?.form, a.file);
      const prepare = a.source.staging?.prepare;
      if (prepare) {
        a.file.prepared = prepare(this.opts.ctx, a.file);
        a.file.prepared.catch(() => undefined); // importBatch sees the failure when it takes the result
      }
      await this.opts.queue.add(a.source, a.file, this.bytesLeft());
    }
  }

  /** What is still to come into batches, in staged (decompressed) bytes, estimated from the files admitted so far. */
  private bytesLeft(): number {
    const ratio = this.admittedIn > 0 ? this.admittedOut / this.admittedIn : 1;
    return Math.max(0, this.ledger.bytesTotal - this.admittedIn) * ratio;
  }
}
