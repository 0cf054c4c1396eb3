// What an import run tells its caller while it runs (ImportProgress): files and bytes read, files and bytes
// finished, records. Reading runs up to two batches ahead of DuckDB and a batch's INSERT sends no events of
// its own, so while one runs, its share of the finished bytes comes from DuckDB's query progress.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportProgress } from '../../../shared/types';

const EMIT_EVERY_MS = 100;
const POLL_BATCH_MS = 250;

export class ImportProgressReporter {
  readonly progress: ImportProgress;
  private lastEmit = 0;
  /** The batch DuckDB is importing: its evidence bytes, and the furthest its INSERT has got (percent). */
  private readonly running = { bytes: 0, percent: 0 };

  /** conn: the connection the batches run on (its progress tracking is on: duck/evidence-db.ts). */
  constructor(runId: number, private readonly conn: DuckDBConnection, private readonly onProgress?: (p: ImportProgress) => void) {
    this.progress = { runId, phase: 'scanning', filesTotal: 0, filesDone: 0, bytesTotal: 0, bytesDone: 0, bytesFinished: 0, records: 0, filesRead: 0 };
  }

  /** Sends the progress, at most every EMIT_EVERY_MS unless forced. */
  emit(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit <= EMIT_EVERY_MS) return;
    this.lastEmit = now;
    this.onProgress?.({ ...this.progress, bytesFinished: this.progress.bytesFinished + this.runningShare() });
  }

  /** A file is finished, whatever became of it: it counts in filesDone, and its evidence bytes in bytesFinished. */
  fileFinished(evidenceBytes: number): void {
    this.progress.filesDone++;
    this.progress.bytesFinished += evidenceBytes;
  }

  /** Runs a batch's import (evidenceBytes: its files'), sending DuckDB's progress through it a few times a second. */
  async whileImporting<T>(evidenceBytes: number, work: () => Promise<T>): Promise<T> {
    Object.assign(this.running, { bytes: evidenceBytes, percent: 0 });
    const timer = setInterval(() => this.emit(), POLL_BATCH_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      this.running.bytes = 0;
    }
  }

  /** Never runs back: DuckDB reports -1 between statements, and a retried batch starts its statements again. */
  private runningShare(): number {
    if (this.running.bytes === 0) return 0;
    this.running.percent = Math.min(100, Math.max(this.running.percent, this.conn.progress.percentage));
    return Math.round((this.running.bytes * this.running.percent) / 100);
  }
}
