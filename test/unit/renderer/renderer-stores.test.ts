// The workbench's stores driven against the real core (real DuckDB and SQLite) through an in-memory
// transport: create a case, import the bundled demo evidence, watch progress, query, page, sort, fail, export.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCaseStore } from '../../../renderer/stores/case-store';
import { createCatalogStore } from '../../../renderer/stores/catalog-store';
import { createQueryStore } from '../../../renderer/stores/query-store';
import { rowAt } from '../../../renderer/stores/result-view';
import { REPO } from '../../helpers/temp';
import { startStoreHarness, until, type StoreHarness } from '../../helpers/renderer-stores-harness';

let h: StoreHarness;
let cases: ReturnType<typeof createCaseStore>;
let queries: ReturnType<typeof createQueryStore>;
let catalog: ReturnType<typeof createCatalogStore>;
const DEMO_CLOUDTRAIL = join(REPO, 'resources', 'demo', 'cloudtrail');

before(async () => {
  h = await startStoreHarness();
  cases = createCaseStore(h.client);
  queries = createQueryStore(h.client);
  catalog = createCatalogStore(h.client);
});
after(async () => { cases?.getState().dispose(); await h?.stop(); });

describe('case store', () => {
  test('starts with no case, then creates one', async () => {
    await cases.getState().init();
    assert.equal(cases.getState().ready, true);
    assert.equal(cases.getState().current, null);
    assert.equal(cases.getState().info?.host, 'loopback');
    assert.equal(cases.getState().info?.nativeDialogs, false);
    const ok = await cases.getState().createCase({ dir: join(h.root, 'case-a'), name: 'Case A', examiner: 'tester' });
    assert.equal(ok, true, JSON.stringify(cases.getState().error));
    assert.equal(cases.getState().current?.name, 'Case A');
    assert.equal(cases.getState().summary?.files, 0);
  });

  test('creating a case where one exists fails with CASE_EXISTS and keeps the error in state', async () => {
    const ok = await cases.getState().createCase({ dir: join(h.root, 'case-a'), name: 'again', examiner: 'x' });
    assert.equal(ok, false);
    assert.equal(cases.getState().error?.code, 'CASE_EXISTS');
    cases.getState().clearError();
  });

  test('an empty path list is refused before reaching the core', async () => {
    const before = h.calls.length;
    assert.equal(await cases.getState().startImport(['  ', '']), null);
    assert.equal(cases.getState().importError?.code, 'BAD_REQUEST', 'shown in the Evidence view, where the import was asked for');
    assert.equal(h.calls.length, before);
    cases.getState().clearError();
  });

  test('an import reports progress, finishes, and the manifest agrees with the summary', async () => {
    const runId = await cases.getState().startImport([DEMO_CLOUDTRAIL]);
    assert.ok(runId !== null, JSON.stringify(cases.getState().error));
    const s = await until(cases, (st) => st.runs.some((r) => r.runId === runId && r.summary !== null));
    const run = s.runs.find((r) => r.runId === runId)!;
    assert.equal(run.summary!.state, 'finished');
    assert.ok(run.progress, 'progress events reached the store');
    assert.equal(run.progress!.runId, runId);
    const counted = await until(cases, (st) => st.summary?.files === run.summary!.totals.files);
    assert.equal(counted.summary!.imported, run.summary!.totals.imported, 'the header counts what the card counts');
    const evidence = await h.client.call('evidence.list', {});
    const imported = evidence.reduce((n, f) => n + f.imported, 0);
    assert.equal(imported, run.summary!.totals.imported);
    assert.ok(imported > 0);
    for (const f of evidence) assert.equal(f.recordsRead, f.imported + f.rejected, f.relPath);
  });
});

describe('catalog store', () => {
  test('lists the imported tables with struct fields, and functions', async () => {
    await catalog.getState().refresh();
    const st = catalog.getState();
    assert.equal(st.error, null, JSON.stringify(st.error));
    const ct = st.tables.find((t) => t.name === 'cloudtrail_logs');
    assert.ok(ct, `tables: ${st.tables.map((t) => t.name).join(', ')}`);
    const uid = ct.columns.find((c) => c.name === 'useridentity');
    assert.ok(uid?.children?.some((c) => c.name === 'arn'), 'useridentity.arn is listed as a struct field');
    assert.ok(st.functions.length > 0);
    assert.ok(st.tables.findIndex((t) => t.name.startsWith('cairn_')) > st.tables.findIndex((t) => t.name === 'cloudtrail_logs'), 'bookkeeping tables sort last');
  });
});

describe('query store', () => {
  test('runs a query and holds its first page', async () => {
    const id = queries.getState().activeId;
    await queries.getState().run(id, { sql: 'SELECT eventname, eventtime FROM cloudtrail_logs ORDER BY eventtime, eventname' });
    const tab = queries.getState().tabs.find((t) => t.id === id)!;
    assert.equal(tab.error, null, JSON.stringify(tab.error));
    const expected = await h.core.currentCase()!.forImport().conn.runAndReadAll('SELECT count(*) FROM cloudtrail');
    const n = Number(expected.getRows()[0]![0]);
    const done = await until(queries, (s) => s.tabs.find((t) => t.id === id)!.result?.done === true);
    const view = done.tabs.find((t) => t.id === id)!.result!;
    assert.equal(view.rowCount, n);
    assert.deepEqual(view.columns.map((c) => c.name), ['eventname', 'eventtime']);
    assert.equal(typeof rowAt(view, 0)?.[0], 'string');
  });

  test('pages are fetched on demand with a small page size', async () => {
    const id = queries.getState().newTab({ title: 'paging' });
    await queries.getState().run(id, { sql: 'SELECT range AS n FROM range(1234)' });
    await until(queries, (s) => s.tabs.find((t) => t.id === id)!.result?.done === true);
    let view = queries.getState().tabs.find((t) => t.id === id)!.result!;
    assert.equal(view.rowCount, 1234);
    assert.equal(rowAt(view, 1000), undefined, 'row 1000 is not fetched yet');
    await queries.getState().ensureRows(id, 1000, 1010);
    view = queries.getState().tabs.find((t) => t.id === id)!.result!;
    assert.equal(Number(rowAt(view, 1000)?.[0]), 1000);
    assert.equal(Number(rowAt(view, 1233)?.[0]), 1233);
  });

  test('sorting asks the engine for the whole result in the new order', async () => {
    const id = queries.getState().activeId;
    await queries.getState().sortBy(id, 'n');
    let view = queries.getState().tabs.find((t) => t.id === id)!.result!;
    assert.deepEqual(view.sort, { column: 'n' });
    await queries.getState().sortBy(id, 'n');
    view = queries.getState().tabs.find((t) => t.id === id)!.result!;
    assert.deepEqual(view.sort, { column: 'n', descending: true });
    assert.equal(Number(rowAt(view, 0)?.[0]), 1233);
    await queries.getState().sortBy(id, 'n');
    assert.equal(queries.getState().tabs.find((t) => t.id === id)!.result!.sort, null);
  });

  test('a syntax error lands in the tab with its code, and the tab is usable again', async () => {
    const id = queries.getState().activeId;
    await queries.getState().run(id, { sql: 'SELEC 1', base: 10 });
    const tab = queries.getState().tabs.find((t) => t.id === id)!;
    assert.equal(tab.running, false);
    assert.match(tab.error?.code ?? '', /^SQL_/);
    assert.equal(tab.errorBase, 10);
    await queries.getState().run(id, { sql: 'SELECT 42 AS x' });
    const ok = queries.getState().tabs.find((t) => t.id === id)!;
    assert.equal(ok.error, null);
    assert.equal(Number(rowAt(ok.result!, 0)?.[0]), 42);
  });

  test('export writes a CSV of the whole result', async () => {
    const id = queries.getState().activeId;
    await queries.getState().run(id, { sql: 'SELECT range AS n, \'=cmd\' AS s FROM range(3)' });
    await until(queries, (s) => s.tabs.find((t) => t.id === id)!.result?.done === true);
    await queries.getState().exportResult(id, 'csv');
    const tab = queries.getState().tabs.find((t) => t.id === id)!;
    assert.equal(tab.error, null, JSON.stringify(tab.error));
    assert.equal(tab.lastExport?.rows, 3);
    assert.ok(existsSync(tab.lastExport!.path));
    assert.match(readFileSync(tab.lastExport!.path, 'utf8'), /'=cmd/);
  });

  test('history lists what ran, newest first', async () => {
    await queries.getState().loadHistory();
    const h0 = queries.getState().history;
    assert.ok(h0.length >= 4);
    assert.match(h0[0]!.sql, /range\(3\)/);
    assert.ok(h0.some((e) => e.error !== null && /SELEC 1/.test(e.sql)));
  });

  test('closing a tab closes its result on the core', async () => {
    const before = queries.getState().tabs.length;
    const id = queries.getState().tabs.find((t) => t.title === 'paging')!.id;
    const queryId = queries.getState().tabs.find((t) => t.id === id)!.result!.queryId!;
    queries.getState().closeTab(id);
    assert.equal(queries.getState().tabs.length, before - 1);
    await new Promise((r) => setTimeout(r, 50)); // query.close is sent without waiting for the reply
    const probe = await h.client.call('query.page', { queryId, offset: 0, limit: 1 }).then(() => 'open', (e: Error & { code?: string }) => e.code);
    assert.equal(probe, 'NOT_FOUND');
  });
});
