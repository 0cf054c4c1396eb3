// The coverage view in the real renderer (Chromium) over `cairn serve`: the heatmap shows each stream's hours
// with gaps, the logging windows link to their record, a click on an hour opens that hour's rows, and an audit
// trail that no longer holds shows red.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { screenshot, type Watched } from './browser';
import type { ServeProcess } from './serve-process';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths, queryError, waitForResult } from './workbench-actions';
import { coverageEvidence } from '../helpers/coverage-evidence';
import { tempDir } from '../helpers/temp';

let root: string;
let serve: ServeProcess;
let browser: Browser;
let w: Watched;
useWorkbenchSession('cairn-e2e-coverage-', (s) => { ({ root, serve, browser, w } = s); });

test('heatmap, gaps and logging windows; a click queries that hour; a cut audit log shows red', { timeout: 300_000 }, async () => {
  void browser;
  const p = w.page;
  const ev = tempDir('cairn-evidence-');
  coverageEvidence(ev);
  const caseDir = join(root, 'case');
  await createCase(p, { name: 'coverage e2e', examiner: 'E2E Analyst', dir: caseDir });
  assert.equal(await (await importPaths(p, [ev])).getAttribute('data-state'), 'finished');

  await p.getByTestId('nav-coverage').click();
  const map = p.getByTestId('coverage-heatmap');
  await map.waitFor();
  assert.equal(await map.getAttribute('data-rows'), '2');
  assert.equal(await map.getAttribute('data-columns'), '5'); // 00:00 to 04:00
  assert.equal(await map.getAttribute('data-start'), '2024-05-02T00:00:00Z');
  assert.deepEqual(await p.getByTestId('coverage-row').allTextContents(), ['cloudtrail 111122223333 us-east-1', 'vpcflow 111122223333 ?']);
  assert.equal(await p.getByTestId('coverage-gap').count(), 2);
  assert.deepEqual(await p.getByTestId('coverage-window').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))), ['off', 'reduced']);
  assert.equal(await p.getByTestId('coverage-audit').getAttribute('data-ok'), 'true');
  await screenshot(p, '40-coverage');

  // Row 0 (CloudTrail), column 4 (04:00): the three events of that hour.
  await map.click({ position: { x: 4 * 8 + 3, y: 0 * 16 + 6 } });
  await waitForResult(p);
  assert.equal(await queryError(p), '');
  assert.equal(await p.getByTestId('row-count').getAttribute('data-rows'), '3');

  // The StopLogging window's event opens exactly that record.
  await p.getByTestId('nav-coverage').click();
  await p.getByTestId('coverage-window-event').first().click();
  await waitForResult(p);
  assert.equal(await p.getByTestId('row-count').getAttribute('data-rows'), '1');

  // A report records the signed head; then someone with write access cuts the last entries of the audit log.
  await serve.rpc('report.export', { format: 'json' });
  const db = new Database(join(caseDir, 'case.sqlite'));
  db.exec('DROP TRIGGER audit_no_delete');
  db.prepare('DELETE FROM audit WHERE seq > 3').run();
  db.close();
  await p.getByTestId('nav-coverage').click();
  await p.getByTestId('coverage-refresh').click();
  await p.locator('[data-testid="coverage-audit"][data-ok="false"]').waitFor();
  assert.match(await p.getByTestId('coverage-audit').textContent() ?? '', /does NOT hold/);
  assert.match(await p.getByTestId('coverage-audit').getAttribute('class') ?? '', /\bbad\b/, 'shown in the error colour');
});
