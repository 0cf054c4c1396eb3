// Issue #25's analyst flow in the core, on a real case (DuckDB, SQLite) with the CloudTrail and flow samples:
// a time window of a result made by DuckDB over the result's table, the histogram's interval, rows already in
// findings, history search, saved query tabs, the evidence's time range, and timeline summaries without '?'.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Finding, QueryHistoryEntry, QueryPage, TimeHistogram, TimelineEvent } from '../../../shared/types';
import type { EvidenceTimeRange, RowMark, SavedQueryTabs } from '../../../shared/workspace';
import { eventFields } from '../../../electron/core/findings/timeline-fields';
import { caseWithEvidence } from '../../helpers/findings-harness';

let env: Awaited<ReturnType<typeof caseWithEvidence>>;
const cleanups: Array<() => unknown> = [];
before(async () => { env = await caseWithEvidence({ after: (fn) => cleanups.push(fn) }); });
after(async () => { for (const fn of cleanups.reverse()) await fn(); });

const CT = 'SELECT eventname, event_ts, _evidence_id, _ordinal FROM cloudtrail ORDER BY eventname DESC, _evidence_id, _ordinal';
const run = (sql: string, params?: Record<string, string>) => env.call<QueryPage>('query.run', { sql, ...(params ? { params } : {}), pageSize: 1000 });
const count = async (sql: string): Promise<number> => Number((await run(sql)).rows[0]![0]);

test('a brushed window is a new result of exactly the rows in [start, end), in the result order, and windows again', async () => {
  const whole = await run(CT);
  const h = await env.call<TimeHistogram>('timeline.histogram', { queryId: whole.queryId });
  const dated = h.buckets.filter(([, n]) => n > 0);
  assert.ok(dated.length >= 2, 'the samples span several buckets');
  // The window: from the second non-empty bucket to the end of the last one (not everything).
  const start = dated[1]![0];
  const end = new Date(Date.parse(dated.at(-1)![0]) + h.bucketSeconds * 1000).toISOString();
  const w = await env.call<QueryPage>('timeline.window', { queryId: whole.queryId, start, end, pageSize: 1000 });
  const oracle = await count(`SELECT count(*) FROM cloudtrail WHERE event_ts >= TIMESTAMP '${start.slice(0, 19)}' AND event_ts < TIMESTAMP '${end.slice(0, 19)}'`);
  assert.equal(w.rowCount, oracle);
  assert.ok(w.rowCount > 0 && w.rowCount < whole.rowCount, `${w.rowCount} of ${whole.rowCount}`);
  assert.notEqual(w.queryId, whole.queryId);
  // The same rows as the whole result filtered in its order (the whole result is small enough to compare).
  const inWindow = whole.rows.filter((r) => { const t = Date.parse(`${String(r[1]).replace(' ', 'T')}Z`); return t >= Date.parse(start) && t < Date.parse(end); });
  assert.deepEqual(w.rows, inWindow);
  // The window is a result like any other: its histogram counts only it (the chart zooms), it sorts, it windows again.
  const hw = await env.call<TimeHistogram>('timeline.histogram', { queryId: w.queryId });
  assert.equal(hw.buckets.reduce((n, [, k]) => n + k, 0), w.rowCount);
  const sorted = await env.call<QueryPage>('query.page', { queryId: w.queryId, offset: 0, limit: 5, sort: { column: 'event_ts', descending: true } });
  assert.equal(sorted.rows.length, Math.min(5, w.rowCount));
  const narrower = await env.call<QueryPage>('timeline.window', { queryId: w.queryId, start, end: new Date(Date.parse(start) + h.bucketSeconds * 1000).toISOString() });
  assert.equal(narrower.rowCount, dated[1]![1]);
  // Closing the window leaves the whole result open.
  await env.call('query.close', { queryId: w.queryId });
  assert.equal((await env.call<QueryPage>('query.page', { queryId: whole.queryId, offset: 0, limit: 1 })).rowCount, whole.rowCount);
});

test('a window is refused for a bad time, an empty span or a result without times', async () => {
  const whole = await run(CT);
  for (const [start, end] of [['2024-01-01', '2024-01-02T00:00:00Z'], ['2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z'], ["2024-01-01T00:00:00Z' OR 1=1 --", '2024-01-02T00:00:00Z']]) {
    const r = await env.dispatch('timeline.window', { queryId: whole.queryId, start, end });
    assert.equal(r.ok, false, `${start} .. ${end}`);
    if (!r.ok) assert.equal(r.error.code, 'BAD_REQUEST');
  }
  const names = await run('SELECT eventname FROM cloudtrail');
  const r = await env.dispatch('timeline.window', { queryId: names.queryId, start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z' });
  assert.equal(r.ok, false);
});

test('the histogram takes the interval asked for, and refuses one that would give too many buckets', async () => {
  const days = await run("SELECT TIMESTAMP '2024-01-01' + to_days(CAST(i AS INTEGER)) AS ts FROM range(3) t(i)");
  const hourly = await env.call<TimeHistogram>('timeline.histogram', { queryId: days.queryId, interval: 3600 });
  assert.equal(hourly.bucketSeconds, 3600);
  assert.equal(hourly.buckets.length, 49);
  assert.equal(hourly.buckets.reduce((n, [, k]) => n + k, 0), 3);
  const auto = await env.call<TimeHistogram>('timeline.histogram', { queryId: days.queryId });
  assert.ok(auto.buckets.length <= 240);
  const seconds = await env.dispatch('timeline.histogram', { queryId: days.queryId, interval: 1 });
  assert.equal(seconds.ok, false);
  if (!seconds.ok) assert.match(seconds.error.message, /172801 buckets/);
  assert.equal((await env.dispatch('timeline.histogram', { queryId: days.queryId, interval: 0.5 })).ok, false);
});

test('rows already in a finding are marked in any result that holds them: by evidence record, or by snapshot without one', async () => {
  const a = await run(CT);
  const f = await env.call<Finding>('finding.create', { queryId: a.queryId, rows: [0, 2], title: 'marks' });
  assert.deepEqual((await env.call<RowMark[]>('finding.marks', { queryId: a.queryId, offset: 0, limit: 10 })).map((m) => m.row), [0, 2]);
  // Another query over the same records, other columns, another order: the same two records are marked.
  const b = await run('SELECT _ordinal, _evidence_id, eventsource FROM cloudtrail ORDER BY _evidence_id DESC, _ordinal DESC');
  const marks = await env.call<RowMark[]>('finding.marks', { queryId: b.queryId, offset: 0, limit: 1000 });
  const key = (r: unknown[], e: number, o: number) => `${String(r[e])}:${String(r[o])}`;
  const want = [a.rows[0]!, a.rows[2]!].map((r) => key(r, 2, 3)).sort();
  assert.deepEqual(marks.map((m) => key(b.rows[m.row]!, 1, 0)).sort(), want);
  assert.ok(marks.every((m) => m.findingIds.includes(f.id)));
  // Offsets are in the order asked for (a sorted page).
  const sortedMarks = await env.call<RowMark[]>('finding.marks', { queryId: b.queryId, offset: 0, limit: 1000, sort: { column: '_ordinal' } });
  assert.equal(sortedMarks.length, 2);
  // Without provenance columns: the same query's rows match by their snapshot hash.
  const plain = 'SELECT eventname, eventsource FROM cloudtrail ORDER BY eventname, eventsource LIMIT 5';
  const p1 = await run(plain);
  const g = await env.call<Finding>('finding.create', { queryId: p1.queryId, rows: [1], title: 'no provenance' });
  const p2 = await run(plain);
  const plainMarks = await env.call<RowMark[]>('finding.marks', { queryId: p2.queryId, offset: 0, limit: 5 });
  assert.ok(plainMarks.some((m) => m.row === 1 && m.findingIds.includes(g.id)));
  // A deleted finding marks nothing.
  await env.call('finding.delete', { id: f.id });
  assert.deepEqual(await env.call<RowMark[]>('finding.marks', { queryId: a.queryId, offset: 0, limit: 10 }), []);
});

test('history keeps the parameter values and is searched in SQL text and parameter values, wildcards literal', async () => {
  await run('SELECT count(*) FROM cloudtrail WHERE eventname = $name', { name: 'ConsoleLogin_marker_42' });
  await run("SELECT 'percent_100%' AS x");
  const byParam = await env.call<QueryHistoryEntry[]>('query.history', { search: 'marker_42' });
  assert.equal(byParam.length, 1);
  assert.deepEqual(byParam[0]!.params, { name: 'ConsoleLogin_marker_42' });
  assert.ok((await env.call<QueryHistoryEntry[]>('query.history', { search: 'eventname = $NAME' })).length >= 1, 'case-insensitive');
  const all = await env.call<QueryHistoryEntry[]>('query.history', {});
  const percent = await env.call<QueryHistoryEntry[]>('query.history', { search: '%' });
  assert.ok(percent.length >= 1 && percent.length < all.length, '% is a character, not a wildcard');
  assert.deepEqual(await env.call<QueryHistoryEntry[]>('query.history', { search: 'no_such_text_anywhere' }), []);
});

test('query tabs are saved in the case, only into the case they came from, and read back after a reopen', async () => {
  const id = (await env.call<{ id: string }>('case.current', {})).id;
  assert.equal(await env.call('workspace.tabs', {}), null);
  const tabs: SavedQueryTabs = { tabs: [{ title: 'A', sql: 'SELECT 1', params: {} }, { title: 'B', sql: 'SELECT $x', params: { x: '7' } }], active: 1 };
  await env.call('workspace.saveTabs', { caseId: id, ...tabs });
  assert.equal((await env.dispatch('workspace.saveTabs', { caseId: 'another-case', ...tabs, active: 0 })).ok, false);
  await env.call('case.close', {});
  await env.call('case.open', { dir: env.caseDir });
  assert.deepEqual(await env.call('workspace.tabs', {}), tabs);
});

test('the evidence time range is the first and last event across sources', async () => {
  const r = await env.call<EvidenceTimeRange>('case.timeRange', {});
  const oracle = await run("SELECT strftime(min(event_time), '%Y-%m-%dT%H:%M:%S.%gZ'), strftime(max(event_time), '%Y-%m-%dT%H:%M:%S.%gZ') FROM events");
  assert.deepEqual([r.first, r.last], oracle.rows[0]);
  assert.ok(r.last && Date.parse(r.last) > Date.parse(r.first!));
});

test('a timeline summary says which column was not selected instead of "?"', async () => {
  const ct = eventFields({ columns: [{ name: 'eventname', type: 'VARCHAR' }], values: ['StopLogging'] }, 'cloudtrail');
  assert.doesNotMatch(ct.summary, /\?/);
  assert.match(ct.summary, /\(principal not selected\) called \(eventsource not selected\) StopLogging from \(source IP not selected\)/);
  const flow = eventFields({ columns: [{ name: 'srcaddr', type: 'VARCHAR' }, { name: 'dstaddr', type: 'VARCHAR' }, { name: 'dstport', type: 'INTEGER' }], values: ['10.0.0.1', null, 443] }, 'vpcflow');
  assert.doesNotMatch(flow.summary, /\?/);
  assert.match(flow.summary, /^10\.0\.0\.1:\(srcport not selected\) -> \(no dstaddr\):443/);
  const events = await env.call<TimelineEvent[]>('timeline.events', {});
  assert.ok(events.every((e) => !/\?/.test(e.summary)), events.map((e) => e.summary).join('\n'));
});
