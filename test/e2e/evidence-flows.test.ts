// The Evidence view's flows in Chromium over `cairn serve`: a new case opens on Evidence; a bad path shows its
// error there and the good path of the same batch is imported; CloudTrail digest results (signed digests of our
// own) with counts, filters and reasons; the manifest filtered, grouped, sorted and paged by the core; the rejects
// panel opens in view; and a cancelled import's files say why and are resumed from the UI.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { launchChromium, openWorkbench, screenshot, type Watched } from './browser';
import { startServe, type ServeProcess } from './serve-process';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths } from './workbench-actions';
import { TrailFactory, publicKeyList, writeEvidence, type GeneratedDigest, type GeneratedLog } from '../helpers/cloudtrail-digests';
import { tempDir } from '../helpers/temp';

const REGIONS = ['eu-west-1', 'us-east-1'];
const HOURS = 10;
const LOGS_PER_HOUR = 11;

/** Two regions' signed trail over ten hours: one log tampered, one removed, one delivered but in no digest. */
function digestEvidence(dir: string): { logs: number; tampered: string; removed: string; uncovered: string } {
  const f = new TrailFactory();
  const files: Array<{ relPath: string; bytes: Buffer | string }> = [{ relPath: 'saved/keys.json', bytes: publicKeyList([f.keys]) }];
  let tampered = '', removed = '', uncovered = '';
  let logs = 0;
  for (const region of REGIONS) {
    let last: GeneratedDigest | null = null;
    for (let h = 0; h < HOURS; h++) {
      const end = new Date(Date.UTC(2024, 4, 2, 1 + h, 5));
      const hourLogs: GeneratedLog[] = Array.from({ length: LOGS_PER_HOUR }, (_, i) => f.log(region, new Date(end.getTime() - 3600_000 + (i + 1) * 4 * 60_000)));
      last = f.digest(region, end, hourLogs, { start: h === 0 });
      files.push(last);
      for (const [i, l] of hourLogs.entries()) {
        if (region === 'us-east-1' && h === 3 && i === 0) { tampered = l.key; files.push({ relPath: l.relPath, bytes: gzipSync(Buffer.from(l.uncompressed.toString().replace('198.51.100.7', '203.0.113.9'))) }); }
        else if (region === 'us-east-1' && h === 5 && i === 0) removed = l.key;
        else files.push(l);
        if (!(region === 'us-east-1' && h === 5 && i === 0)) logs++;
      }
    }
    files.push({ relPath: `saved/${region}-newest-metadata.json`, bytes: f.metadata(last!) });
  }
  const extra = f.log('eu-west-1', new Date(Date.UTC(2024, 4, 2, 12, 30)));
  uncovered = extra.key;
  files.push(extra);
  writeEvidence(dir, files);
  return { logs: logs + 1, tampered, removed, uncovered };
}

describe('a new case: errors, digests, the manifest', () => {
  let root: string;
  let serve: ServeProcess;
  let w: Watched;
  useWorkbenchSession('cairn-e2e-evidence-', (s) => { ({ root, serve, w } = s); });

  test('the demo says what it holds; a new case opens on Evidence', { timeout: 120_000 }, async () => {
    const p = w.page;
    await p.getByTestId('start-screen').waitFor();
    assert.match(await p.getByTestId('demo-contents').textContent() ?? '', /15 public CloudTrail sample files \(30 events.*no flow logs/);
    await createCase(p, { name: 'evidence e2e', examiner: 'E2E Analyst', dir: join(root, 'case') });
    await p.getByTestId('evidence-add-path').waitFor({ timeout: 10_000 });
    await p.getByTestId('manifest-empty').waitFor({ timeout: 10_000 }); // the empty manifest says how to start
  });

  test('a bad path alone shows its error in Evidence; with a good one, the good file is imported', { timeout: 180_000 }, async () => {
    const p = w.page;
    const ev = tempDir('cairn-evidence-');
    const missing = join(ev, 'no-such-folder');
    await p.getByTestId('evidence-add-path').fill(missing);
    await p.getByTestId('evidence-add-submit').click();
    const error = p.getByTestId('evidence-add-error');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.textContent() ?? '', /NOT_FOUND.*no such file or folder: .*no-such-folder/);

    // A CSV whose second record holds a NUL byte: imported, with one reject (decision 0031).
    const lines = ['time,user,action', ...Array.from({ length: 200 }, (_, i) => `2024-03-01T10:${String(i % 60).padStart(2, '0')}:00Z,user${i},read`)];
    lines.splice(3, 0, '2024-03-01T10:00:05Z,mal\u0000lory,delete');
    writeFileSync(join(ev, 'logins.csv'), lines.join('\n') + '\n');
    const card = await importPaths(p, [missing, join(ev, 'logins.csv')]);
    assert.equal(await card.getAttribute('data-state'), 'finished');
    assert.equal(await error.count(), 0, 'the old error is gone once an import starts');
    const problem = card.getByTestId('import-problem');
    assert.equal(await problem.count(), 1);
    assert.equal(await problem.getAttribute('data-status'), 'failed');
    assert.match(await problem.textContent() ?? '', /failed.*no such file or folder: .*no-such-folder/);
    await p.locator('[data-testid="manifest-range"][data-total="1"]').waitFor();
    const row = p.getByTestId('manifest-row');
    assert.equal(await row.getAttribute('data-status'), 'imported_with_rejects');
    assert.match(await row.textContent() ?? '', /logins\.csv/);
  });

  test('CloudTrail digest results: counts, a filter per status and region, the reason per file', { timeout: 300_000 }, async () => {
    const p = w.page;
    const ev = tempDir('cairn-digests-');
    const made = digestEvidence(ev);
    assert.equal(await (await importPaths(p, [ev])).getAttribute('data-state'), 'finished');
    await p.getByTestId('digest-check').click();
    const count = async (status: string): Promise<number> => Number(await p.getByTestId(`digest-count-${status}`).getAttribute('data-count'));
    await p.getByTestId('digest-results').waitFor({ timeout: 120_000 });
    assert.equal(await count('modified'), 1);
    assert.equal(await count('missing'), 1);
    assert.equal(await count('not-covered'), 1);
    assert.equal(await count('valid'), made.logs - 2, 'every other log file verifies');
    assert.equal(await p.getByTestId('digest-range').getAttribute('data-total'), String(made.logs + 1));
    assert.equal(await p.getByTestId('digest-row').count(), 200, 'one page, not the whole list');

    await p.getByTestId('digest-count-modified').click();
    await p.locator('[data-testid="digest-range"][data-total="1"]').waitFor();
    const modified = p.getByTestId('digest-row');
    assert.equal(await modified.getAttribute('data-status'), 'modified');
    assert.ok((await modified.textContent() ?? '').includes(made.tampered.split('/').pop()!), 'the tampered file is named');
    assert.match(await modified.textContent() ?? '', /us-east-1/);
    await p.getByTestId('digest-count-missing').click();
    await p.locator('[data-testid="digest-row"][data-status="missing"]').waitFor();
    assert.ok((await p.getByTestId('digest-row').textContent() ?? '').includes(made.removed.split('/').pop()!), 'the missing file is named by its S3 key');
    await p.getByTestId('digest-count-missing').click(); // off again
    await p.getByTestId('digest-region').selectOption('eu-west-1');
    await p.waitForFunction((all) => (globalThis as any).document.querySelector('[data-testid="digest-range"]')?.getAttribute('data-total') !== all, String(made.logs + 1));
    const euRegions = await p.getByTestId('digest-row').evaluateAll((rows) => [...new Set(rows.map((r) => r.children[1]?.textContent))]);
    assert.deepEqual(euRegions, ['eu-west-1']);
    assert.ok(Number(await p.getByTestId('digest-range').getAttribute('data-total')) >= HOURS * LOGS_PER_HOUR);
    await p.getByTestId('digest-kind').selectOption('digests');
    await p.locator(`[data-testid="digest-range"][data-total="${HOURS}"]`).waitFor();
    assert.equal(await p.locator('[data-testid="digest-row"][data-status="valid"]').count(), HOURS, 'eu-west-1\'s chain holds');
    await screenshot(p, 'evidence-digests');
  });

  test('the manifest is filtered, grouped, sorted and paged by the core; rejects open in view', { timeout: 180_000 }, async () => {
    const p = w.page;
    const total = Number(await p.getByTestId('evidence-totals').getAttribute('data-files'));
    assert.ok(total > 200, `${total} files: more than one page`);
    await p.locator(`[data-testid="manifest-range"][data-total="${total}"]`).waitFor();
    assert.equal(await p.getByTestId('manifest-row').count(), 200);
    await p.getByTestId('manifest-next').click();
    await p.getByTestId('manifest-range').filter({ hasText: /^201–/ }).waitFor();
    assert.equal(await p.getByTestId('manifest-row').count(), total - 200);

    await p.getByTestId('manifest-group-by').selectOption('region');
    await p.getByTestId('manifest-groups').waitFor();
    const groups = await p.getByTestId('manifest-group').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-key'), Number((r.querySelector('[data-testid="manifest-group-files"]')?.textContent ?? '').replace(/\D/g, ''))]));
    const east = groups.find(([k]) => k === 'us-east-1');
    assert.equal(east?.[1], HOURS * LOGS_PER_HOUR - 1 + HOURS, 'us-east-1: its logs (one removed) and its digests');
    assert.equal(groups.reduce((n, [, v]) => n + Number(v), 0), total);
    await p.locator('[data-testid="manifest-group"][data-key="us-east-1"] button').click();
    await p.locator(`[data-testid="manifest-range"][data-total="${east?.[1]}"]`).waitFor();
    assert.equal(await p.getByTestId('manifest-filter-region').inputValue(), 'us-east-1');

    await p.getByTestId('manifest-filter-clear').click();
    await p.getByTestId('manifest-filter-text').fill('CloudTrail-Digest');
    await p.locator(`[data-testid="manifest-range"][data-total="${HOURS * REGIONS.length}"]`).waitFor();
    await p.getByTestId('manifest-filter-clear').click();
    await p.getByTestId('manifest-filter-status').selectOption('imported_with_rejects');
    await p.locator('[data-testid="manifest-range"][data-total="1"]').waitFor();
    await p.getByTestId('manifest-filter-clear').click();

    // Sorted by rejected records, descending: the CSV with its reject comes first; its rejects open in view.
    await p.getByTestId('manifest-sort-rejected').click();
    await p.getByTestId('manifest-sort-rejected').click();
    await p.locator('[data-testid="manifest-row"]').first().and(p.locator('[data-status="imported_with_rejects"]')).waitFor();
    await p.getByTestId('manifest-rejects').first().click();
    const panel = p.getByTestId('rejects-panel');
    await p.getByTestId('reject-row').first().waitFor();
    const inView = await panel.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top < (globalThis as any).innerHeight && r.bottom > 0; });
    assert.ok(inView, 'the rejects panel is scrolled into view');
    await screenshot(p, 'evidence-manifest-rejects');
    assert.deepEqual(w.pageErrors, []);
    void serve;
  });
});

describe('a cancelled import, resumed from the Evidence view', () => {
  const FILES = 30;
  let root: string;
  let serve: ServeProcess;
  let browser: Browser;
  let w: Watched;
  let first: Awaited<ReturnType<typeof importEvidence>>;
  before(async () => {
    root = tempDir('cairn-e2e-resume-');
    const ev = join(root, 'evidence');
    const trail = new TrailFactory();
    writeEvidence(ev, Array.from({ length: FILES }, (_, i) => trail.log('us-east-1', new Date(Date.UTC(2024, 4, 2, 1, i)), 50)));
    const c = await Case.open(join(root, 'case'), { create: { name: 'resume e2e', examiner: 'E2E Analyst' } });
    const controller = new AbortController();
    first = await importEvidence(c, [ev], { signal: controller.signal, batchBytes: 1, onProgress: (p) => { if (p.filesDone >= 3) controller.abort(); } });
    await c.close();
    serve = await startServe({ dataDir: join(root, 'data'), caseDir: join(root, 'case') });
    browser = await launchChromium();
    w = await openWorkbench(browser, serve.url);
  });
  after(async () => {
    await browser?.close();
    assert.equal(await serve?.stop(), 0, serve?.output());
  });

  test('the files it left say why, the header agrees, and Resume imports only them', { timeout: 300_000 }, async () => {
    const p = w.page;
    assert.equal(first.state, 'cancelled');
    const left = first.totals.notImported;
    assert.ok(left > 0);
    await p.getByTestId('nav-evidence').click();
    const banner = p.getByTestId('import-resumable');
    await banner.waitFor();
    assert.match(await banner.textContent() ?? '', new RegExp(`Import #${first.runId} was cancelled: ${left} files not imported`));
    const pendingInManifest = first.files.filter((f) => f.status === 'pending').length;
    assert.equal(Number((await p.getByTestId('evidence-count-pending').textContent() ?? '').replace(/\D/g, '')), pendingInManifest, 'the header counts what the manifest lists');
    await p.getByTestId('manifest-filter-status').selectOption('pending');
    await p.locator(`[data-testid="manifest-range"][data-total="${pendingInManifest}"]`).waitFor();
    const reason = await p.getByTestId('manifest-row').first().textContent() ?? '';
    assert.match(reason, new RegExp(`not imported.*import #${first.runId} was cancelled before this file's rows were committed; Resume`));
    await p.getByTestId('manifest-filter-clear').click();

    await p.getByTestId('import-resume').click();
    const card = p.locator('[data-testid="import-progress"]:not([data-state="running"])').first();
    await card.waitFor({ timeout: 240_000 });
    assert.equal(await card.getAttribute('data-state'), 'finished');
    assert.match(await card.getByTestId('import-resume-of').textContent() ?? '', new RegExp(`resumes #${first.runId}`));
    assert.equal(await card.getByTestId('import-summary').getAttribute('data-files'), String(left), 'only the files left are read');
    assert.equal(await card.getByTestId('import-summary').getAttribute('data-not-imported'), '0');
    await p.locator(`[data-testid="evidence-totals"][data-files="${FILES}"]`).waitFor();
    await p.getByTestId('evidence-count-pending').waitFor({ state: 'detached' });
    assert.equal(await banner.count(), 0, 'nothing left to resume');
    assert.equal(Number((await p.getByTestId('evidence-count-imported').textContent() ?? '').replace(/\D/g, '')), FILES);
    await screenshot(p, 'evidence-resumed');
  });
});
