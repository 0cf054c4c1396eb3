// Many queries at once: timeouts count from submission, a full queue answers BUSY, a short query is not stuck
// behind long ones, and scratch space is capped.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { CairnError } from '../../../electron/core/errors';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

/** Runs for minutes on two cores unless stopped. */
const HEAVY = 'SELECT sum(hash(range)) FROM range(100000000000)';

const code = (e: unknown): string => (e instanceof CairnError ? e.code : String(e));

test('twenty heavy queries sent at once each stop with TIMEOUT, counted from submission, waiting included', async () => {
  const c = await newCase();
  const submitted = Date.now();
  const settled = await Promise.allSettled(Array.from({ length: 20 }, async () => {
    try { await c.queries.run(HEAVY, { timeoutMs: 1500 }); return 'ran'; } catch (e) { return `${code(e)} after ${Date.now() - submitted} ms`; }
  }));
  const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value : 'rejected'));
  for (const o of outcomes) assert.match(o, /^TIMEOUT after \d+ ms$/, o);
  // Before, queued queries started their clock when they ran: 14 of 20 took 52-90 s. Now none outlives its
  // deadline by more than the time an interrupt takes to land.
  const slowest = Math.max(...outcomes.map((o) => Number(/after (\d+)/.exec(o)![1])));
  assert.ok(slowest < 15_000, `the last one stopped ${slowest} ms after submission`);
});

test('past a full queue, a query is refused at once with BUSY', async () => {
  const c = await newCase();
  const heavies = Array.from({ length: 2 + 32 }, () => c.queries.run(HEAVY, { timeoutMs: 3000 }).catch((e: unknown) => code(e)));
  await assert.rejects(c.queries.run('SELECT 42', { timeoutMs: 0 }), (e: unknown) => code(e) === 'BUSY');
  assert.deepEqual(new Set(await Promise.all(heavies)), new Set(['TIMEOUT']));
});

test('a short query is not stuck behind long ones: they give up their fast slots', async () => {
  const c = await newCase();
  let heaviesDone = false;
  const heavies = Promise.all([1, 2].map(() => c.queries.run(HEAVY, { timeoutMs: 20_000 }).catch(() => undefined))).then(() => { heaviesDone = true; });
  await new Promise((r) => setTimeout(r, 2500)); // both have now run longer than a fast slot allows
  const page = await c.queries.run('SELECT 42 AS n', { timeoutMs: 0 });
  assert.deepEqual(page.rows, [[42]]);
  assert.equal(heaviesDone, false, 'the short query finished while the long ones still ran');
  await c.queries.closeAll();
  await heavies;
});

test('scratch space is capped: a table bigger than the limit fails with SCRATCH_FULL and leaves nothing behind', async () => {
  const dir = join(tempDir(), 'case');
  const c = await Case.open(dir, { create: { name: 'scratch cap', examiner: 't' }, analyst: { memoryLimit: '64MB', scratchLimit: '64MB' } });
  after(() => c.close().catch(() => undefined));
  const spill = join(dir, 'tmp', 'analyst-spill');
  const big = `CREATE TABLE big AS SELECT md5(range::VARCHAR) || md5((range + 1)::VARCHAR) || md5((range + 2)::VARCHAR) AS s FROM range(20000000)`;
  await assert.rejects(c.queries.run(big, { timeoutMs: 0 }), (e: unknown) => { assert.equal(code(e), 'SCRATCH_FULL', String(e)); return true; });
  await assert.rejects(c.queries.run('SELECT count(*) FROM big'), (e: unknown) => code(e) === 'SQL_UNKNOWN_NAME', 'the table was rolled back');
  const page = await c.queries.run('CREATE TABLE small AS SELECT range AS n FROM range(1000)');
  assert.match(page.message ?? '', /done/);
  const onDisk = readdirSync(spill).reduce((n, f) => n + statSync(join(spill, f)).size, 0);
  assert.ok(onDisk < 64e6 * 4, `the spill folder holds ${onDisk} bytes after the rollback`);
});
