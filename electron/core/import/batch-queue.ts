import type { WriteBehind } from '../duck/write-behind';
import type { ImportContext, LogSource, StagedFile } from '../sources/source';
import { batchIsDue } from './batch-policy';
import type { FileLedger } from './file-ledger';
import { importBatchAtomically, removeStaged, type CommitGuard } from './import-batch';

const DEFAULT_BATCH_BYTES = 128 * 1024 * 1024;
const MAX_BATCH_FILES = 1000;

interface Pending { source: LogSource; files: StagedFile[]; bytes: number }

/**
 * Admitted files wait here, one batch per source, until the batch is due (import/batch-policy.ts). Batches
 * are imported one at a time, in the order they became due, each in its own transaction.
 */
export class BatchQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly started: Promise<void>[] = [];
  /** The batch being imported, or the last one; it never rejects (`started` keeps the failures). */
  private running: Promise<void> = Promise.resolve();

  /** batchBytes: decompressed bytes per batch, for every source; default each source's own. */
  constructor(private readonly ledger: FileLedger, private readonly ctx: ImportContext, private readonly writeBehind: WriteBehind, private readonly guard: CommitGuard, private readonly batchBytes?: number) {}

  /**
   * Adds a file to its source's batch. bytesLeft: decompressed bytes still to come into batches, estimated.
   * When the batch is due it starts, and this waits for the batch before it, not for this one, so DuckDB
   * imports this batch while Node stages the next (decision 0011). Staged bytes stay within about two batches.
   */
  async add(source: LogSource, file: StagedFile, bytesLeft: number): Promise<void> {
    const batch = this.pending.get(source.id) ?? { source, files: [], bytes: 0 };
    this.pending.set(source.id, batch);
    batch.files.push(file);
    batch.bytes += file.size;
    const maxBytes = this.batchBytes ?? source.staging?.batchBytes ?? DEFAULT_BATCH_BYTES;
    if (!batchIsDue(batch.bytes, batch.files.length, maxBytes, source.staging?.batchFiles ?? MAX_BATCH_FILES, bytesLeft)) return;
    this.pending.delete(source.id);
    const previous = this.running;
    this.start(batch);
    await previous;
  }

  /** Starts the batches still waiting; resolves once every batch is imported, rejects if one failed. */
  async finish(): Promise<void> {
    for (const b of this.pending.values()) this.start(b);
    this.pending.clear();
    await Promise.all(this.started);
  }

  /** Resolves once no batch runs, whether the last one failed or not. */
  idle(): Promise<void> {
    return this.running;
  }

  private start(p: Pending): void {
    const { signal } = this.ctx;
    const imported = this.running.then(async () => {
      if (signal.aborted) return;
      let removed: Promise<void> | undefined;
      try {
        const outcomes = await this.ledger.whileImporting(p.files, () => this.writeBehind.during(() => importBatchAtomically(p.source, this.ctx, p.files, this.guard)));
        // Nothing reads the batch's staged copies any more: big ones unlinked on libuv's threads while the outcomes are recorded.
        removed = removeStaged(p.files);
        this.ledger.settle(p.source, p.files, outcomes);
      } finally {
        await (removed ?? removeStaged(p.files));
      }
    });
    this.running = imported.catch(() => undefined);
    this.started.push(imported);
  }
}
