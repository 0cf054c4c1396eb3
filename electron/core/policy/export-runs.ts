import { CairnError } from '../errors';

/**
 * The workbench's background exports (export.parquet): one at a time per core, each with an id the page cancels
 * by. Closing the case cancels the running export and waits until it has stopped (and cleaned its folder).
 */
export class ExportRuns {
  private seq = 0;
  private running: { id: number; controller: AbortController; done: Promise<void> } | null = null;

  /** Starts `run` unless an export runs; returns its id at once. `run` reports its own end (events). */
  start(run: (id: number, signal: AbortSignal) => Promise<void>): number {
    if (this.running) throw new CairnError('BUSY', `export ${this.running.id} is still running`);
    const id = ++this.seq;
    const controller = new AbortController();
    const slot = { id, controller, done: Promise.resolve() };
    this.running = slot;
    slot.done = run(id, controller.signal).catch(() => undefined).finally(() => { if (this.running === slot) this.running = null; });
    return id;
  }

  runningId(): number | null { return this.running?.id ?? null; }

  cancel(id: number): void { if (this.running?.id === id) this.running.controller.abort(); }

  async stop(): Promise<void> {
    const r = this.running;
    if (r) { r.controller.abort(); await r.done; }
  }
}
