// The analyst's day in the real renderer (Chromium) against `cairn serve`: create a case, import the bundled
// CloudTrail and VPC flow samples, watch the counts, run a library query, read a row's detail, run and cancel
// long queries, export CSV. Expected numbers come from the sample files themselves (sample-oracle.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { screenshot, type Watched } from './browser';
import { CLOUDTRAIL_DIR, cloudTrailRecords, eventNameCounts, flowLogRecords, VPCFLOW_DIR } from './sample-oracle';
import type { ServeProcess } from './serve-process';
import { useWorkbenchSession } from './workbench-session';
import { columnNames, createCase, gridRows, importPaths, queryError, runSql, showQueryWorkspace, waitForResult } from './workbench-actions';

let root: string;
let serve: ServeProcess;
let browser: Browser;
let w: Watched;

useWorkbenchSession('cairn-e2e-story-', (s) => { ({ root, serve, browser, w } = s); });


test('create a case from the start screen', { timeout: 120_000 }, async () => {
  await screenshot(w.page, '01-start-screen');
  await createCase(w.page, { name: 'IR-2026-001 e2e', examiner: 'E2E Analyst', dir: join(root, 'case') });
  assert.match(await w.page.getByTestId('status-case').textContent() ?? '', /IR-2026-001 e2e/);
});

test('import the CloudTrail and flow log samples; progress finishes with the right counts', { timeout: 300_000 }, async () => {
  const ct = cloudTrailRecords();
  const flow = flowLogRecords();
  const expectedRecords = [...ct.values()].reduce((n, r) => n + r.length, 0) + [...flow.values()].reduce((n, c) => n + c, 0);
  const expectedFiles = ct.size + flow.size;

  const card = await importPaths(w.page, [CLOUDTRAIL_DIR, VPCFLOW_DIR]);
  await screenshot(w.page, '02-evidence-after-import');
  assert.equal(await card.getAttribute('data-state'), 'finished');
  const parts = await card.getByTestId('import-summary').locator('span').allTextContents();
  for (const want of [`${expectedFiles} files in this import`, `${expectedRecords} records read`, `${expectedRecords} imported`, '0 rejected']) assert.ok(parts.includes(want), `"${want}" not in ${JSON.stringify(parts)}`);
  assert.ok(!parts.some((p) => /unsupported|failed/.test(p)), JSON.stringify(parts));

  // The manifest: one row per file, each fully imported with its own record count (the page the core sends).
  await w.page.locator(`[data-testid="manifest-range"][data-total="${expectedFiles}"]`).waitFor();
  const rows = await w.page.getByTestId('manifest-row').evaluateAll((trs: any[]) => trs.map((tr) => ({
    status: tr.getAttribute('data-status') as string | null, cells: Array.from<any>(tr.querySelectorAll('td')).map((td) => String(td.textContent ?? '')),
  })));
  assert.equal(rows.length, expectedFiles);
  const expectedByFile = new Map<string, number>([...[...ct].map(([f, r]) => [f, r.length] as [string, number]), ...flow]);
  for (const row of rows) {
    const file = [...expectedByFile.keys()].find((f) => row.cells[1]?.includes(f));
    assert.ok(file, `unexpected manifest row ${row.cells.join(' | ')}`);
    assert.equal(row.status, 'imported', `${file}: ${row.cells.join(' | ')}`);
    assert.equal(Number(row.cells[7]), expectedByFile.get(file), `${file} records read`);
    assert.equal(Number(row.cells[8]), expectedByFile.get(file), `${file} imported`);
    assert.match(row.cells[11] ?? '', /^[0-9a-f]{16}…/, 'SHA-256 shown');
  }
  assert.match(await w.page.getByTestId('evidence-totals').textContent() ?? '', new RegExp(`${expectedRecords} imported · 0 rejected`));
});

test('a query over the imported CloudTrail returns the counts in the files', { timeout: 120_000 }, async () => {
  await runSql(w.page, 'SELECT eventname, count(*) AS n FROM cloudtrail GROUP BY eventname ORDER BY eventname');
  assert.deepEqual(await columnNames(w.page), ['eventname', 'n']);
  const expected = [...eventNameCounts()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  assert.equal(await w.page.getByTestId('row-count').getAttribute('data-rows'), String(expected.length));
  const shown = (await gridRows(w.page)).map(([name, n]) => [name, Number(String(n).replace(/[^\d]/g, ''))]);
  assert.deepEqual(shown, expected.slice(0, shown.length));
  assert.ok(shown.length >= Math.min(expected.length, 10), `only ${shown.length} rows rendered`);
});

test('run a library query and see its rows; open a row\'s detail', { timeout: 180_000 }, async () => {
  const library = await serve.rpc<Array<{ id: string; tables: string[]; params: Array<{ name: string; required: boolean; default?: string }>; sql: string }>>('library.list', {});
  // CloudTrail tampering (StopLogging, DeleteTrail) is in the samples; else any CloudTrail query that runs with its defaults.
  const runnable = library.filter((x) => x.tables.some((t) => /^cloudtrail/.test(t)) && x.params.every((p) => !p.required || p.default !== undefined));
  const q = runnable.find((x) => x.id === 'ct-cloudtrail-tampering') ?? runnable[0];
  assert.ok(q, `no library query over cloudtrail runs with its defaults (library has ${library.length} queries; resources/queries must ship them)`);
  const params = Object.fromEntries(q.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default!]));
  const oracle = await serve.rpc<{ rowCount: number; done: boolean; queryId: string }>('query.run', { sql: q.sql, params });
  const total = oracle.done ? oracle.rowCount : (await serve.rpc<{ rowCount: number }>('query.complete', { queryId: oracle.queryId })).rowCount;
  await serve.rpc('query.close', { queryId: oracle.queryId });

  await showQueryWorkspace(w.page);
  await w.page.getByTestId('nav-library').click();
  await w.page.getByTestId('library-panel').waitFor();
  await w.page.locator(`[data-testid="library-item"][data-query-id="${q.id}"]`).click();
  await w.page.getByTestId('library-run').click();
  await waitForResult(w.page);
  assert.equal(await queryError(w.page), '');
  assert.equal(Number(await w.page.getByTestId('row-count').getAttribute('data-rows')), total);
  assert.ok(total > 0, `library query ${q.id} found nothing in the samples`);

  await w.page.getByTestId('result-row').first().click();
  if ((await w.page.getByTestId('toggle-detail').getAttribute('aria-pressed')) !== 'true') await w.page.getByTestId('toggle-detail').click();
  const detail = w.page.locator('[data-testid="row-detail"][data-row="0"]');
  await detail.waitFor();
  const firstRow = (await gridRows(w.page))[0] ?? [];
  const detailText = await detail.textContent() ?? '';
  for (const cell of firstRow.filter((c) => c.length > 2 && c.length < 40 && c !== 'NULL' && !/[{[]/.test(c))) assert.ok(detailText.includes(cell), `detail lacks ${cell}`);
  await screenshot(w.page, '03-library-query-with-detail');
});

test('cancel a long aggregate query', { timeout: 180_000 }, async () => {
  await runSql(w.page, 'SELECT count(*) AS n FROM range(1000000000000)', { wait: 'started' });
  await screenshot(w.page, '04-long-query-running');
  const pressed = Date.now();
  await w.page.getByTestId('cancel-query').click();
  await waitForResult(w.page, 60_000);
  const stoppedAfter = Date.now() - pressed;
  const error = w.page.getByTestId('query-error');
  assert.equal(await error.getAttribute('data-code'), 'CANCELLED', await error.textContent() ?? 'no error shown');
  assert.ok(stoppedAfter < 15_000, `the query stopped ${stoppedAfter} ms after Cancel`);
  await screenshot(w.page, '05-query-cancelled');
});

test('cancel a long query while DuckDB makes its result', { timeout: 180_000 }, async () => {
  await runSql(w.page, 'SELECT a.range AS a, b.range AS b FROM range(1000000) a, range(1000000) b', { wait: 'started' });
  // The result is made whole before its first page (decision 0050): Cancel must stop DuckDB's work.
  await w.page.getByRole('status').filter({ hasText: 'Running' }).waitFor({ timeout: 60_000 });
  await w.page.getByTestId('cancel-query').click();
  await waitForResult(w.page, 60_000);
  const rowCount = w.page.getByTestId('row-count');
  const shown = (await rowCount.count()) > 0 ? await rowCount.textContent() : null;
  assert.equal(await w.page.getByTestId('query-error').count(), 1, `a cancelled run shows its error, not a result (${shown ?? 'no row count'})`);
  assert.equal(await w.page.getByTestId('query-error').getAttribute('data-code'), 'CANCELLED');
  assert.equal(await w.page.getByTestId('result-row').count(), 0, 'no part of the cross join was shown');
});

test('export the result as CSV', { timeout: 120_000 }, async () => {
  await runSql(w.page, "SELECT eventname, eventsource, count(*) AS n FROM cloudtrail GROUP BY ALL ORDER BY n DESC, eventname");
  const rowCount = Number(await w.page.getByTestId('row-count').getAttribute('data-rows'));
  const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByTestId('export-csv').click()]);
  const file = await download.path();
  const csv = readFileSync(file, 'utf8');
  const lines = csv.split(/\r?\n/).filter((l) => l !== '');
  assert.equal(lines[0], 'eventname,eventsource,n');
  assert.equal(lines.length, rowCount + 1);
  const total = lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0);
  assert.equal(total, [...cloudTrailRecords().values()].reduce((n, r) => n + r.length, 0));
  await w.page.getByTestId('toast').filter({ hasText: /Exported/ }).waitFor();
  await screenshot(w.page, '06-exported');
});

test('light theme renders the workbench', { timeout: 60_000 }, async () => {
  await w.page.getByTestId('theme-toggle').click();
  await w.page.locator('html[data-theme="light"]').waitFor();
  await screenshot(w.page, '07-light-theme');
  await w.page.getByTestId('nav-evidence').click();
  await screenshot(w.page, '08-light-evidence');
});

test('nothing left the machine and nothing broke in the page', () => {
  assert.deepEqual(w.foreignRequests, []);
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.pageErrors, []);
});
