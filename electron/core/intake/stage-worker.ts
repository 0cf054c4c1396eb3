// A staging thread (staging-pool.ts): runs stageEvidence for the files it is sent. Hashing, gunzip and the
// staged write are CPU and I/O the main thread then does not wait on.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { stageEvidence, transferableHead, type BombLimits, type StageOptions } from './stage';

export interface StageRequest { id: number; path: string; stagedPath: string; limits: BombLimits; opts: StageOptions }
export type StageReply = { id: number; staged: import('./stage').StagedEvidence } | { id: number; error: string };

lowerOwnPriority();

parentPort?.on('message', (req: StageRequest) => {
  stageEvidence(req.path, req.stagedPath, req.limits, undefined, { ...req.opts, blockingIo: true }).then(
    (staged) => {
      // Handed over, not copied: cloned, each head (up to 64 KiB) was copied out of this thread and into the main one.
      const head = transferableHead(staged.head);
      parentPort!.postMessage({ id: req.id, staged: { ...staged, head } } satisfies StageReply, [head.buffer as ArrayBuffer]);
    },
    (e: unknown) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies StageReply),
  );
});

/**
 * Staging yields the CPU to DuckDB: at nice 19 it runs when DuckDB leaves a core free (decision 0010). Linux only (a thread's own id comes from /proc/thread-self); elsewhere the thread keeps the
 * process's priority.
 */
function lowerOwnPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch { /* not Linux, or not permitted: the default priority */ }
}
