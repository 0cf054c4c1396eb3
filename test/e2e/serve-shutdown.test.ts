// Ctrl+C (SIGTERM) must stop `cairn serve` promptly even while an analyst query is still running: the
// query is interrupted, the case closed and its lock released.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServe } from './serve-process';

/** User+system CPU seconds of a process (Linux /proc); NaN elsewhere, where the wait below then ends at once. */
function cpuSeconds(pid: number): number {
  if (!existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

test('SIGTERM stops cairn serve within 10 s while a long query runs', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'cairn-e2e-shutdown-'));
  const serve = await startServe({ dataDir: join(root, 'data'), caseDir: join(root, 'case') });
  try {
    const call = async (method: string, args: unknown) => {
      const r = await fetch(`${serve.origin}/rpc`, { method: 'POST', headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ method, args }) });
      return r.json() as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    };
    const running = call('query.run', { sql: 'SELECT count(*) FROM range(1000000000000)', queryId: 'shutdown-probe' }).catch((e: Error) => ({ ok: false, error: { code: 'IO', message: e.message } }));
    // The run is registered before it has a page: query.page then answers "no rows yet" instead of NOT_FOUND.
    for (let i = 0; ; i++) {
      const r = await call('query.page', { queryId: 'shutdown-probe', offset: 0, limit: 1 });
      if (r.error?.code !== 'NOT_FOUND') break;
      assert.ok(i < 200, 'the long query never started');
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Registered is not yet executing: wait until the engine has burnt half a second of CPU on it.
    const cpuStart = cpuSeconds(serve.pid);
    for (let i = 0; cpuSeconds(serve.pid) - cpuStart < 0.5; i++) {
      assert.ok(i < 2000, 'the long query never ran');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const t0 = Date.now();
    const code = await serve.stop();
    const took = Date.now() - t0;
    assert.equal(code, 0, `cairn serve was killed after ${took} ms instead of exiting:\n${serve.output()}`);
    assert.ok(took < 10_000, `shutdown took ${took} ms`);
    await running;
    assert.equal(existsSync(join(root, 'case', 'case.lock')), false, 'the case lock was not released');
  } finally {
    await serve.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
