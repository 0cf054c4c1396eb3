// The histogram's pure helpers, the library's evidence-relative time helpers, and the stores behind result
// windows and saved query tabs, driven against the real core (DuckDB, SQLite) through the in-memory wire.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brushWindow, bucketTooltip, countLabels, isoAxisLabels, logCounts, yAxisWidth } from '../../../renderer/results/histogram/histogram-format';
import { evidenceEndMs } from '../../../renderer/library/param-values';
import { createCaseStore } from '../../../renderer/stores/case-store';
import { createQueryStore } from '../../../renderer/stores/query-store';
import { createResultWindows } from '../../../renderer/stores/result-windows';
import { persistQueryTabs } from '../../../renderer/stores/tab-persistence';
import { REPO } from '../../helpers/temp';
import { startStoreHarness, until, type StoreHarness } from '../../helpers/renderer-stores-harness';

describe('histogram helpers', () => {
  test('axis labels are ISO-8601 UTC, as precise as the tick spacing needs', () => {
    const day = Date.UTC(2024, 4, 1) / 1000;
    assert.deepEqual(isoAxisLabels([day, day + 86400]), ['2024-05-01', '2024-05-02']);
    assert.deepEqual(isoAxisLabels([day + 3600, day + 7200]), ['2024-05-01T01:00Z', '2024-05-01T02:00Z']);
    assert.deepEqual(isoAxisLabels([day + 5, day + 10]), ['2024-05-01T00:00:05Z', '2024-05-01T00:00:10Z']);
  });
  test('a brush covers whole buckets, whichever way it was dragged, and at least one', () => {
    const t0 = Date.UTC(2024, 4, 1, 13) / 1000;
    assert.deepEqual(brushWindow(t0 + 100, t0 + 3700, 3600), { start: '2024-05-01T13:00:00Z', end: '2024-05-01T15:00:00Z' });
    assert.deepEqual(brushWindow(t0 + 3700, t0 + 100, 3600), { start: '2024-05-01T13:00:00Z', end: '2024-05-01T15:00:00Z' });
    assert.deepEqual(brushWindow(t0, t0, 60), { start: '2024-05-01T13:00:00Z', end: '2024-05-01T13:01:00Z' });
  });
  test('the tooltip gives the bucket start, end and count', () => {
    assert.equal(bucketTooltip('2024-05-01T13:00:00.000Z', 900, 1234), '2024-05-01T13:00:00Z – 2024-05-01T13:15:00Z\n1,234 events');
    assert.equal(bucketTooltip('2024-05-01T13:00:00.000Z', 60, 1), '2024-05-01T13:00:00Z – 2024-05-01T13:01:00Z\n1 event');
  });
  test('the y axis is wide enough for its longest label; a log scale leaves empty buckets out', () => {
    const labels = countLabels([0, 5_000_000, 10_000_000]);
    assert.deepEqual(labels, ['0', '5,000,000', '10,000,000']);
    assert.ok(yAxisWidth(labels) >= '10,000,000'.length * 7 + 10);
    assert.ok(yAxisWidth(['1']) < yAxisWidth(labels));
    assert.deepEqual(logCounts([0, 3, 0, 10]), [null, 3, null, 10]);
  });
  test('library time helpers count from the second after the last event', () => {
    assert.equal(evidenceEndMs('2024-05-01T13:06:24.500Z'), Date.UTC(2024, 4, 1, 13, 6, 25));
    assert.equal(evidenceEndMs('2024-05-01T13:06:24.000Z'), Date.UTC(2024, 4, 1, 13, 6, 25));
    assert.equal(evidenceEndMs(null), null);
    assert.equal(evidenceEndMs('not a time'), null);
  });
});

describe('result windows and saved tabs over the real core', () => {
  let h: StoreHarness;
  let cases: ReturnType<typeof createCaseStore>;
  let queries: ReturnType<typeof createQueryStore>;
  let windows: ReturnType<typeof createResultWindows>;
  before(async () => {
    h = await startStoreHarness();
    cases = createCaseStore(h.client);
    queries = createQueryStore(h.client);
    windows = createResultWindows(h.client, queries);
    persistQueryTabs(h.client, cases, queries);
    // As main.tsx: a case switch starts from fresh tabs.
    cases.subscribe((s, prev) => { if (s.current?.id !== prev.current?.id) queries.getState().reset(); });
    await cases.getState().init();
    assert.ok(await cases.getState().createCase({ dir: join(h.root, 'case-a'), name: 'A', examiner: 'tester' }));
    const runId = await cases.getState().startImport([join(REPO, 'resources', 'demo', 'cloudtrail')]);
    await until(cases, (s) => s.runs.some((r) => r.runId === runId && r.summary !== null));
  });
  after(async () => { cases?.getState().dispose(); await h?.stop(); });
  const tab = () => queries.getState().tabs.find((t) => t.id === queries.getState().activeId)!;

  test('a window replaces the result by its rows, keeps the whole open, resets, and a new run closes both', async () => {
    const id = tab().id;
    await queries.getState().run(id, { sql: 'SELECT eventname, eventtime FROM cloudtrail_logs ORDER BY eventtime' });
    const whole = tab().result!;
    const hist = await h.client.call('timeline.histogram', { queryId: whole.queryId! });
    const firstDated = hist.buckets.find(([, n]) => n > 0)!;
    const end = new Date(Date.parse(firstDated[0]) + hist.bucketSeconds * 1000).toISOString();
    assert.ok(await windows.apply(id, hist.column, firstDated[0], end));
    assert.equal(tab().result!.rowCount, firstDated[1]);
    assert.notEqual(tab().result!.queryId, whole.queryId);
    assert.equal(windows.getState().windows[id]!.parent.queryId, whole.queryId);
    windows.reset(id);
    assert.equal(tab().result!.queryId, whole.queryId);
    assert.equal(windows.getState().windows[id], undefined);
    assert.ok(await windows.apply(id, hist.column, firstDated[0], end));
    const shown = tab().result!.queryId!;
    await queries.getState().run(id, { sql: 'SELECT 1' });
    assert.equal(windows.getState().windows[id], undefined);
    for (const q of [whole.queryId!, shown]) {
      const r = await h.client.call('query.page', { queryId: q, offset: 0, limit: 1 }).then(() => 'open', (e: { code?: string }) => e.code ?? 'error');
      assert.equal(r, 'NOT_FOUND', `result ${q} is closed`);
    }
  });

  test('query tabs come back after a case switch, per case', async () => {
    const id = tab().id;
    queries.getState().setSql(id, 'SELECT 42 AS in_case_a');
    const second = queries.getState().newTab({ sql: 'SELECT $x', params: { x: 'a-value' }, title: 'With a parameter' });
    queries.getState().activate(id);
    // Saved a moment after the last change.
    for (let i = 0; i < 50; i++) {
      const saved = await h.client.call('workspace.tabs', {});
      if (saved?.tabs.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(second);
    // A case is not switched under its own integrity check (the store starts one on every open).
    await until(cases, (s) => s.integrity !== null);
    assert.ok(await cases.getState().createCase({ dir: join(h.root, 'case-b'), name: 'B', examiner: 'tester' }));
    await until(cases, (s) => s.current?.name === 'B' && s.integrity !== null);
    assert.deepEqual(queries.getState().tabs.map((t) => t.sql), [''], 'a new case starts with one empty tab');
    assert.ok(await cases.getState().openCase(join(h.root, 'case-a')));
    await until(queries, (s) => s.tabs.length === 2);
    assert.deepEqual(queries.getState().tabs.map((t) => [t.title, t.sql, t.params]), [['Query 1', 'SELECT 42 AS in_case_a', {}], ['With a parameter', 'SELECT $x', { x: 'a-value' }]]);
    assert.equal(tab().sql, 'SELECT 42 AS in_case_a', 'the active tab too');
    assert.ok(queries.getState().tabs.every((t) => t.result === null), 'never results');
    await until(cases, (s) => s.integrity !== null);
  });
});
