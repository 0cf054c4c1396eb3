// Detection that never guesses, decided in the workbench (#24): a folder with files the detector would not
// guess is imported; each is listed as needing a decision with its candidates and reasons; the analyst
// chooses a format ("Import as…", like `cairn import --as`), including a CloudFront real-time log's field list,
// and the file is imported with counts that add up, its format marked as chosen by the analyst.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type Watched } from './browser';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths } from './workbench-actions';
import { FIXTURES } from '../helpers/temp';

const LONG = 120_000;

/** A manifest row by its file's relative path. */
const manifestRow = (p: Page, relPath: string): Locator => p.getByTestId('manifest-row').filter({ has: p.locator('td.path', { hasText: relPath }) });

/** Waits for the next import card to finish and returns it (runs are listed newest first). */
async function nextRun(p: Page, before: number): Promise<Locator> {
  await p.locator('[data-testid="import-progress"]:not([data-state="running"])').nth(before).waitFor({ timeout: LONG });
  return p.getByTestId('import-progress').first();
}

async function totalsOf(card: Locator): Promise<{ read: number; imported: number; rejected: number; text: string }> {
  const text = await card.getByTestId('import-summary').textContent() ?? '';
  const n = (re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);
  return { read: n(/([\d,]+) records read/), imported: n(/([\d,]+) imported/), rejected: n(/([\d,]+) rejected/), text };
}

describe('a format decision in the workbench', () => {
  let root: string;
  let w: Watched;
  useWorkbenchSession('cairn-e2e-decision-', (s) => { ({ root, w } = s); });

  test('needs a decision, listed with candidates; chosen in the UI; imported with counts that add up', { timeout: 300_000 }, async () => {
    const p = w.page;
    await createCase(p, { name: 'decision e2e', examiner: 'E2E Analyst', dir: join(root, 'case') });
    const ev = join(root, 'evidence');
    mkdirSync(ev);
    writeFileSync(join(ev, 'flows.csv'), '10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n'); // delimited, no header: csv is only a candidate
    copyFileSync(join(FIXTURES, 'cloudwatch', 'orphans.txt'), join(ev, 'orphans.txt')); // cloudwatch, tentatively
    copyFileSync(join(FIXTURES, 'cloudfront_realtime', 'chosen-fields.log'), join(ev, 'chosen-fields.log')); // real-time log, fields not in the file
    writeFileSync(join(ev, 'rtmp.log'), '#Version: 1.0\n#Fields: date time x-edge-location c-ip x-event sc-bytes x-cf-status\n2014-12-01\t12:00:00\tSEA4\t192.0.2.1\tconnect\t2014\tOK\n');

    // The card as a locator of its own: runs are listed newest first, so first() moves on.
    const first = p.locator(`[data-testid="import-progress"][aria-label="${await (await importPaths(p, [ev])).getAttribute('aria-label')}"]`);
    assert.equal(await first.getByTestId('import-summary').getAttribute('data-files'), '4');
    assert.deepEqual(await totalsOf(first).then((t) => [t.read, t.imported, t.rejected]), [0, 0, 0]); // nothing imported under a guess
    const problems = first.getByTestId('import-problem');
    assert.equal(await problems.count(), 4);
    assert.equal(await first.locator('[data-testid="import-problem"][data-status="needs_decision"]').count(), 3);
    const flowsProblem = problems.filter({ hasText: 'flows.csv' });
    assert.deepEqual(await flowsProblem.getByTestId('decision-candidate').evaluateAll((els) => els.map((e) => e.getAttribute('data-format'))), ['csv']);

    // The manifest lists the candidates with the detector's reasons.
    const orphans = manifestRow(p, 'orphans.txt');
    await orphans.waitFor({ timeout: LONG });
    assert.equal(await orphans.getAttribute('data-status'), 'needs_decision');
    const cw = orphans.locator('[data-testid="decision-candidate"][data-format="cloudwatch"]');
    assert.match(await cw.textContent() ?? '', /CloudWatch Logs export: lines start with an ISO-8601 time/);
    const rt = manifestRow(p, 'chosen-fields.log');
    assert.deepEqual(await rt.getByTestId('decision-candidate').evaluateAll((els) => els.map((e) => e.getAttribute('data-format'))), ['cloudfront-realtime', 'csv']);

    // orphans.txt: the detector's candidate, chosen from the manifest row.
    await orphans.getByTestId('import-as-open').click();
    const dialog = p.getByTestId('import-as-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('import-as-format').inputValue(), 'cloudwatch'); // candidates first
    assert.match(await dialog.getByTestId('import-as-why').textContent() ?? '', /CloudWatch Logs export/);
    await screenshot(p, 'format-decision-dialog');
    let runs = await p.getByTestId('import-progress').count();
    await dialog.getByTestId('import-as-submit').click();
    let card = await nextRun(p, runs);
    let t = await totalsOf(card);
    assert.deepEqual([t.read, t.imported, t.rejected], [4, 2, 2], t.text); // the orphan line and the bad bytes rejected
    assert.equal(t.read, t.imported + t.rejected);
    await p.locator('[data-testid="manifest-row"][data-status="imported_with_rejects"]').filter({ hasText: 'orphans.txt' }).waitFor({ timeout: LONG });
    assert.equal(await orphans.getByTestId('manifest-format').textContent(), 'cloudwatch (chosen by the analyst)');
    assert.match(await orphans.locator('.reason').textContent() ?? '', /^chosen by the analyst \(--as cloudwatch\)/);
    assert.equal(await orphans.getByTestId('import-as-open').count(), 0); // decided

    // flows.csv: chosen from the first run's problem list.
    await first.getByTestId('import-problem').filter({ hasText: 'flows.csv' }).getByTestId('import-as-open').click();
    await dialog.waitFor();
    runs = await p.getByTestId('import-progress').count();
    await dialog.getByTestId('import-as-submit').click();
    card = await nextRun(p, runs);
    t = await totalsOf(card);
    assert.deepEqual([t.read, t.imported, t.rejected], [2, 2, 0], t.text);
    await p.locator('[data-testid="manifest-row"][data-status="imported"]').filter({ hasText: 'flows.csv' }).waitFor({ timeout: LONG });

    // rtmp.log: no format claimed it; a format the analyst picks is marked as their decision, and refused when it does not fit.
    await manifestRow(p, 'rtmp.log').getByTestId('import-as-open').click();
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('import-as-submit').isDisabled(), true); // no candidate, nothing chosen yet
    await dialog.getByTestId('import-as-format').selectOption('waf');
    await dialog.getByTestId('import-as-own-decision').waitFor();
    runs = await p.getByTestId('import-progress').count();
    await dialog.getByTestId('import-as-submit').click();
    card = await nextRun(p, runs);
    const refused = card.locator('[data-testid="import-problem"][data-status="unsupported"]');
    assert.match(await refused.textContent() ?? '', /rtmp\.log.*cannot be read as waf, and no format can read it: CloudFront log with a #Version\/#Fields header/);

    // The case's totals add up over every file: 6 records read, 4 imported, 2 rejected.
    const totals = p.getByTestId('evidence-totals');
    await totals.filter({ hasText: '6 records read · 4 imported · 2 rejected' }).waitFor({ timeout: LONG });
    assert.match(await totals.textContent() ?? '', /1 unsupported · 1 needs a decision/);
  });

  test('a CloudFront real-time log: the field list is checked against the known names, then the file is imported', { timeout: 180_000 }, async () => {
    const p = w.page;
    const rt = manifestRow(p, 'chosen-fields.log');
    await rt.getByTestId('import-as-open').click();
    const dialog = p.getByTestId('import-as-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('import-as-format').inputValue(), 'cloudfront-realtime');
    const fields = dialog.getByTestId('import-as-fields');
    const error = dialog.getByTestId('import-as-fields-error');
    const submit = dialog.getByTestId('import-as-submit');
    assert.equal(await submit.isDisabled(), true); // the field list is not in the file: it must be given

    await fields.fill('timestamp, c-ip, timestamp');
    assert.match(await error.textContent() ?? '', /names a field twice/);
    assert.equal(await submit.isDisabled(), true);
    await fields.fill('timestamp,c-ip,sc-status,cs-method,cs-host,cs-uri-stem,cs-user-agent,cmcd-session-id');
    assert.match(await error.textContent() ?? '', /Not a field Cairn knows: cmcd-session-id\. Known fields: timestamp, c-ip, /);
    assert.equal(await submit.isDisabled(), true);
    await dialog.getByTestId('import-as-keep-unknown').check(); // the analyst knows the configuration: kept in _unknown_fields
    assert.equal(await submit.isDisabled(), false);

    const runs = await p.getByTestId('import-progress').count();
    await submit.click();
    const card = await nextRun(p, runs);
    const t = await totalsOf(card);
    assert.deepEqual([t.read, t.imported, t.rejected], [4, 2, 2], t.text); // a short line and a non-numeric status rejected
    await p.locator('[data-testid="manifest-row"][data-status="imported_with_rejects"]').filter({ hasText: 'chosen-fields.log' }).waitFor({ timeout: LONG });
    assert.equal(await rt.getByTestId('manifest-format').textContent(), 'cloudfront-realtime (chosen by the analyst)');
    assert.equal(await rt.getByTestId('decision-candidates').count(), 0);
  });
});
