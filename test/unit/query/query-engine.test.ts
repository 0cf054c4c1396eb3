import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CairnError } from '../../../electron/core/errors';
import { newCase } from '../../helpers/case';

test('DuckDB makes the whole result: the first page comes with its row count, and any row is one page away', async () => {
  const c = await newCase();
  const first = await c.queries.run('SELECT range AS n, md5(range::VARCHAR) AS h FROM range(3000000)', { pageSize: 100 });
  assert.equal(first.rows.length, 100);
  assert.equal(first.done, true, 'no JavaScript read of the rest: the result is already a table');
  assert.equal(first.rowCount, 3_000_000);
  assert.deepEqual(first.columns.map((col) => [col.name, col.type]), [['n', 'BIGINT'], ['h', 'VARCHAR']]);
  const deep = await c.queries.page(first.queryId, 2_999_950, 100);
  assert.deepEqual(deep.rows.map((r) => Number(r[0])), Array.from({ length: 50 }, (_, k) => 2_999_950 + k));
  const sorted = await c.queries.page(first.queryId, 0, 2, { column: 'n', descending: true });
  assert.deepEqual(sorted.rows.map((r) => Number(r[0])), [2_999_999, 2_999_998]);
  await c.queries.close(first.queryId);
});

test('what DuckDB cannot make into a table (EXPLAIN) is streamed, and repeated column names stay apart', async () => {
  const c = await newCase();
  const plan = await c.queries.run('EXPLAIN SELECT range FROM range(10)');
  assert.ok(plan.rows.length > 0 && plan.done);
  const twice = await c.queries.run('SELECT a.range, b.range FROM range(3) a JOIN range(3) b USING (range) ORDER BY 1');
  assert.equal(new Set(twice.columns.map((col) => col.name)).size, 2);
  assert.deepEqual(twice.rows.map((r) => r.map(Number)), [[0, 0], [1, 1], [2, 2]]);
});

test('a page reads consistently, and a finished result knows its row count', async () => {
  const c = await newCase();
  const first = await c.queries.run('SELECT range AS n FROM range(12345) ORDER BY n', { pageSize: 10 });
  assert.deepEqual(first.rows.map((r) => Number(r[0])), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const all = await c.queries.complete(first.queryId);
  assert.equal(all.done, true);
  assert.equal(all.rowCount, 12345);
  const again = await c.queries.page(first.queryId, 12340, 10);
  assert.deepEqual(again.rows.map((r) => Number(r[0])), [12340, 12341, 12342, 12343, 12344]);
  const sorted = await c.queries.page(first.queryId, 0, 3, { column: 'n', descending: true });
  assert.deepEqual(sorted.rows.map((r) => Number(r[0])), [12344, 12343, 12342]);
  const history = c.forImport().store.queryHistory();
  assert.equal(history[0]!.sql, 'SELECT range AS n FROM range(12345) ORDER BY n');
  assert.equal(history[0]!.status, 'ok');
});

test('a running query can be cancelled, and the engine stays usable', async () => {
  const c = await newCase();
  // The caller names the run, so it can cancel before the first page exists.
  const heavy = c.queries.run('SELECT count(*) FROM range(100000000000) a WHERE md5(a.range::VARCHAR) = \'x\'', { queryId: 'heavy-1' });
  await new Promise((r) => setTimeout(r, 300));
  c.queries.cancel('heavy-1');
  await assert.rejects(heavy, (e: unknown) => e instanceof CairnError && e.code === 'CANCELLED');
  const after = await c.queries.run('SELECT 41 + 1 AS answer');
  assert.deepEqual(after.rows, [[42]]);
});

test('a query over its time limit is stopped with TIMEOUT', async () => {
  const c = await newCase();
  await assert.rejects(c.queries.run("SELECT count(*) FROM range(100000000000) a WHERE md5(a.range::VARCHAR) = 'x'", { timeoutMs: 300 }),
    (e: unknown) => e instanceof CairnError && e.code === 'TIMEOUT');
  const last = c.forImport().store.queryHistory()[0]!;
  assert.equal(last.status, 'TIMEOUT');
});

for (const [name, sql, code, position] of [
  ['syntax error', 'SELECT * FROMM cloudtrail', 'SQL_SYNTAX', 16],
  ['unknown table', 'SELECT * FROM no_such_table', 'SQL_UNKNOWN_NAME', 15],
  ['unknown column', 'SELECT no_such_column FROM cloudtrail', 'SQL_UNKNOWN_NAME', 8],
  ['unknown function', 'SELECT frobnicate(eventname) FROM cloudtrail', 'SQL_UNSUPPORTED', 8],
] as const) {
  test(`errors carry a stable code and position: ${name}`, async () => {
    const c = await newCase();
    await assert.rejects(c.queries.run(sql), (e: unknown) => {
      assert.ok(e instanceof CairnError);
      assert.equal(e.code, code, e.message);
      assert.equal(e.position, position, e.message);
      return true;
    });
  });
}

test('named parameters are bound as values, never spliced into the SQL', async () => {
  const c = await newCase();
  const page = await c.queries.run('SELECT $who AS who, length($who) AS n', { params: { who: "x' OR 1=1 --" } });
  assert.deepEqual(page.rows, [["x' OR 1=1 --", '12']]); // BIGINT crosses as text
  await assert.rejects(c.queries.run('SELECT $missing'), /needs a value for parameter \$missing/);
});

test('a script runs statement by statement; the last one is the result', async () => {
  const c = await newCase();
  const page = await c.queries.run("CREATE TEMP TABLE t AS SELECT 1 AS a; -- scratch\nSELECT a + 1 AS b FROM t;");
  assert.deepEqual(page.rows, [[2]]);
});

test('a selective filter: its pages line up, every row once', async () => {
  const c = await newCase();
  const first = await c.queries.run("SELECT range AS n FROM range(3000000) WHERE md5(range::VARCHAR) LIKE '%ab%'", { pageSize: 100 });
  const all = await c.queries.complete(first.queryId);
  assert.ok(all.rowCount > 100_000, `${all.rowCount} rows`);
  const seen = new Set<string>();
  let previous: string[] = [];
  for (let offset = 0; offset < all.rowCount; offset += 5000) {
    const page = await c.queries.page(first.queryId, offset, 5000);
    const values = page.rows.map((r) => String(r[0]));
    for (const v of values) { assert.ok(!seen.has(v), `row ${v} appears twice`); seen.add(v); }
    if (offset === 0) assert.deepEqual(values.slice(0, 100), first.rows.map((r) => String(r[0])), 'first page matches the head');
    previous = values;
  }
  assert.equal(seen.size, all.rowCount);
  assert.ok(previous.length > 0);
});

test('a small result sorts and pages', async () => {
  const c = await newCase();
  const first = await c.queries.run("SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b')) t(n, s)");
  assert.equal(first.done, true);
  assert.deepEqual(first.rows, [[3, 'c'], [1, 'a'], [2, 'b']]);
  const sorted = await c.queries.page(first.queryId, 0, 10, { column: 'n' });
  assert.deepEqual(sorted.rows, [[1, 'a'], [2, 'b'], [3, 'c']]);
  const again = await c.queries.page(first.queryId, 1, 10);
  assert.deepEqual(again.rows, [[1, 'a'], [2, 'b']]);
  await c.queries.close(first.queryId);
});

test('read front to back, again, or skipping ahead, pages are the same rows', async () => {
  const c = await newCase();
  const sql = "SELECT range AS n, md5(range::VARCHAR) AS h FROM range(40000) WHERE range % 7 <> 3 ORDER BY n";
  const first = await c.queries.run(sql, { pageSize: 200 });
  const forward: unknown[][] = [...first.rows];
  // Uneven page sizes, so pages start and end inside DuckDB's 2,048-row chunks.
  for (let offset = 200, size = 3001; ; offset += size) {
    const page = await c.queries.page(first.queryId, offset, size);
    if (page.rows.length === 0) break;
    forward.push(...page.rows);
  }
  const expected = Array.from({ length: 40000 }, (_, n) => n).filter((n) => n % 7 !== 3);
  assert.deepEqual(forward.map((r) => Number(r[0])), expected);
  const again = await c.queries.page(first.queryId, 4500, 6000);
  assert.deepEqual(again.rows, forward.slice(4500, 10500));
  // A page that skips ahead of what was read.
  const other = await c.queries.run(sql, { pageSize: 10 });
  const ahead = await c.queries.page(other.queryId, 25000, 1000);
  assert.deepEqual(ahead.rows, forward.slice(25000, 26000));
});

test("binder and catalog errors keep DuckDB's candidates (did you mean)", async () => {
  const c = await newCase();
  for (const [sql, said] of [
    ['SELECT eventnam FROM cloudtrail', /Candidate bindings: .*"eventname"/],
    ['SELECT * FROM cloudtrai', /Did you mean "cloudtrail"\?/],
    ['SELECT lenght(eventname) FROM cloudtrail', /not supported.*Did you mean "length"\?/],
  ] as const) {
    await assert.rejects(c.queries.run(sql), (e: unknown) => e instanceof CairnError && said.test(e.message), sql);
  }
});

test('a cancel that arrives before the first page is never answered with rows, whenever it lands', { timeout: 180_000 }, async () => {
  const c = await newCase();
  const sql = 'SELECT range AS n, md5(range::VARCHAR) AS h FROM range(20000)';
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
  // How many event-loop turns one run takes; cancels are then spread over that span and a little past it.
  let span = 0;
  let done = false;
  const first = c.queries.run(sql).finally(() => { done = true; });
  while (!done) { await tick(); span++; }
  await c.queries.close((await first).queryId);
  const seen = new Set<string>();
  for (let step = 0; step <= 120; step++) {
    const id = `race-${step}`;
    let settled = false;
    const run = c.queries.run(sql, { queryId: id }).finally(() => { settled = true; });
    for (let k = Math.round((step * span) / 100); k > 0 && !settled; k--) await tick();
    if (settled) { seen.add('finished first'); await c.queries.close((await run).queryId); continue; }
    c.queries.cancel(id);
    await assert.rejects(run, (e: unknown) => e instanceof CairnError && e.code === 'CANCELLED', `cancelled at step ${step} of ${span} turns`);
    seen.add('cancelled');
  }
  assert.deepEqual([...seen].sort(), ['cancelled', 'finished first'], 'cancels landed both while the run worked and after it');
});

test('a cancel that lands while a run sets up a result that never ends still stops it, whenever it lands', { timeout: 300_000 }, async () => {
  const c = await newCase();
  // Made whole before its first page (decision 0050), this cross join would run for days: only the interrupt ends it.
  const sql = 'SELECT a.range AS a, b.range AS b FROM range(1000000) a, range(1000000) b';
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
  // Event-loop turns into its set-up, then wall time into DuckDB's work.
  const waits = [...Array.from({ length: 81 }, (_, k) => ({ turns: k, ms: 0 })), ...[20, 100, 500].map((ms) => ({ turns: 0, ms }))];
  for (const [step, wait] of waits.entries()) {
    const id = `endless-${step}`;
    const run = c.queries.run(sql, { queryId: id });
    for (let k = 0; k < wait.turns; k++) await tick();
    if (wait.ms) await new Promise((r) => setTimeout(r, wait.ms));
    c.queries.cancel(id);
    const stopped = await Promise.race([
      run.then(() => 'rows', (e: unknown) => (e instanceof CairnError ? e.code : String(e))),
      new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000).unref()),
    ]);
    assert.equal(stopped, 'CANCELLED', `cancelled ${wait.turns} event-loop turns and ${wait.ms} ms after it started`);
  }
});

test('a cancel that reaches the engine before its run (another request, another connection) still cancels it', async () => {
  const c = await newCase();
  c.queries.cancel('early-1');
  await assert.rejects(c.queries.run('SELECT count(*) FROM range(100000000000) a WHERE md5(a.range::VARCHAR) = \'x\'', { queryId: 'early-1' }),
    (e: unknown) => e instanceof CairnError && e.code === 'CANCELLED');
  // Remembered once: the id is free again, and other runs are untouched.
  assert.deepEqual((await c.queries.run('SELECT 7 AS n', { queryId: 'early-1' })).rows, [[7]]);
  assert.deepEqual((await c.queries.run('SELECT 8 AS n', { queryId: 'early-2' })).rows, [[8]]);
});
