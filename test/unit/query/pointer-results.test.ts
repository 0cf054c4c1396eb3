// Results that return evidence rows whole are kept as row keys and read back from the evidence (decision 0054):
// on a real case (the CloudTrail and flow samples), every page, sort, aggregate, time window and export equals
// what a result DuckDB copies as a table gives; an import that adds rows meanwhile does not change an open result;
// and only statements that return evidence rows unchanged take this path.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { QueryPage, TimeHistogram } from '../../../shared/types';
import { PointerResult } from '../../../electron/core/query/pointer-result';
import { pointerShape } from '../../../electron/core/query/pointer-shape';
import { caseWithEvidence } from '../../helpers/findings-harness';
import { tempDir } from '../../helpers/temp';

let env: Awaited<ReturnType<typeof caseWithEvidence>>;
const cleanups: Array<() => unknown> = [];
before(async () => { env = await caseWithEvidence({ after: (fn) => cleanups.push(fn) }); });
after(async () => { for (const fn of cleanups.reverse()) await fn(); });

const run = (sql: string, pageSize = 10_000) => env.call<QueryPage>('query.run', { sql, pageSize });
const page = (queryId: string, offset: number, limit: number, sort?: { column: string; descending: boolean }) =>
  env.call<QueryPage>('query.page', { queryId, offset, limit, ...(sort ? { sort } : {}) });
const isPointer = (queryId: string): boolean => env.c.queries.cache(queryId) instanceof PointerResult;
/** The same rows copied by DuckDB as a table: one computed column more keeps the statement off the pointer path. */
const copied = async (sql: string): Promise<QueryPage> => {
  const p = await run(sql.replace(/^SELECT \*/i, 'SELECT *, 0 AS copied_marker'));
  assert.ok(!isPointer(p.queryId));
  return { ...p, columns: p.columns.slice(0, -1), rows: p.rows.map((r) => r.slice(0, -1)) };
};

test('SELECT * of an evidence table keeps keys, and its pages equal the copied result row for row, in evidence order', async () => {
  const p = await run('SELECT * FROM cloudtrail', 7);
  assert.ok(isPointer(p.queryId), 'a bare SELECT * is a pointer result');
  const oracle = await copied('SELECT * FROM cloudtrail ORDER BY _evidence_id, _ordinal');
  assert.equal(p.done, true);
  assert.equal(p.rowCount, oracle.rowCount);
  assert.ok(p.rowCount > 20, `the samples hold ${p.rowCount} events`);
  assert.deepEqual(p.columns, oracle.columns);
  const all: unknown[][] = [...p.rows];
  for (let at = 7; at < p.rowCount; at += 7) all.push(...(await page(p.queryId, at, 7)).rows);
  assert.deepEqual(all, oracle.rows);
  const tail = await page(p.queryId, p.rowCount - 3, 100);
  assert.deepEqual(tail.rows, oracle.rows.slice(-3), 'a page past the end is cut at the end');
});

test('a statement that orders, filters and limits keeps its own order and its rows', async () => {
  const sql = "SELECT c.* FROM evidence.main.cloudtrail c WHERE eventsource <> 'ec2.amazonaws.com' ORDER BY eventtime DESC, eventid LIMIT 25 OFFSET 3";
  const p = await run(sql);
  assert.ok(isPointer(p.queryId));
  const oracle = await copied(sql.replace('SELECT c.*', 'SELECT *'));
  assert.deepEqual(p.rows, oracle.rows);
});

test('sorting a pointer result by a column gives the copied result\'s sort, both ways, NULLs last', async () => {
  const p = await run('SELECT * FROM cloudtrail');
  const oracle = await copied('SELECT * FROM cloudtrail ORDER BY _evidence_id, _ordinal');
  for (const [column, descending] of [['errorcode', false], ['eventname', true], ['eventtime', false]] as const) {
    const mine = await page(p.queryId, 0, 10_000, { column, descending });
    const theirs = await page(oracle.queryId, 0, 10_000, { column, descending });
    assert.deepEqual(mine.rows, theirs.rows.map((r) => r.slice(0, -1)), `${column} ${descending ? 'desc' : 'asc'}`);
  }
  const middle = await page(p.queryId, 5, 4, { column: 'eventname', descending: true });
  const whole = await page(p.queryId, 0, 10_000, { column: 'eventname', descending: true });
  assert.deepEqual(middle.rows, whole.rows.slice(5, 9), 'a page of a sort is that slice of the sort');
});

test('histogram, time window, field summary and export read the pointer result like a copied one', async () => {
  const p = await run('SELECT * FROM cloudtrail');
  const oracle = await copied('SELECT * FROM cloudtrail ORDER BY _evidence_id, _ordinal');
  const h1 = await env.call<TimeHistogram>('timeline.histogram', { queryId: p.queryId });
  const h2 = await env.call<TimeHistogram>('timeline.histogram', { queryId: oracle.queryId });
  assert.deepEqual(h1.buckets, h2.buckets);
  const dated = h1.buckets.filter(([, n]) => n > 0);
  const start = dated[1]![0];
  const end = new Date(Date.parse(dated.at(-1)![0]) + h1.bucketSeconds * 1000).toISOString();
  const w1 = await env.call<QueryPage>('timeline.window', { queryId: p.queryId, start, end, pageSize: 1000 });
  const w2 = await env.call<QueryPage>('timeline.window', { queryId: oracle.queryId, start, end, pageSize: 1000 });
  assert.ok(isPointer(w1.queryId), 'a window of a pointer result stays one');
  assert.ok(w1.rowCount > 0 && w1.rowCount < p.rowCount);
  assert.deepEqual(w1.rows, w2.rows.map((r) => r.slice(0, -1)));
  const s1 = await env.call('result.fieldSummary', { queryId: p.queryId, column: 'eventname' });
  const s2 = await env.call('result.fieldSummary', { queryId: oracle.queryId, column: 'eventname' });
  assert.deepEqual(s1, s2);
  const e1 = await env.call<{ path: string; rows: number }>('query.export', { queryId: p.queryId, format: 'csv', path: 'pointer.csv' });
  const e2 = await env.call<{ path: string; rows: number }>('query.export', { queryId: oracle.queryId, format: 'csv', path: 'copied.csv' });
  assert.equal(e1.rows, p.rowCount);
  const withoutMarker = (csv: string) => csv.replace(/,(copied_marker|0)\r\n/g, '\r\n');
  assert.equal(readFileSync(e1.path, 'utf8'), withoutMarker(readFileSync(e2.path, 'utf8')));
});

test('rows imported while a pointer result is open do not enter it; a new run sees them', async () => {
  const p = await run('SELECT * FROM cloudtrail');
  const before = (await page(p.queryId, 0, 10_000)).rows;
  const dir = join(tempDir(), 'more');
  mkdirSync(dir, { recursive: true });
  const record = (k: number) => ({ eventVersion: '1.08', eventTime: `2024-06-0${k}T00:00:00Z`, eventSource: 'iam.amazonaws.com', eventName: 'CreateUser',
    awsRegion: 'us-east-1', sourceIPAddress: '10.0.0.1', userAgent: 'test', eventID: `added-${k}`, eventType: 'AwsApiCall', recipientAccountId: '111122223333' });
  writeFileSync(join(dir, 'added.json'), JSON.stringify({ Records: [record(1), record(2)] }));
  const { runId } = await env.call<{ runId: number }>('import.start', { paths: [dir] });
  await new Promise<void>((resolve) => { const off = env.core.subscribe((e) => { if (e.event === 'import.finished' && (e.payload as { runId: number }).runId === runId) { off(); resolve(); } }); });
  const after = await page(p.queryId, 0, 10_000);
  assert.equal(after.rowCount, p.rowCount);
  assert.deepEqual(after.rows, before, 'the open result is what it was');
  const again = await run('SELECT * FROM cloudtrail');
  assert.equal(again.rowCount, p.rowCount + 2);
});

test('only statements that return one evidence table\'s rows unchanged are kept as keys', async () => {
  const internal = async <T>(fn: (conn: Parameters<Parameters<typeof env.c.queries.internal>[0]>[0]) => Promise<T>) => env.c.queries.internal(fn);
  const shape = (sql: string) => internal((conn) => pointerShape(conn, sql));
  for (const sql of ['SELECT * FROM cloudtrail', 'FROM cloudtrail', 'select * from CloudTrail where eventname = $x', 'SELECT t.* FROM evidence.main.cloudtrail AS t ORDER BY 1 LIMIT 5 OFFSET 1']) {
    assert.deepEqual(await shape(sql), { table: 'cloudtrail', ordered: /ORDER BY/.test(sql) }, sql);
  }
  for (const sql of [
    'SELECT DISTINCT * FROM cloudtrail', 'SELECT * EXCLUDE (eventname) FROM cloudtrail', 'SELECT *, 1 FROM cloudtrail', 'SELECT eventname FROM cloudtrail',
    'SELECT * FROM cloudtrail GROUP BY ALL', 'SELECT * FROM cloudtrail USING SAMPLE 5', 'SELECT * FROM cloudtrail QUALIFY true',
    'WITH cloudtrail AS (SELECT 1 AS x) SELECT * FROM cloudtrail', 'SELECT * FROM cloudtrail a, vpcflow b', 'SELECT * FROM cloudtrail_logs',
    'SELECT * FROM cloudtrail c(a, b)', 'SELECT x.* FROM cloudtrail c', 'SELECT * FROM scratch.main.cloudtrail', 'SELECT COLUMNS(\'event.*\') FROM cloudtrail',
    'SELECT * FROM cloudtrail UNION ALL SELECT * FROM cloudtrail', 'SELECT * FROM (SELECT * FROM cloudtrail)', 'SELECT * FROM no_such_table',
  ]) {
    assert.equal(await shape(sql), null, sql);
  }
  // A scratch table is not evidence, whatever its columns.
  await run('CREATE TABLE mine AS SELECT * FROM cloudtrail LIMIT 3');
  assert.equal(await shape('SELECT * FROM mine'), null);
  const p = await run('SELECT * FROM mine');
  assert.ok(!isPointer(p.queryId));
  assert.equal(p.rowCount, 3);
});
