// A staging thread (staging-pool.ts): runs stageEvidence for the files it is sent. Hashing, gunzip and the
// staged write are CPU and I/O the main thread then does not wait on.
import { parentPort } from 'node:worker_threads';
import { stageEvidence, type BombLimits, type StageOptions } from './stage';

export interface StageRequest { id: number; path: string; stagedPath: string; limits: BombLimits; opts: StageOptions }
export type StageReply = { id: number; staged: import('./stage').StagedEvidence } | { id: number; error: string };

parentPort?.on('message', (req: StageRequest) => {
  stageEvidence(req.path, req.stagedPath, req.limits, undefined, req.opts).then(
    (staged) => parentPort!.postMessage({ id: req.id, staged } satisfies StageReply),
    (e: unknown) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies StageReply),
  );
});

