import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { stageEvidence, type BombLimits, type StagedEvidence, type StageOptions } from './stage';
import type { StageReply, StageRequest } from './stage-worker';

/**
 * Stages evidence files on worker threads, so both cores stage while DuckDB waits for its first batch
 * (decision 0010). A file goes to an idle thread, else to a new one (up to `size`), else to the one with the fewest
 * waiting. If a thread cannot start or dies (a packaging that cannot load the worker script), its files go to the
 * calling thread, as do all files once no thread is left.
 */
export class StagingPool {
  /**
   * Files staged on the calling thread at once (the fallback without threads). Each holds its whole content
   * in memory while it is staged, and the import keeps many more files in flight than that.
   */
  static readonly CALLING_THREAD_AT_ONCE = 4;
  private readonly threads: { worker: Worker; waiting: number }[] = [];
  /** Files being staged on the calling thread, and the callers waiting for one of them to finish. */
  private onCallingThread = 0;
  private readonly waitingForCallingThread: (() => void)[] = [];
  private readonly pending = new Map<number, { req: StageRequest; signal: AbortSignal; resolve: (s: StagedEvidence) => void; reject: (e: Error) => void; thread: { waiting: number } }>();
  private nextId = 0;
  private closed = false;

  /** Threads started so far: at most `size`, a thread that died is not replaced (its files go to the calling thread). */
  private started = 0;

  /**
   * `script` is for tests; inside an Electron app.asar the worker is unpacked beside it (electron-builder.yml).
   * Threads start as files need them: an import of one file starts one (a thread costs its start-up, decision 0026).
   */
  constructor(private readonly size: number, private readonly script = join(__dirname, 'stage-worker.js').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')) {}

  /** An idle thread, else a new one while fewer than `size` have started, else the one with the fewest waiting. */
  private pickThread(): { worker: Worker; waiting: number } | undefined {
    const idle = this.threads.find((t) => t.waiting === 0);
    if (idle) return idle;
    if (this.started < this.size) {
      this.started++;
      try {
        const worker = new Worker(this.script);
        const thread = { worker, waiting: 0 };
        worker.on('message', (reply: StageReply) => this.settle(reply));
        worker.on('error', (e) => this.fail(thread, e));
        worker.on('exit', () => this.fail(thread, new Error('staging thread stopped')));
        this.threads.push(thread);
        return thread;
      } catch { this.started = this.size; /* threads cannot start here: the calling thread stages */ }
    }
    return this.threads.reduce<(typeof this.threads)[number] | undefined>((best, t) => (!best || t.waiting < best.waiting ? t : best), undefined);
  }

  async stage(path: string, stagedPath: string, limits: BombLimits, signal: AbortSignal, opts: StageOptions = {}): Promise<StagedEvidence> {
    signal.throwIfAborted();
    const thread = this.closed ? undefined : this.pickThread();
    if (!thread) return this.stageHere(path, stagedPath, limits, signal, opts);
    const req: StageRequest = { id: this.nextId++, path, stagedPath, limits, opts };
    thread.waiting++;
    return new Promise<StagedEvidence>((resolve, reject) => {
      this.pending.set(req.id, { req, signal, resolve, reject, thread });
      thread.worker.postMessage(req);
    });
  }

  /** Stops the threads; files still being staged fail (their staged copies go with the staging folder). */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private settle(reply: StageReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    p.thread.waiting--;
    if ('error' in reply) { p.reject(new Error(reply.error)); return; }
    // Buffers arrive as plain Uint8Arrays.
    const head = reply.staged.head as Uint8Array;
    p.resolve({ ...reply.staged, head: Buffer.from(head.buffer, head.byteOffset, head.byteLength) });
  }

  private fail(thread: { worker: Worker; waiting: number }, e: Error): void {
    const i = this.threads.indexOf(thread);
    if (i >= 0) this.threads.splice(i, 1);
    for (const [id, p] of this.pending) {
      if (p.thread !== thread) continue;
      this.pending.delete(id);
      if (this.closed) p.reject(e);
      else this.stageHere(p.req.path, p.req.stagedPath, p.req.limits, p.signal, p.req.opts).then(p.resolve, p.reject);
    }
  }

  /** How many threads have started (at most `size`); for tests. */
  get threadsStarted(): number { return this.started; }

  /** How many files are being staged on the calling thread now (at most CALLING_THREAD_AT_ONCE); for tests. */
  get stagingOnCallingThread(): number { return this.onCallingThread; }

  private async stageHere(path: string, stagedPath: string, limits: BombLimits, signal: AbortSignal, opts: StageOptions): Promise<StagedEvidence> {
    if (this.onCallingThread < StagingPool.CALLING_THREAD_AT_ONCE) this.onCallingThread++;
    else await new Promise<void>((resolve) => this.waitingForCallingThread.push(resolve)); // handed a slot (below)
    try {
      signal.throwIfAborted();
      return await stageEvidence(path, stagedPath, limits, signal, opts);
    } finally {
      const next = this.waitingForCallingThread.shift();
      if (next) next(); // the slot passes straight on, so no new caller can slip in between
      else this.onCallingThread--;
    }
  }
}
