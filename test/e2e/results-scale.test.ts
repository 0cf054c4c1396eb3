// A result of a million rows in the real renderer (Chromium over `cairn serve`): it is whole when its first
// page shows (count, Histogram and exports at once, no "reading rest of result"), any row is one page away,
// and the renderer never reads more than the pages in view (decision 0050). Speed is measured in
// bench/ui-bench.ts, not here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Watched } from './browser';
import { useWorkbenchSession } from './workbench-session';
import { createCase, gridRows, runSql } from './workbench-actions';

let root: string;
let w: Watched;
const ROWS = 1_000_000;
/** Methods the page called over /rpc, with the page sizes it asked for. */
const calls: Array<{ method: string; limit?: number }> = [];

useWorkbenchSession('cairn-e2e-results-', (s) => {
  ({ root, w } = s);
  s.w.page.on('request', (r) => {
    if (!r.url().endsWith('/rpc')) return;
    const body = JSON.parse(r.postData() ?? '{}') as { method?: string; args?: { limit?: number } };
    calls.push({ method: String(body.method), limit: body.args?.limit });
  });
});

test('a million-row result is whole with its first page; the last row is one jump away', { timeout: 300_000 }, async () => {
  const p = w.page;
  await createCase(p, { name: 'IR-scale', examiner: 'E2E Analyst', dir: join(root, 'case') });
  calls.length = 0;
  await runSql(p, `SELECT range AS n, md5(range::VARCHAR) AS h FROM range(${ROWS})`);
  const count = p.getByTestId('row-count');
  assert.equal(await count.getAttribute('data-rows'), String(ROWS));
  assert.equal(await count.getAttribute('data-done'), 'true');
  assert.equal((await count.textContent())?.includes('+'), false);
  assert.equal(await p.getByText('reading rest of result').count(), 0);
  assert.equal(await p.getByTestId('toggle-histogram').isEnabled(), true);
  assert.equal(await p.getByTestId('export-csv').isEnabled(), true);

  // Ctrl+End: the last row, fetched as one page.
  await p.getByTestId('results-grid').focus();
  await p.keyboard.press('Control+End');
  await p.locator(`[data-testid="result-row"][data-row="${ROWS - 1}"] [data-testid="result-cell"]`).first().filter({ hasText: String(ROWS - 1) }).waitFor({ timeout: 60_000 });
  // A wheel turn in the middle of the result shows rows there.
  await p.keyboard.press('Control+Home');
  await p.getByTestId('results-grid').evaluate((el: any) => { el.scrollTop = el.scrollHeight / 2; });
  await p.mouse.move(600, 700);
  await p.mouse.wheel(0, 2400);
  await p.waitForFunction(() => {
    const cells: any[] = Array.from((globalThis as any).document.querySelectorAll('[data-testid="result-row"] [data-testid="result-cell"][data-col="0"]'));
    return cells.length > 5 && cells.every((c) => Number(c.textContent) > 400_000);
  }, undefined, { timeout: 60_000 });
  const rows = await gridRows(p);
  const ns = rows.map((r) => Number(r[0])).filter((n) => Number.isFinite(n));
  assert.ok(ns.every((n, k) => k === 0 || n === ns[k - 1]! + 1), 'the rows in view are consecutive');

  assert.equal(calls.filter((c) => c.method === 'query.complete').length, 0, 'the renderer never reads the whole result');
  const fetched = calls.filter((c) => c.method === 'query.page').reduce((a, c) => a + (c.limit ?? 0), 0);
  assert.ok(fetched < 20_000, `the renderer fetched only pages near the rows shown (${fetched} rows)`);
  assert.deepEqual(w.pageErrors, []);
});

/** The editor's text as Monaco shows it, line by line. */
async function editorLines(): Promise<string[]> {
  return w.page.locator('[data-testid="editor"] .view-line').evaluateAll((ls: any[]) =>
    ls.map((l) => ({ top: parseFloat(l.style.top), text: String(l.textContent ?? '').replace(/\u00a0/g, ' ') })).sort((a, b) => a.top - b.top).map((l) => l.text));
}

/** The editor's lines once they read `expected` (Monaco draws a keystroke a frame or more later), or as they are after 5 s. */
async function editorLinesSoon(expected: string[]): Promise<string[]> {
  let lines: string[] = [];
  for (const until = Date.now() + 5000; Date.now() < until; await w.page.waitForTimeout(50)) {
    lines = (await editorLines()).map((l) => l.trimEnd());
    if (JSON.stringify(lines) === JSON.stringify(expected)) break;
  }
  return lines;
}

test('Enter is a newline while suggestions show; a picked suggestion is taken; Ctrl+M lets Tab leave the editor', { timeout: 120_000 }, async () => {
  const p = w.page;
  await p.getByTestId('new-tab').click();
  const editor = p.locator('[data-testid="editor"] .monaco-editor').first();
  await editor.click();
  await p.keyboard.type('SELECT range AS n');
  await p.locator('.suggest-widget.visible').waitFor();
  await p.keyboard.press('Enter');
  await p.keyboard.type('FROM range(3)');
  await p.keyboard.press('Escape');
  assert.deepEqual(await editorLinesSoon(['SELECT range AS n', 'FROM range(3)']), ['SELECT range AS n', 'FROM range(3)']);

  // Picked with the arrow keys, Enter takes the suggestion instead.
  await p.keyboard.press('Enter');
  await p.keyboard.type('WHERE rang');
  await p.locator('.suggest-widget.visible').waitFor();
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('Enter');
  // Monaco renders the accepted suggestion on a later frame: read the line once it has changed (or after 5 s).
  let third = '';
  for (const until = Date.now() + 5_000; Date.now() < until; await p.waitForTimeout(50)) {
    third = (await editorLines())[2]!.trimEnd();
    if (third !== 'WHERE rang') break;
  }
  assert.notEqual(third, 'WHERE rang', 'the picked suggestion replaced the word');
  assert.ok(third.startsWith('WHERE rang'), third);
  assert.equal((await editorLines()).length, 3);

  // The Tab trap: Ctrl+M, then Tab moves the focus out of the editor.
  await p.keyboard.press('Escape');
  await p.keyboard.press('Control+m');
  await p.keyboard.press('Tab');
  const inEditor = await p.evaluate(() => !!(globalThis as any).document.activeElement?.closest('.monaco-editor'));
  assert.equal(inEditor, false);
  await p.keyboard.press('Control+m');
});
