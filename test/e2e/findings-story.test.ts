// The investigation's end in the real renderer (Chromium) against `cairn serve`: import the samples, run a
// library query, make a finding of two rows with tags, add notes, see them on the timeline, export the
// report as HTML and PDF, and check the report's hashes against the manifest and the sidecar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { screenshot, SCREENSHOT_DIR, type Watched } from './browser';
import { CLOUDTRAIL_DIR, VPCFLOW_DIR } from './sample-oracle';
import type { ServeProcess } from './serve-process';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths, queryError, showQueryWorkspace, waitForResult } from './workbench-actions';

let root: string;
let serve: ServeProcess;
let browser: Browser;
let w: Watched;
const HOSTILE = 'Seen in <img src=x onerror="window.pwned=1"> and [a link](javascript:window.pwned=2) **twice**';

useWorkbenchSession('cairn-e2e-findings-', (s) => { ({ root, serve, browser, w } = s); });

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
interface Evidence { id: number; sha256: string; relPath: string }
interface FindingRow { provenance: { evidenceId: number; evidenceSha256: string | null } | null }

test('case with the CloudTrail and flow log samples', { timeout: 300_000 }, async () => {
  await createCase(w.page, { name: 'IR-2026-002 findings', examiner: 'E2E Analyst', dir: join(root, 'case') });
  const card = await importPaths(w.page, [CLOUDTRAIL_DIR, VPCFLOW_DIR]);
  assert.equal(await card.getAttribute('data-state'), 'finished');
});

test('run the tampering library query, select two rows, make a tagged finding', { timeout: 180_000 }, async () => {
  const p = w.page;
  await showQueryWorkspace(p);
  await p.getByTestId('nav-library').click();
  await p.locator('[data-testid="library-item"][data-query-id="ct-cloudtrail-tampering"]').click();
  await p.getByTestId('library-run').click();
  await waitForResult(p);
  assert.equal(await queryError(p), '');
  assert.ok(Number(await p.getByTestId('row-count').getAttribute('data-rows')) >= 2, 'the samples hold at least two tampering events');

  await p.locator('[data-testid="result-row"][data-row="0"]').click();
  await p.locator('[data-testid="result-row"][data-row="1"]').click({ modifiers: ['ControlOrMeta'] });
  assert.equal(await p.getByTestId('selection-count').getAttribute('data-count'), '2');
  assert.equal(await p.locator('[data-testid="result-row"][data-selected="true"]').count(), 2);

  await p.getByTestId('finding-make').click();
  await p.getByTestId('finding-title').fill('CloudTrail logging stopped <script>window.pwned=3</script>');
  await p.getByTestId('finding-severity').selectOption('high');
  await p.getByTestId('finding-attack').fill('t1562.008');
  for (const tag of ['defense-evasion', 'e2e']) { await p.getByTestId('finding-tag-input').fill(tag); await p.keyboard.press('Enter'); }
  await p.getByTestId('finding-description').fill(HOSTILE);
  await screenshot(p, '20-finding-dialog');
  await p.getByTestId('finding-save').click();
  await p.getByTestId('finding-dialog').waitFor({ state: 'detached' });

  const list = await serve.rpc<Array<{ id: number; rowCount: number; attack: string; tags: { name: string }[] }>>('finding.list', {});
  assert.equal(list.length, 1);
  assert.equal(list[0]!.rowCount, 2);
  assert.equal(list[0]!.attack, 'T1562.008');
  assert.deepEqual(list[0]!.tags.map((t) => t.name).sort(), ['defense-evasion', 'e2e']);
});

test('the finding in the panel, with a case note and a finding note, all rendered as text', { timeout: 120_000 }, async () => {
  const p = w.page;
  await p.getByTestId('nav-findings').click();
  await p.getByTestId('case-notes-new').fill('## Scope\n- bundled public samples\n- times are **UTC**');
  await p.getByTestId('case-notes-add').click();
  await p.locator('[data-testid="case-notes"] [data-testid="note"]').waitFor();
  await p.getByTestId('finding-item').first().click();
  const detail = p.getByTestId('finding-detail');
  await detail.waitFor();
  await p.getByTestId('finding-notes-new').fill(HOSTILE);
  await p.getByTestId('finding-notes-add').click();
  await p.locator('[data-testid="finding-notes"] [data-testid="note"]').waitFor();
  await p.getByTestId('finding-row').first().locator('.json-toggle').click();
  await screenshot(p, '21-findings-panel');

  assert.equal(await p.locator('[data-testid="finding-row"]').count(), 2);
  assert.match(await p.getByTestId('finding-row-provenance').first().textContent() ?? '', /record \d+ · file SHA-256 [0-9a-f]{16}/);
  // The hostile description and note: the markup is visible text, the "link" is not a link, nothing ran.
  const desc = await p.getByTestId('finding-description-view').textContent() ?? '';
  assert.ok(desc.includes('<img src=x onerror="window.pwned=1">'), desc);
  assert.ok(desc.includes('(javascript:window.pwned=2)'), desc);
  assert.equal(await p.locator('[data-testid="findings-panel"] img, [data-testid="findings-panel"] a[href], [data-testid="findings-panel"] script').count(), 0);
  assert.equal(await p.locator('[data-testid="finding-description-view"] strong').textContent(), 'twice');
  assert.equal(await p.evaluate('typeof window.pwned'), 'undefined');
});

test('the timeline shows the finding rows in time order, filterable by tag', { timeout: 60_000 }, async () => {
  const p = w.page;
  await p.getByTestId('nav-timeline').click();
  await p.locator('[data-testid="timeline-count"][data-events="2"]').waitFor();
  const times = await p.getByTestId('timeline-event').evaluateAll((rows: any[]) => rows.map((r) => String(r.getAttribute('data-time'))));
  assert.deepEqual(times, [...times].sort());
  await p.getByTestId('timeline-filter-tag').selectOption('e2e');
  await p.locator('[data-testid="timeline-count"][data-events="2"]').waitFor();
});

test('export the report as HTML and PDF; its hashes match the manifest and its sidecar', { timeout: 300_000 }, async () => {
  const p = w.page;
  const evidence = await serve.rpc<Evidence[]>('evidence.list', {});
  const finding = await serve.rpc<{ rows: FindingRow[] }>('finding.get', { id: (await serve.rpc<Array<{ id: number }>>('finding.list', {}))[0]!.id });

  await p.getByTestId('report-export-html').click();
  await p.locator('[data-testid="report-path"]', { hasText: /\.html$/ }).waitFor({ timeout: 120_000 });
  await p.getByTestId('evidence-check-ok').waitFor();
  const htmlPath = await p.getByTestId('report-path').textContent() ?? '';
  const html = readFileSync(htmlPath);
  assert.equal(await p.getByTestId('report-sha256').textContent(), sha256(html));
  assert.ok(readFileSync(await p.getByTestId('report-sidecar').textContent() ?? '', 'utf8').includes(sha256(html)));
  const text = html.toString('utf8');
  for (const e of evidence) assert.ok(text.includes(e.sha256), `the report lacks the SHA-256 of ${e.relPath}`);
  for (const r of finding.rows) {
    assert.ok(r.provenance, 'the library query selects provenance');
    assert.equal(r.provenance.evidenceSha256, evidence.find((e) => e.id === r.provenance!.evidenceId)?.sha256, 'row provenance hash = manifest hash');
  }
  // Loopback offers the file as a download: the bytes served are the bytes hashed.
  const href = await p.getByTestId('report-download').getAttribute('href');
  assert.ok(href);
  const served = Buffer.from(await (await fetch(new URL(href, serve.origin))).arrayBuffer());
  assert.equal(sha256(served), sha256(html));

  await p.getByTestId('report-export-pdf').click();
  await p.locator('[data-testid="report-path"]', { hasText: /\.pdf$/ }).waitFor({ timeout: 180_000 });
  const pdfPath = await p.getByTestId('report-path').textContent() ?? '';
  const pdf = readFileSync(pdfPath);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.equal(await p.getByTestId('report-sha256').textContent(), sha256(pdf));
  assert.equal(await p.getByTestId('audit-status').getAttribute('data-ok'), 'true');
  await screenshot(p, '22-timeline-and-report');

  // Pages of the PDF as images, to look at (pdftoppm ships with poppler-utils where it is installed).
  if (existsSync('/usr/bin/pdftoppm')) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdfPath, join(SCREENSHOT_DIR, '23-report-pdf')]);
    assert.ok(existsSync(join(SCREENSHOT_DIR, '23-report-pdf-1.png')) || existsSync(join(SCREENSHOT_DIR, '23-report-pdf-01.png')));
  }
});

test('nothing executed, nothing left the machine', () => {
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.pageErrors, []);
  assert.deepEqual(w.foreignRequests, []);
});
