import type { FileStatus } from '../../../shared/types';
import type { WriteBehind } from '../duck/write-behind';
import type { ImportContext, LogSource, StagedFile } from '../sources/source';
import { batchIsDue } from './batch-policy';
import { importBatchAtomically, removeStaged, type BatchOutcome, type CommitGuard } from './import-batch';
import type { RunState } from './run-state';

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
  constructor(private readonly run: RunState, private readonly ctx: ImportContext, private readonly writeBehind: WriteBehind, private readonly guard: CommitGuard, private readonly batchBytes?: number) {}

  /**
   * Adds a file to its source's batch. bytesLeft: decompressed bytes still to come into batches, estimated.
   * When the batch is due it starts, and this waits for the batch before it, not for this one: DuckDB imports
   * this batch while Node stages the next (awaiting this one serialised the two: 1M CloudTrail events took
   * 41 s, now 33 s). Staged bytes on disk stay within about two batches.
   */
  async add(source: LogSource, file: StagedFile, bytesLeft: number): Promise<void> {
    const batch = this.pending.get(source.id) ?? { source, files: [], bytes: 0 };
    this.pending.set(source.id, batch);
    batch.files.push(file);
    batch.bytes += file.size;
    if (!batchIsDue(batch.bytes, batch.files.length, this.batchBytes ?? source.batchBytes ?? DEFAULT_BATCH_BYTES, source.batchFiles ?? MAX_BATCH_FILES, bytesLeft)) return;
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
        const bytes = p.files.reduce((n, f) => n + (this.run.evidenceBytes.get(f.evidenceId) ?? 0), 0);
        const outcomes = await this.run.reporter.whileImporting(bytes, () => this.writeBehind.during(() => importBatchAtomically(p.source, this.ctx, p.files, this.guard)));
        // Nothing reads the batch's staged copies any more: they are unlinked on libuv's threads while the
        // outcomes are recorded (2,070 copies: ~60 ms, the recording ~60 ms).
        removed = removeStaged(p.files);
        this.settle(outcomes, p.files, p.source);
      } finally {
        await (removed ?? removeStaged(p.files));
      }
    });
    this.running = imported.catch(() => undefined);
    this.started.push(imported);
  }

  // case.sqlite runs with synchronous=FULL, so every commit is an fsync: a batch's outcomes share one
  // transaction instead of paying several fsyncs per file.
  private settle(outcomes: BatchOutcome[], files: StagedFile[], source: LogSource): void {
    const { store, results, pathOf, evidenceBytes, reporter } = this.run;
    store.db.transaction(() => {
      const sizeOf = new Map(files.map((f) => [f.evidenceId, f.size]));
      for (const o of outcomes) {
        const prev = results.get(pathOf.get(o.evidenceId)!)!;
        if (o.ok) {
          const r = o.result;
          const status: FileStatus = r.rejected > 0 ? 'imported_with_rejects' : 'imported';
          // The detection's stated reason stays (why the file was read as this format), with what staging did to it.
          const reason = [prev.reason, r.rejected > 0 ? `${r.rejected} record(s) rejected; see cairn_rejects` : null, r.flagged ? `${r.flagged} record(s) flagged; see cairn_record_flags` : null, this.run.notes.get(o.evidenceId) ?? null].filter(Boolean).join('; ') || null;
          store.setEvidenceOutcome(o.evidenceId, { status, format: prev.format, reason, uncompressedSize: sizeOf.get(o.evidenceId), recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, tables: r.tables });
          store.setSeals(o.seals);
          Object.assign(prev, { status, reason, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected });
        } else {
          const reason = prev.reason ? `${o.reason} (read as: ${prev.reason})` : o.reason;
          store.setEvidenceOutcome(o.evidenceId, { status: 'failed', format: prev.format, reason, uncompressedSize: sizeOf.get(o.evidenceId) });
          Object.assign(prev, { status: 'failed', reason });
        }
        store.audit('evidence.imported', { evidenceId: o.evidenceId, source: source.id, status: prev.status, recordsRead: prev.recordsRead, imported: prev.imported, rejected: prev.rejected, reason: prev.reason });
        reporter.fileFinished(evidenceBytes.get(o.evidenceId) ?? 0);
        evidenceBytes.delete(o.evidenceId);
      }
      reporter.emit();
    })();
  }
}
