// Log content is hostile. A case (opened by `cairn serve --case`) holds CloudTrail records whose fields, and an
// evidence file whose name, carry HTML/script payloads; the analyst imports them, queries them, opens the
// row detail and the rejects. Nothing may execute, no dialog may open, no request may leave 127.0.0.1, and the
// payloads must be shown literally, as text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openWorkbench, screenshot, type Watched } from './browser';
import { CLOUDTRAIL_DIR } from './sample-oracle';
import { startServe, type ServeProcess } from './serve-process';
import { gridRows, importPaths, queryError, runSql } from './workbench-actions';

const PAYLOADS = {
  useragent: '<img src=x onerror=window.__pwned=1>',
  errormessage: '</script><script>window.__pwned=2</script>',
  eventname: '<svg onload="window.__pwned=6"></svg>',
  sourceipaddress: '"><iframe srcdoc="<script>parent.__pwned=7</script>">',
  param: '<img src=x onerror=alert(document.domain)>',
  fileName: '<img src=x onerror=window.__pwned=3>.json',
  rejected: '<img src=x onerror=window.__pwned=4>',
};

let root: string;
let serve: ServeProcess;
let browser: Browser;
let w: Watched;
const sameOriginPaths: string[] = [];

function hostileRecord(): Record<string, unknown> {
  const base = (JSON.parse(readFileSync(join(CLOUDTRAIL_DIR, 'cloudtrail.json'), 'utf8')) as { Records: Record<string, unknown>[] }).Records[0]!;
  return {
    ...base,
    eventID: 'hostile-0001',
    eventName: PAYLOADS.eventname,
    userAgent: PAYLOADS.useragent,
    errorCode: 'AccessDenied',
    errorMessage: PAYLOADS.errormessage,
    sourceIPAddress: PAYLOADS.sourceipaddress,
    requestParameters: { bucketName: PAYLOADS.param, 'key<script>window.__pwned=8</script>': 'v' },
  };
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-e2e-hostile-'));
  const evidence = join(root, 'evidence');
  mkdirSync(evidence);
  writeFileSync(join(evidence, 'hostile-trail.json'), JSON.stringify({ Records: [hostileRecord()] }));
  writeFileSync(join(evidence, PAYLOADS.fileName), JSON.stringify({ Records: [{ ...hostileRecord(), eventID: 'hostile-0002' }, PAYLOADS.rejected] }));
  serve = await startServe({ dataDir: join(root, 'data'), caseDir: join(root, 'case') });
  browser = await launchChromium();
  w = await openWorkbench(browser, serve.url);
  w.page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === serve.origin) sameOriginPaths.push(u.pathname); });
});
after(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function assertNothingExecuted(): Promise<void> {
  assert.equal(await w.page.evaluate(() => (globalThis as any).__pwned), undefined, 'a payload executed');
  assert.deepEqual(w.dialogs, [], 'a dialog opened');
  assert.deepEqual(w.foreignRequests, [], 'a request left 127.0.0.1');
  assert.deepEqual(sameOriginPaths.filter((p) => p === '/x' || p.endsWith('/x')), [], 'an injected <img src=x> was fetched');
  assert.deepEqual(w.page.frames().length, 1, 'an injected frame was created');
  assert.deepEqual(w.pageErrors, []);
}

test('the hostile evidence imports; the file name and the rejected record show as text', { timeout: 180_000 }, async () => {
  await w.page.getByTestId('status-case').waitFor();
  const card = await importPaths(w.page, [join(root, 'evidence')]);
  assert.equal(await card.getAttribute('data-state'), 'finished');
  await w.page.getByTestId('manifest-row').first().waitFor(); // the manifest's page comes from the core after the run
  const manifest = await w.page.getByTestId('manifest').textContent() ?? '';
  assert.ok(manifest.includes(PAYLOADS.fileName), 'the file name is shown literally');
  const rejects = w.page.getByTestId('manifest-rejects');
  if (await rejects.count() > 0) {
    await rejects.first().click();
    await w.page.getByTestId('reject-raw').first().waitFor();
    const raw = await w.page.getByTestId('reject-raw').allTextContents();
    assert.ok(raw.some((t) => t.includes(PAYLOADS.rejected)), `raw text shown literally: ${raw.join(' | ')}`);
  }
  await screenshot(w.page, '10-hostile-evidence');
  await assertNothingExecuted();
});

test('the payloads appear literally in the grid and the row detail', { timeout: 180_000 }, async () => {
  await runSql(w.page, "SELECT eventid, eventname, useragent, errormessage, sourceipaddress, requestparameters FROM cloudtrail WHERE eventid LIKE 'hostile-%' ORDER BY eventid");
  assert.equal(await queryError(w.page), '');
  const rows = await gridRows(w.page);
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.equal(row[1], PAYLOADS.eventname);
    assert.equal(row[2], PAYLOADS.useragent);
    assert.equal(row[3], PAYLOADS.errormessage);
    assert.equal(row[4], PAYLOADS.sourceipaddress);
    assert.ok(row[5]?.includes(PAYLOADS.param), `requestparameters cell: ${row[5]}`);
  }
  // No element was created from the payloads: the grid holds text nodes only.
  const injected = await w.page.locator('[data-testid="results-grid"] img, [data-testid="results-grid"] script, [data-testid="results-grid"] svg:not([aria-hidden]), [data-testid="results-grid"] iframe').count();
  assert.equal(injected, 0);

  await w.page.getByTestId('result-row').first().click();
  if ((await w.page.getByTestId('toggle-detail').getAttribute('aria-pressed')) !== 'true') await w.page.getByTestId('toggle-detail').click();
  const detail = w.page.locator('[data-testid="row-detail"][data-row="0"]');
  await detail.waitFor();
  // Expand every collapsed branch (requestparameters is JSON text or a struct, depending on the table).
  for (let i = 0; i < 5; i++) {
    const closed = detail.locator('button.json-toggle[aria-label^="Expand"]');
    if (await closed.count() === 0) break;
    await closed.first().click();
  }
  const text = await detail.textContent() ?? '';
  for (const p of [PAYLOADS.useragent, PAYLOADS.errormessage, PAYLOADS.eventname, PAYLOADS.sourceipaddress, PAYLOADS.param]) assert.ok(text.includes(p), `detail lacks ${p}`);
  assert.equal(await detail.locator('img, script, iframe, svg:not([aria-hidden])').count(), 0);
  await screenshot(w.page, '11-hostile-grid-and-detail');

  // Hover a long cell: its tooltip is the title attribute (text), not markup.
  await w.page.getByTestId('result-cell').nth(3).hover();
  await assertNothingExecuted();
});

test('a payload typed into the editor and run as a literal stays text', { timeout: 120_000 }, async () => {
  await runSql(w.page, `SELECT '${PAYLOADS.errormessage}' AS payload, '${PAYLOADS.useragent}' AS other`);
  const rows = await gridRows(w.page);
  assert.deepEqual(rows[0], [PAYLOADS.errormessage, PAYLOADS.useragent]);
  await assertNothingExecuted();
});
