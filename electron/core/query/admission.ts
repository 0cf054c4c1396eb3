import { CairnError } from '../errors';

export interface AdmissionLimits {
  /** Statements that may run at once before any has run long. */
  fastSlots: number;
  /** Statements that may run at once in all. */
  maxRunning: number;
  /** Statements that may wait; one more is refused with BUSY. */
  maxQueued: number;
  /** A statement running longer than this no longer holds a fast slot, so short ones behind it start. */
  longAfterMs: number;
}

export const DEFAULT_LIMITS: AdmissionLimits = { fastSlots: 2, maxRunning: 6, maxQueued: 32, longAfterMs: 2_000 };

interface Waiter { resolve: (release: () => void) => void; reject: (e: Error) => void; signal: AbortSignal; onAbort: () => void }

/**
 * Admits analyst statements a bounded number at a time, in order of arrival, and refuses more than a queue's
 * worth with BUSY. A waiting statement leaves the queue when its signal aborts (its timeout counts from
 * submission, so time queued counts too). Long runners give up their fast slot, so a small query is never
 * stuck behind large ones.
 */
export class Admission {
  private running = new Set<{ long: boolean; timer: NodeJS.Timeout }>();
  private readonly queue: Waiter[] = [];

  constructor(private readonly limits: AdmissionLimits = DEFAULT_LIMITS) {}

  admit(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.queue.length === 0 && this.hasRoom()) return Promise.resolve(this.start());
    if (this.queue.length >= this.limits.maxQueued) {
      return Promise.reject(new CairnError('BUSY', `busy: ${this.running.size} queries running and ${this.queue.length} waiting; try again when some finish, or cancel some`));
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, reject, signal, onAbort: () => { this.remove(w); reject(signal.reason as Error); } };
      signal.addEventListener('abort', w.onAbort, { once: true });
      this.queue.push(w);
    });
  }

  private hasRoom(): boolean {
    const fast = [...this.running].filter((r) => !r.long).length;
    return fast < this.limits.fastSlots && this.running.size < this.limits.maxRunning;
  }

  private start(): () => void {
    const entry = { long: false, timer: setTimeout(() => { entry.long = true; this.next(); }, this.limits.longAfterMs) };
    entry.timer.unref();
    this.running.add(entry);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      clearTimeout(entry.timer);
      this.running.delete(entry);
      this.next();
    };
  }

  private next(): void {
    while (this.queue.length > 0 && this.hasRoom()) {
      const w = this.queue.shift()!;
      w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.start());
    }
  }

  private remove(w: Waiter): void {
    const k = this.queue.indexOf(w);
    if (k >= 0) this.queue.splice(k, 1);
  }
}
