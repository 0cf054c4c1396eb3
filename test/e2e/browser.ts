// Debian's Chromium driven by playwright-core (never a downloaded browser), and a page wrapper that records
// what an attack would leave behind: requests to other hosts, dialogs, page errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './electron-binary';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Watched {
  page: Page;
  /** Requests whose host is not the workbench server. */
  foreignRequests: string[];
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
}

export async function openWorkbench(browser: Browser, url: string, opts: { theme?: 'dark' | 'light' } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, colorScheme: opts.theme ?? 'dark' });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const w: Watched = { page, foreignRequests: [], dialogs: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) w.foreignRequests.push(u);
  });
  page.on('dialog', (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') w.consoleErrors.push(m.text()); });
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor({ state: 'attached', timeout: 60_000 });
  return w;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
