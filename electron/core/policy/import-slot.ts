import type { ImportSummary } from '../../../shared/types';
import { CairnError } from '../errors';

interface Running { runId: number; controller: AbortController; done: Promise<ImportSummary | undefined> }

/**
 * One import at a time per core: a second start is refused while one runs, and the slot is taken at once, so a
 * start cannot slip in while another opens. Closing the case cancels the running import and waits for it.
 */
export class ImportSlot {
  private running: Running | null = null;

  /**
   * Runs `run` in the slot. `run` reports its run id through `started` once the run is recorded; resolves then with
   * the id and the summary's promise. Before a run is recorded `run` fails only on bad input: that error is thrown.
   */
  async start(paths: string[], run: (signal: AbortSignal, started: (runId: number) => void) => Promise<ImportSummary>): Promise<{ runId: number; done: Promise<ImportSummary | undefined> }> {
    if (this.running) throw new CairnError('BAD_REQUEST', `import run ${this.running.runId} is still running`);
    if (paths.length === 0) throw new CairnError('BAD_REQUEST', 'choose at least one file or folder');
    const controller = new AbortController();
    let markStarted!: (id: number) => void;
    const started = new Promise<number>((r) => { markStarted = r; });
    const slot: Running = { runId: 0, controller, done: Promise.resolve(undefined) };
    this.running = slot;
    const done = run(controller.signal, (id) => { slot.runId = id; markStarted(id); })
      .finally(() => { if (this.running === slot) this.running = null; });
    slot.done = done.catch(() => undefined);
    const runId = await Promise.race([started, done.then(() => { throw new CairnError('INTERNAL', 'import ended before it started'); })]);
    return { runId, done: slot.done };
  }

  /** The running import's id, or null. */
  runningId(): number | null { return this.running ? this.running.runId : null; }

  cancel(runId: number): void { if (this.running?.runId === runId) this.running.controller.abort(); }

  /** Cancels the running import, if any, and waits until it has stopped. */
  async stop(): Promise<void> {
    if (this.running) { this.running.controller.abort(); await this.running.done.catch(() => undefined); }
  }
}
