import { closeSync, fdatasync, openSync } from 'node:fs';

/** Between flushes while an import batch runs (~25 MB of CloudTrail rows written meanwhile). */
const FLUSH_EVERY_MS = 500;

/**
 * Write-behind for the evidence database while an import batch runs, as RocksDB's bytes_per_sync does.
 * DuckDB syncs a batch's row groups only at COMMIT, which then waited for the whole batch to reach the disk
 * with a core idle; syncing every 500 ms meanwhile leaves COMMIT the last half second (decision 0011).
 *
 * The file is opened read-only, and only for fdatasync, which flushes the file whoever wrote it. It stays open
 * until DuckDB has closed the database: closing any descriptor of a file drops every POSIX lock this process
 * holds on it, DuckDB's own lock among them. Where the file cannot be opened or synced, the first flush
 * fails and write-behind stops for good: Windows documents FlushFileBuffers as needing write access (not run
 * here; only Linux is).
 */
export class WriteBehind {
  private fd: number | null = null;
  private stopped = false; // closed, or the platform would not open or sync the file
  private flushing: Promise<void> | null = null;
  /** Flushes started, for tests. */
  flushes = 0;

  constructor(private readonly path: string, private readonly everyMs = FLUSH_EVERY_MS) {}

  /** Runs fn, flushing the database file behind it until fn settles. */
  async during<T>(fn: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => this.flush(), this.everyMs);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
    }
  }

  /** Only once DuckDB has closed the file (see above). Waits for a flush still running. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.flushing;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private flush(): void {
    if (this.flushing || this.stopped) return;
    try {
      this.fd ??= openSync(this.path, 'r');
    } catch {
      this.stopped = true;
      return;
    }
    const fd = this.fd;
    this.flushes++;
    this.flushing = new Promise((resolve) => fdatasync(fd, (e) => {
      this.flushing = null;
      if (e) this.stopped = true;
      resolve();
    }));
  }
}
