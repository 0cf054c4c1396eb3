/**
 * Orders the importer's writes against the analyst instance's read-only view of the same evidence file
 * (docs/decisions/0001-analyst-instance.md). A read-only attachment sees the file as of its last checkpoint
 * plus the WAL it replayed; DuckDB only frees (and so may overwrite) blocks at a checkpoint. So the writer never
 * checkpoints on its own, and Cairn checkpoints only while no analyst statement or result stream holds a view;
 * a COMMIT and a re-attach never overlap, so a view never replays a half-written WAL.
 */
export interface ReaderAttachment {
  detach(): Promise<void>;
  attach(): Promise<void>;
}

export class EvidenceViews {
  private reader: ReaderAttachment | null = null;
  private pinned = 0;
  private stale = false;
  private checkpointDue = false;
  /** Serialises COMMITs, re-attaches and checkpoints. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly checkpoint: () => Promise<void>) {}

  /** The analyst instance registers its attachment when it opens, and unregisters when it closes. */
  setReader(reader: ReaderAttachment | null): void { this.reader = reader; }

  /** Runs a writer COMMIT so that no view attaches meanwhile; then checkpoints if no view is held. */
  async commit<T>(fn: () => Promise<T>): Promise<T> {
    const out = await this.exclusive(fn);
    this.stale = true;
    this.checkpointDue = true;
    // The rows are committed whatever the checkpoint does: a failed one stays due and is tried again later.
    await this.maintain().catch(() => undefined);
    return out;
  }

  /** Holds the current view until the returned function is called; re-attaches first if the writer committed. */
  async pin(): Promise<() => void> {
    await this.exclusive(async () => {
      if (!this.stale || !this.reader) return;
      if (this.checkpointDue && this.pinned === 0) await this.checkpointLocked();
      else await this.reattach();
    });
    this.pinned++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pinned--;
      if (this.pinned === 0 && this.checkpointDue) void this.maintain().catch(() => undefined);
    };
  }

  /** Checkpoints now if nothing holds a view; otherwise the last release does it. */
  async maintain(): Promise<void> {
    await this.exclusive(async () => {
      if (!this.checkpointDue || this.pinned > 0) return;
      await this.checkpointLocked();
    });
  }

  private async checkpointLocked(): Promise<void> {
    const reader = this.reader;
    if (reader) await reader.detach();
    try {
      await this.checkpoint();
      this.checkpointDue = false;
    } finally {
      if (reader) { await reader.attach(); this.stale = false; }
    }
  }

  private async reattach(): Promise<void> {
    await this.reader!.detach();
    await this.reader!.attach();
    this.stale = false;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.then(() => undefined, () => undefined);
    return run;
  }
}
