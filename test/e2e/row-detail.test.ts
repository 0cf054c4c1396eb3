// Row detail, the field summary and IP owners in Chromium over `cairn serve`, on a small trail whose
// neighbourhoods are known (test/helpers/row-detail-evidence.ts): the row's JSON as a tree collapsed past a
// depth, the whole event whatever the query selected, surrounding events by principal and IP, value counts
// that filter the result in and out, IP owners, and struct paths in the headers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { EXTRA_FIELD, EXTRA_VALUE, writeRowDetailTrail } from '../helpers/row-detail-evidence';
import { launchChromium, openWorkbench, screenshot, type Watched } from './browser';
import { startServe, type ServeProcess } from './serve-process';
import { columnNames, runSql, waitForResult } from './workbench-actions';

const LONG = 180_000;
let root: string;
let serve: ServeProcess;
let browser: Browser;
let w: Watched;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-e2e-rows-'));
  const caseDir = join(root, 'case');
  const c = await Case.open(caseDir, { create: { name: 'row detail', examiner: 't' } });
  await importEvidence(c, [writeRowDetailTrail(join(root, 'evidence'))]);
  await c.close();
  serve = await startServe({ dataDir: join(root, 'data'), caseDir });
  browser = await launchChromium();
  w = await openWorkbench(browser, serve.url);
});
after(async () => {
  await browser?.close();
  const code = await serve?.stop();
  rmSync(root, { recursive: true, force: true });
  assert.equal(code, 0, 'cairn serve stopped cleanly');
});

async function openDetail(page: Page, side: 'row' | 'fields'): Promise<void> {
  await page.getByTestId('result-row').first().click();
  if ((await page.getByTestId('toggle-detail').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('toggle-detail').click();
  await page.getByTestId(`side-tab-${side}`).click();
}
const rowCount = async (page: Page): Promise<number> => Number(await page.getByTestId('row-count').getAttribute('data-rows'));

test('row detail: a JSON tree collapsed past a depth, the whole event, IP owners and surrounding events', { timeout: LONG }, async () => {
  const p = w.page;
  await runSql(p, "SELECT eventid, eventname, requestparameters, useridentity.arn, sourceipaddress FROM cloudtrail WHERE eventid = 'ev-a2'");
  assert.deepEqual(await columnNames(p), ['eventid', 'eventname', 'requestparameters', 'useridentity.arn', 'sourceipaddress']);
  await openDetail(p, 'row');
  const detail = p.locator('[data-testid="row-detail"][data-row="0"]');
  // requestparameters (JSON text) opens as a tree; levels past the second start collapsed.
  await detail.getByRole('button', { name: 'Collapse filter' }).waitFor();
  await detail.getByRole('button', { name: 'Expand level1' }).first().waitFor();
  // The query did not select the extra field: the whole event (found by its event id) has it, as text.
  const whole = p.locator('[data-testid="whole-event"][data-state="done"]');
  await whole.waitFor({ timeout: 60_000 });
  assert.match(await p.getByTestId('whole-event-source').innerText(), /trail\.json · record \d+ · table cloudtrail · as written/);
  const wholeText = await whole.innerText();
  assert.ok(wholeText.includes(EXTRA_FIELD) && wholeText.includes(EXTRA_VALUE), wholeText.slice(0, 400));
  assert.match(wholeText, /eventID\s*ev-a2\b/, 'the row\'s own record');
  assert.ok(!wholeText.includes('ev-a3'), 'and no other');
  assert.equal(await detail.locator('img, script, iframe').count(), 0);
  // Whose network: 1.1.1.1 once the offline databases have loaded.
  const owner = detail.locator('[data-testid="ip-owner"][data-ip="1.1.1.1"][data-state="done"]').first();
  await owner.waitFor({ timeout: LONG });
  assert.match(await owner.innerText(), /AS13335 Cloudflare, Inc\. · AU/);
  // Surrounding events: alice within ±5 minutes of 10:03, then ±60; then the same source IP.
  await p.getByTestId('surrounding-principal').click();
  const around = p.getByTestId('surrounding-result');
  await around.waitFor();
  assert.equal(await around.getAttribute('data-rows'), '3');
  await p.getByTestId('surrounding-minutes').selectOption('60');
  await p.locator('[data-testid="surrounding-result"][data-rows="4"]').waitFor();
  await p.getByTestId('surrounding-source_ip').click();
  await p.locator('[data-testid="surrounding-result"][data-rows="3"]').waitFor();
  assert.match(await around.innerText(), /1\.1\.1\.1[\s\S]*GetObject/);
  await screenshot(p, 'row-detail-whole-event-surrounding');
  await p.getByTestId('surrounding-open').click();
  await waitForResult(p);
  assert.equal(await rowCount(p), 3);
  assert.equal(await p.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
});

test('a row that names no record says how to get the whole event', { timeout: LONG }, async () => {
  await runSql(w.page, 'SELECT eventname FROM cloudtrail ORDER BY eventtime LIMIT 1');
  await openDetail(w.page, 'row');
  assert.match(await w.page.getByTestId('whole-event-hint').innerText(), /_evidence_id, _ordinal/);
});

test('field summary: top and rare values with counts; filter in, out and on NULL; IP owners', { timeout: LONG }, async () => {
  const p = w.page;
  await runSql(p, 'SELECT eventid, eventname, errorcode, sourceipaddress FROM cloudtrail ORDER BY eventtime');
  assert.equal(await rowCount(p), 6);
  await openDetail(p, 'fields');
  await p.getByTestId('field-summary-column').selectOption('eventname');
  const top = p.locator('[data-testid="field-value"][data-kind="top"]');
  await p.locator('[data-testid="field-summary-values"][data-column="eventname"]').waitFor();
  assert.deepEqual(await top.evaluateAll((li: any[]) => li.map((x) => `${x.getAttribute('data-value')}=${x.getAttribute('data-count')}`)),
    ['GetObject=3', 'ConsoleLogin=1', 'DeleteBucket=1', 'ListBuckets=1']);
  await p.getByTestId('field-summary-bar').waitFor();
  await p.getByTestId('field-summary-column').selectOption('sourceipaddress');
  const google = p.locator('[data-testid="field-value"][data-value="8.8.8.8"] [data-testid="ip-owner"][data-state="done"]');
  await google.waitFor({ timeout: LONG });
  assert.match(await google.innerText(), /AS15169 Google LLC · US/);
  // Filter out the NULL error codes: one row left, in a new tab (the original query stays in its own).
  const tabs = await p.getByTestId('query-tab').count();
  await p.getByTestId('field-summary-column').selectOption('errorcode');
  await p.locator('[data-testid="field-value"][data-null="true"] [data-testid="filter-out"]').first().click();
  await p.locator('[data-testid="row-count"][data-rows="1"]').waitFor();
  assert.equal(await p.getByTestId('query-tab').count(), tabs + 1);
  // Back to the full result; filter in GetObject, then filter that result further: each filter in a new tab.
  await runSql(p, 'SELECT eventid, eventname, errorcode, sourceipaddress FROM cloudtrail ORDER BY eventtime');
  await p.getByTestId('field-summary-column').selectOption('eventname');
  await p.locator('[data-testid="field-value"][data-kind="top"][data-value="GetObject"] [data-testid="filter-in"]').click();
  await p.locator('[data-testid="row-count"][data-rows="3"]').waitFor();
  const afterIn = await p.getByTestId('query-tab').count();
  await p.getByTestId('field-summary-column').selectOption('eventid');
  await p.locator('[data-testid="field-value"][data-value="ev-b2"] [data-testid="filter-out"]').first().click();
  await p.locator('[data-testid="row-count"][data-rows="2"]').waitFor();
  assert.equal(await p.getByTestId('query-tab').count(), afterIn + 1);
  const editorText = await p.locator('[data-testid="editor"] .view-lines').last().innerText();
  assert.match(editorText.replace(/\s+/g, ' '), /WHERE "eventname" = 'GetObject' AND \("eventid" <> 'ev-b2' OR "eventid" IS NULL\)/);
  await screenshot(p, 'field-summary-filtered');
});
