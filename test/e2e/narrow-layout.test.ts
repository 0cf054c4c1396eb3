// The workbench at 1024×700 (#25): every toolbar action stays reachable (inline, or in its toolbar's "⋯" menu)
// and the grid keeps its height. Reachable means: shown, inside the window and its toolbar, and the element a
// click at its centre lands on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Watched } from './browser';
import { screenshot } from './browser';
import { useWorkbenchSession } from './workbench-session';
import { createCase, runSql } from './workbench-actions';

let root: string;
let w: Watched;
useWorkbenchSession('cairn-e2e-narrow-', (s) => { ({ root, w } = s); });

const TOOLBARS: Record<string, string[]> = {
  'editor-actions': ['run-query', 'format-sql'],
  'results-actions': ['finding-make', 'finding-add-rows', 'finding-whole-result', 'toggle-histogram', 'export-csv', 'export-json', 'toggle-detail'],
};

/** Whether the element with test id `id` is on screen, inside `within`, and what a click at its centre hits. */
async function clickable(p: Page, id: string, within: string): Promise<boolean> {
  const el = p.getByTestId(id);
  if (await el.count() !== 1 || !(await el.isVisible())) return false;
  return el.evaluate((node: any, containerId: string) => {
    const d = (globalThis as any).document;
    const r = node.getBoundingClientRect();
    const c = d.querySelector(`[data-testid="${containerId}"]`)?.getBoundingClientRect();
    const win = { right: (globalThis as any).innerWidth, bottom: (globalThis as any).innerHeight };
    const inside = (b: any) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
    if (r.width < 4 || r.height < 4 || !inside({ left: 0, top: 0, ...win }) || (c && !inside(c))) return false;
    const hit = d.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === node || node.contains(hit);
  }, within);
}

/** Inline, or one click away in the toolbar's "⋯" menu. Returns where it was found. */
async function reach(p: Page, toolbar: string, id: string): Promise<'inline' | 'menu' | 'unreachable'> {
  if (await clickable(p, id, toolbar)) return 'inline';
  const more = p.getByTestId(`${toolbar}-more`);
  if (await more.count() === 0) return 'unreachable';
  await more.click();
  await p.getByTestId(`${toolbar}-more-menu`).waitFor();
  const found = await clickable(p, id, `${toolbar}-more-menu`);
  await p.keyboard.press('Escape');
  await p.getByTestId(`${toolbar}-more-menu`).waitFor({ state: 'detached' });
  return found ? 'menu' : 'unreachable';
}

test('at 1024×700 every toolbar action is reachable and the grid keeps its height', { timeout: 180_000 }, async () => {
  const p = w.page;
  await p.setViewportSize({ width: 1024, height: 700 });
  await createCase(p, { name: 'IR-narrow', examiner: 'E2E Analyst', dir: join(root, 'case') });
  await runSql(p, "SELECT range AS n, md5(range::VARCHAR) AS h, TIMESTAMP '2024-03-01' + to_seconds(range) AS t FROM range(5000)");

  const where: Record<string, string> = {};
  for (const [toolbar, ids] of Object.entries(TOOLBARS)) {
    for (const id of ids) where[id] = await reach(p, toolbar, id);
  }
  assert.deepEqual(Object.entries(where).filter(([, v]) => v === 'unreachable'), [], `unreachable: ${JSON.stringify(where)}`);
  assert.ok(Object.values(where).includes('menu'), `at this width some actions overflow into the menu: ${JSON.stringify(where)}`);
  const shell = await p.locator('[data-testid^="nav-"]').evaluateAll((els: any[]) => els.map((e) => String(e.dataset.testid)));
  assert.ok(shell.length >= 7, `activity bar: ${shell.join(', ')}`);
  for (const id of [...shell, 'theme-toggle']) assert.ok(await clickable(p, id, 'no-container'), `${id} is reachable`);

  // An action from the menu works like its button: Detail opens the row detail pane.
  const detailWhere = where['toggle-detail'];
  if (detailWhere === 'menu') {
    await p.getByTestId('results-actions-more').click();
    await p.getByTestId('toggle-detail').click();
  } else {
    await p.getByTestId('toggle-detail').click();
  }
  await p.getByRole('complementary', { name: 'Row detail' }).waitFor();

  // The header stays one line and the grid keeps a usable height.
  const header = await p.locator('.results-header').boundingBox();
  const grid = await p.getByTestId('results-grid').boundingBox();
  assert.ok(header && header.height <= 34, `results header is one line (${header?.height} px)`);
  assert.ok(grid && grid.height >= 250, `the grid keeps its height (${grid?.height} px)`);
  assert.ok(grid && grid.y + grid.height <= 700, 'the grid ends inside the window');
  assert.ok(await p.locator('[data-testid="result-row"]').count() >= 8, 'rows are shown');
  await screenshot(p, 'narrow-1024x700');

  // Many query tabs: the tabs scroll, Run stays on screen.
  for (let k = 0; k < 12; k++) await p.getByTestId('new-tab').click();
  assert.equal(await reach(p, 'editor-actions', 'run-query'), 'inline', 'Run stays inline beside many tabs');
  assert.notEqual(await reach(p, 'editor-actions', 'format-sql'), 'unreachable');
  assert.deepEqual(w.pageErrors, []);
});
