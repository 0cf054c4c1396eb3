// What an analyst does in the workbench, as Playwright steps on the test ids the renderer exposes. Every
// wait is for an app signal (an element, an attribute, a response), never a fixed sleep.
import type { Locator, Page } from 'playwright-core';

const LONG = 120_000;

export async function createCase(page: Page, c: { name: string; examiner: string; dir: string }): Promise<void> {
  await page.getByTestId('start-screen').waitFor();
  await page.getByTestId('case-create-name').fill(c.name);
  await page.getByTestId('case-create-examiner').fill(c.examiner);
  await page.getByTestId('case-create-dir').fill(c.dir);
  await page.getByTestId('case-create-submit').click();
  await page.getByTestId('status-case').filter({ hasText: c.name }).waitFor({ timeout: LONG });
  // A new case opens on Evidence once its creation returns: wait for that, or a test's next click races the switch.
  await page.locator('[data-testid="nav-evidence"][aria-pressed="true"]').waitFor({ timeout: LONG });
}

/** Types paths into the evidence box, imports, and waits for this run's card to leave the running state. */
export async function importPaths(page: Page, paths: string[]): Promise<Locator> {
  await page.getByTestId('nav-evidence').click();
  const before = await page.getByTestId('import-progress').count();
  await page.getByTestId('evidence-add-path').fill(paths.join('\n'));
  await page.getByTestId('evidence-add-submit').click();
  // Runs are listed newest first; this one is done when one more card has left the running state.
  await waitForCount(page.locator('[data-testid="import-progress"]:not([data-state="running"])'), before + 1);
  return page.getByTestId('import-progress').first();
}

async function waitForCount(l: Locator, n: number): Promise<void> {
  await l.nth(n - 1).waitFor({ timeout: LONG });
}

/** Opens a fresh query tab, puts the SQL in Monaco and runs it. Returns when the tab has a result or an error. */
export async function runSql(page: Page, sql: string, opts: { wait?: 'done' | 'started' } = {}): Promise<void> {
  await showQueryWorkspace(page);
  await page.getByTestId('new-tab').click();
  await typeSql(page, sql);
  await page.getByTestId('run-query').click();
  if (opts.wait === 'started') { await page.getByTestId('cancel-query').waitFor(); return; }
  await waitForResult(page);
}

export async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('[data-testid="editor"] .monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText: no per-key events, so Monaco's auto-closing quotes and suggestions cannot alter the SQL.
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Escape');
}

export async function waitForResult(page: Page, timeout = LONG): Promise<void> {
  await page.locator('[data-testid="row-count"][data-done="true"], [data-testid="query-error"]').first().waitFor({ timeout });
  await page.getByTestId('run-query').waitFor({ timeout });
}

export async function showQueryWorkspace(page: Page): Promise<void> {
  if (await page.getByTestId('editor-area').isVisible()) return;
  await page.getByTestId('nav-schema').click();
  await page.getByTestId('editor-area').waitFor();
}

/** The visible grid as text, row by row (the grid is virtualised: only rows in view exist). */
/** The drawn rows' cell texts, in row order (the grid reuses row elements, so DOM order is not row order). */
export async function gridRows(page: Page): Promise<string[][]> {
  return page.getByTestId('result-row').evaluateAll((rows: any[]) =>
    rows.map((r) => ({ i: Number(r.getAttribute('data-row')), cells: Array.from<any>(r.querySelectorAll('[data-testid="result-cell"]')).map((c) => String(c.textContent ?? '')) }))
      .sort((a, b) => a.i - b.i).map((r) => r.cells));
}

export async function columnNames(page: Page): Promise<string[]> {
  // The header's title is "name · type".
  return page.getByTestId('result-column').evaluateAll((cols: any[]) => cols.map((c) => String(c.getAttribute('title') ?? '').split(' · ')[0] ?? ''));
}

/** The error shown for the active tab, or '' when there is none. */
export async function queryError(page: Page): Promise<string> {
  const e = page.getByTestId('query-error');
  return (await e.count()) > 0 ? (await e.first().textContent()) ?? '' : '';
}

/**
 * Clicks a toolbar action by its test id: the button when it is shown, else the item of its toolbar's "⋯" menu
 * (common/OverflowToolbar moves actions that do not fit the width there, keeping their test ids).
 */
export async function clickAction(page: Page, id: string, toolbar: 'results-actions' | 'editor-actions' = 'results-actions'): Promise<void> {
  const button = page.getByTestId(id);
  if (await button.count() > 0 && await button.first().isVisible()) { await button.first().click(); return; }
  await page.getByTestId(`${toolbar}-more`).click();
  await page.getByTestId(`${toolbar}-more-menu`).getByTestId(id).click();
}

