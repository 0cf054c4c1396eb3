import { join } from 'node:path';
import { createCore, type CoreOptions } from '../../electron/core/api/create-core';
import { createDispatcher } from '../../electron/core/api/dispatcher';
import { REPO, SAMPLES, tempDir } from './temp';

/** A core with a new case holding the given evidence (default: the CloudTrail and VPC flow samples). */
export async function caseWithEvidence(t: { after(fn: () => unknown): void }, paths = [join(SAMPLES, 'cloudtrail'), join(SAMPLES, 'vpcflow')], extra: Partial<CoreOptions> = {}) {
  const core = await createCore({ dataDir: tempDir(), resourcesDir: join(REPO, 'resources'), host: 'loopback', ...extra });
  t.after(() => core.dispose());
  const dispatch = createDispatcher(core.handlers);
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const caseDir = join(tempDir(), 'case');
  await call('case.create', { dir: caseDir, name: 'findings', examiner: 'tester' });
  const { runId } = await call<{ runId: number }>('import.start', { paths });
  await new Promise<void>((resolve) => { const off = core.subscribe((e) => { if (e.event === 'import.finished' && (e.payload as { runId: number }).runId === runId) { off(); resolve(); } }); });
  return { core, dispatch, call, caseDir, c: core.currentCase()! };
}
