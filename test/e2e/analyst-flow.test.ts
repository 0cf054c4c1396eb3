// Issue #25's analyst flow in Chromium over `cairn serve`, on the CloudTrail and flow samples: brushing the
// histogram filters the result (DuckDB over the result table) and zooms, with a way back; ISO UTC axis labels,
// tooltips, interval and log scale, theme colours; the findings view in the main area with rows marked in the
// grid; query tabs surviving a reload and a case switch; history with parameter values and search; library
// time helpers counted from the evidence's end.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, type Watched } from './browser';
import { CLOUDTRAIL_DIR, VPCFLOW_DIR } from './sample-oracle';
import type { ServeProcess } from './serve-process';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths, runSql, showQueryWorkspace, typeSql, waitForResult } from './workbench-actions';

let root: string;
let serve: ServeProcess;
let w: Watched;
useWorkbenchSession('cairn-e2e-flow-', (s) => { ({ root, serve, w } = s); });

const SQL = 'SELECT eventname, event_ts, _evidence_id, _ordinal FROM cloudtrail ORDER BY event_ts';
const rows = async (p: Page) => Number(await p.getByTestId('row-count').getAttribute('data-rows'));
const editorText = async (p: Page) => ((await p.locator('[data-testid="editor"] .view-lines').first().innerText()) ?? '').replace(/\u00a0/g, ' ').trim();
const sqlCount = async (sql: string) => Number((await serve.rpc<{ rows: unknown[][] }>('query.run', { sql })).rows[0]![0]);

test('a case with the samples', { timeout: 300_000 }, async () => {
  await createCase(w.page, { name: 'IR-25 flow', examiner: 'E2E Analyst', dir: join(root, 'case-a') });
  const card = await importPaths(w.page, [CLOUDTRAIL_DIR, VPCFLOW_DIR]);
  assert.equal(await card.getAttribute('data-state'), 'finished');
});

test('histogram: ISO UTC axis, tooltip, interval, log scale, dark and light colours', { timeout: 180_000 }, async () => {
  const p = w.page;
  await runSql(p, SQL);
  await p.getByTestId('toggle-histogram').click();
  await p.locator('[data-testid="histogram"][data-state="ready"]').waitFor();
  const plot = p.getByTestId('histogram-plot');
  await p.locator('[data-testid="histogram-plot"][data-x-labels][data-y-axis-width]').waitFor();
  const xLabels = (await plot.getAttribute('data-x-labels'))!.split('|').filter(Boolean);
  assert.ok(xLabels.length > 0 && xLabels.every((l) => /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?Z)?$/.test(l)), xLabels.join(', '));
  const yLabels = (await plot.getAttribute('data-y-labels'))!.split('|');
  assert.ok(Number(await plot.getAttribute('data-y-axis-width')) >= Math.max(...yLabels.map((l) => l.length)) * 7, 'the y axis is as wide as its labels');

  // Tooltip: the hovered bucket's start, end and count.
  const box = (await p.locator('[data-testid="histogram-plot"] .u-over').boundingBox())!;
  await p.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tip = p.getByTestId('histogram-tooltip');
  await tip.waitFor({ state: 'visible' });
  assert.match((await tip.textContent())!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ – \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n?[\d,]+ events?$/);
  const darkBg = await tip.evaluate((e) => (globalThis as any).getComputedStyle(e).backgroundColor);
  assert.equal(darkBg, 'rgb(39, 43, 50)', 'dark theme --bg-3');
  await screenshot(p, '25-histogram-dark');

  await p.getByTestId('histogram-interval').selectOption({ label: '1 h' });
  await p.locator('[data-testid="histogram-summary"][data-bucket-seconds="3600"]').waitFor();
  await p.getByTestId('histogram-log').check();
  await p.locator('[data-testid="histogram-plot"][data-log="true"]').waitFor();
  await p.getByTestId('theme-toggle').click();
  await p.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await p.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.5);
  assert.equal(await tip.evaluate((e) => (globalThis as any).getComputedStyle(e).backgroundColor), 'rgb(236, 238, 242)', 'light theme --bg-3');
  await p.getByTestId('theme-toggle').click();
  await p.getByTestId('histogram-log').uncheck();
  await p.getByTestId('histogram-interval').selectOption({ label: 'auto' });
  await p.locator('[data-testid="histogram"][data-state="ready"]').waitFor();
});

test('histogram: brushing filters the result in DuckDB and zooms; "Whole result" goes back', { timeout: 180_000 }, async () => {
  const p = w.page;
  const total = await rows(p);
  const box = (await p.locator('[data-testid="histogram-plot"] .u-over').boundingBox())!;
  // Drag across the right half of the chart.
  await p.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await p.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
  await p.mouse.up();
  const chip = p.getByTestId('result-window');
  await chip.waitFor();
  const start = (await chip.getAttribute('data-start'))!;
  const end = (await chip.getAttribute('data-end'))!;
  assert.match(start, /Z$/);
  const oracle = await sqlCount(`SELECT count(*) FROM cloudtrail WHERE event_ts >= TIMESTAMP '${start.slice(0, 19)}' AND event_ts < TIMESTAMP '${end.slice(0, 19)}'`);
  await p.locator(`[data-testid="row-count"][data-rows="${oracle}"]`).waitFor();
  assert.ok(oracle < total, `${oracle} of ${total}`);
  assert.equal(Number(await chip.getAttribute('data-parent-rows')), total);
  // The chart zoomed: it counts the window's rows only.
  await p.locator(`[data-testid="histogram-summary"][data-events="${oracle}"]`).waitFor();
  await screenshot(p, '25-histogram-window');
  await p.getByTestId('result-window-reset').click();
  await p.locator(`[data-testid="row-count"][data-rows="${total}"]`).waitFor();
  await chip.waitFor({ state: 'detached' });
  await p.locator(`[data-testid="histogram-summary"][data-events="${total}"]`).waitFor();
  await p.getByTestId('toggle-histogram').click();
});

test('findings: rows in a finding are marked in the grid; the findings view takes the main area with rows, queries, hashes, tags', { timeout: 180_000 }, async () => {
  const p = w.page;
  await p.locator('[data-testid="result-row"][data-row="0"]').click();
  await p.locator('[data-testid="result-row"][data-row="2"]').click({ modifiers: ['ControlOrMeta'] });
  await p.getByTestId('finding-make').click();
  await p.getByTestId('finding-title').fill('Two marked events');
  await p.getByTestId('finding-tag-input').fill('flow-e2e');
  await p.keyboard.press('Enter');
  await p.getByTestId('finding-save').click();
  await p.getByTestId('finding-dialog').waitFor({ state: 'detached' });
  await p.locator('[data-testid="result-row"][data-row="0"][data-in-finding]').waitFor();
  await p.locator('[data-testid="result-row"][data-row="2"][data-in-finding]').waitFor();
  assert.equal(await p.locator('[data-testid="result-row"][data-row="1"][data-in-finding]').count(), 0);
  // Another query over the same records with other columns marks the same two (by _evidence_id/_ordinal).
  await runSql(p, 'SELECT _ordinal, _evidence_id, eventsource FROM cloudtrail ORDER BY event_ts');
  await p.locator('[data-testid="result-row"][data-row="2"][data-in-finding]').waitFor();
  assert.deepEqual(await p.locator('[data-testid="result-row"][data-in-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-row'))), ['0', '2']);
  // A finding of rows whose query selected no time and no principal: its timeline summary has no '?'.
  await runSql(p, 'SELECT eventname FROM cloudtrail ORDER BY eventname LIMIT 3');
  await p.locator('[data-testid="result-row"][data-row="0"]').click();
  await p.getByTestId('finding-make').click();
  await p.getByTestId('finding-title').fill('Only an event name');
  await p.getByTestId('finding-save').click();
  await p.getByTestId('finding-dialog').waitFor({ state: 'detached' });

  await p.getByTestId('nav-findings').click();
  const main = p.locator('main[aria-label="Findings"]');
  await main.waitFor();
  assert.ok((await main.boundingBox())!.width > 900, 'the findings view is the main area, not a side panel');
  assert.equal(await p.locator('aside.sidebar').count(), 0);
  const list = await serve.rpc<Array<{ id: number; title: string }>>('finding.list', {});
  const marked = list.find((f) => f.title === 'Two marked events')!;
  await p.locator(`[data-testid="finding-item"][data-finding-id="${marked.id}"]`).click();
  const detail = p.getByTestId('finding-detail');
  await detail.waitFor();
  const full = await serve.rpc<{ rows: Array<{ snapshotSha256: string }>; queries: Array<{ sql: string }> }>('finding.get', { id: marked.id });
  assert.equal(await detail.getByTestId('finding-query').count(), 1);
  assert.match((await detail.getByTestId('finding-query').textContent())!, /FROM cloudtrail ORDER BY event_ts/);
  const hashes = await detail.getByTestId('finding-row-hash').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  assert.deepEqual(hashes, full.rows.map((r) => `snapshot SHA-256 ${r.snapshotSha256}`));
  assert.match((await p.locator(`[data-testid="finding-item"][data-finding-id="${marked.id}"]`).textContent())!, /flow-e2e/);
  await screenshot(p, '25-findings-view');

  await p.getByTestId('nav-timeline').click();
  await p.getByTestId('timeline-event').first().waitFor();
  const summaries = await p.getByTestId('timeline-event').evaluateAll((trs) => trs.map((tr) => tr.children[5]?.textContent ?? ''));
  assert.ok(summaries.some((s) => /not selected/.test(s)), summaries.join('\n'));
  assert.ok(summaries.every((s) => !s.includes('?')), summaries.join('\n'));
});

test('history shows the parameter values a query ran with and is searched', { timeout: 120_000 }, async () => {
  const p = w.page;
  await showQueryWorkspace(p);
  await p.getByTestId('nav-library').click();
  await p.locator('[data-testid="library-item"][data-query-id="ct-access-key-created"]').click();
  // The time helpers count from the evidence's end, not today.
  const range = await serve.rpc<{ last: string }>('case.timeRange', {});
  const endMs = Math.floor(Date.parse(range.last) / 1000) * 1000 + 1000;
  const fmt = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
  await p.getByTestId('param-end-now').click();
  assert.equal(await p.getByTestId('param-end').inputValue(), fmt(endMs));
  await p.getByTestId('param-start-24h').click();
  assert.equal(await p.getByTestId('param-start').inputValue(), fmt(endMs - 86_400_000));
  await p.getByTestId('library-run').click();
  await waitForResult(p);

  await p.getByTestId('nav-history').click();
  const first = p.getByTestId('history-item').first();
  await first.getByTestId('history-params').waitFor();
  const params = (await first.getByTestId('history-params').textContent())!;
  assert.ok(params.includes(`$start${new Date(endMs - 86_400_000).toISOString().slice(0, 19)}Z`), params);
  const before = Number(await p.getByTestId('history-count').textContent());
  await p.getByTestId('history-search').fill(new Date(endMs).toISOString().slice(0, 19));
  await p.waitForFunction((n) => Number((globalThis as any).document.querySelector('[data-testid="history-count"]')?.textContent) < n, before);
  assert.ok(Number(await p.getByTestId('history-count').textContent()) >= 1);
  await p.getByTestId('history-search').fill('no query has this text 9f8e7d');
  await p.getByTestId('history-empty').waitFor();
  await p.getByTestId('history-search').fill('');
  await p.waitForFunction((n) => Number((globalThis as any).document.querySelector('[data-testid="history-count"]')?.textContent) >= n, before);
});

test('query tabs survive a reload and a case switch', { timeout: 180_000 }, async () => {
  const p = w.page;
  await showQueryWorkspace(p);
  await p.getByTestId('new-tab').click();
  await typeSql(p, 'SELECT 25 AS kept_across_reload');
  const tabs = await p.getByTestId('query-tab').count();
  // Saved a moment after the last change: wait for the case to hold it.
  for (let i = 0; i < 50; i++) {
    const saved = await serve.rpc<{ tabs: Array<{ sql: string }> } | null>('workspace.tabs', {});
    if (saved?.tabs.some((t) => t.sql.includes('kept_across_reload'))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await p.reload();
  await p.getByTestId('app-ready').waitFor({ state: 'attached' });
  await showQueryWorkspace(p);
  await p.locator('[data-testid="query-tab"]').nth(tabs - 1).waitFor();
  assert.equal(await p.getByTestId('query-tab').count(), tabs);
  assert.equal(await editorText(p), 'SELECT 25 AS kept_across_reload', 'the active tab is the one left active');

  // Another case (opened by another client of the same core), then back. Each switch waits for the
  // workbench's integrity check of the case it opened (closing a case under that check stalls the core's exit).
  const checked = () => p.locator('[data-testid="status-integrity"]:not([data-state="checking"])').waitFor({ timeout: 60_000 });
  await checked();
  const a = await serve.rpc<{ dir: string }>('case.current', {});
  await serve.rpc('case.create', { dir: join(root, 'case-b'), name: 'IR-25 other', examiner: 'E2E Analyst' });
  await p.getByTestId('status-case').filter({ hasText: 'IR-25 other' }).waitFor();
  await checked();
  await showQueryWorkspace(p);
  await p.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="query-tab"]').length === 1);
  await serve.rpc('case.open', { dir: a.dir });
  await p.getByTestId('status-case').filter({ hasText: 'IR-25 flow' }).waitFor();
  await checked();
  await p.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="query-tab"]').length === n, tabs);
  assert.equal(await editorText(p), 'SELECT 25 AS kept_across_reload');
  assert.deepEqual(w.pageErrors, []);
});
