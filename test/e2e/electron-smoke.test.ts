// The desktop shell, driven by Playwright's _electron where the Electron binary exists; reported as skipped
// (with the reason) where it does not. Checks what only a running shell can show: the window, the isolated
// page (no Node, exactly two bridge functions), denied popups and navigation, and the IPC channel.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron, type ElectronApplication } from 'playwright-core';
import { findElectronBinary, REPO_ROOT } from './electron-binary';

test('Electron shell smoke test', { timeout: 120_000 }, async (t) => {
  const binary = findElectronBinary();
  if ('missing' in binary) { t.skip(binary.missing); return; }
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) assert.fail('dist/renderer is not built: run npm run build');
  const userData = mkdtempSync(join(tmpdir(), 'cairn-electron-'));
  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({
      executablePath: binary.path,
      args: [REPO_ROOT, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    const win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');

    await t.test('one window, titled Cairn, served from cairn://app', async () => {
      assert.equal(app!.windows().length, 1);
      assert.match(await win.title(), /Cairn/);
      assert.match(win.url(), /^cairn:\/\/app\//);
    });

    await t.test('the window is isolated: sandbox, context isolation, no Node integration', async () => {
      const prefs = await app!.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        // getLastWebPreferences is not in every Electron's typings; null means "cannot tell from here".
        const p = (w.webContents as any).getLastWebPreferences?.();
        if (!p) return null;
        return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag, webSecurity: p.webSecurity };
      });
      if (prefs) assert.deepEqual(prefs, { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
      const page = await win.evaluate(() => ({
        require: typeof (globalThis as any).require, process: typeof (globalThis as any).process, module: typeof (globalThis as any).module,
        bridge: Object.keys((globalThis as any).cairn ?? {}).sort(),
        invokeIsFunction: typeof (globalThis as any).cairn?.invoke === 'function',
        onEventIsFunction: typeof (globalThis as any).cairn?.onEvent === 'function',
      }));
      assert.deepEqual(page, { require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['invoke', 'onEvent'], invokeIsFunction: true, onEventIsFunction: true });
    });

    await t.test('window.open is denied', async () => {
      const opened = await win.evaluate(() => (globalThis as any).open('https://example.com/', '_blank') === null);
      assert.equal(opened, true);
      assert.equal(app!.windows().length, 1);
    });

    await t.test('navigation away from cairn://app is denied', async () => {
      const before = win.url();
      await win.evaluate(() => { (globalThis as any).location.href = 'https://example.com/'; });
      // The shell cancels in will-navigate, so no navigation commits; a committed one would show here.
      const navigated = await win.waitForEvent('framenavigated', { timeout: 3000 }).then(() => true, () => false);
      assert.equal(navigated && !win.url().startsWith('cairn://app/'), false, `navigated to ${win.url()}`);
      assert.equal(win.url(), before);
    });

    await t.test('the IPC channel carries the contract and rejects unknown methods', async () => {
      const replies = await win.evaluate(async () => {
        const cairn = (globalThis as any).cairn;
        return [await cairn.invoke('app.info', {}), await cairn.invoke('shell.exec', {}), await cairn.invoke('case.open', { dir: 42 })];
      });
      assert.equal(replies[0].ok, true);
      assert.equal(replies[0].value.host, 'electron');
      assert.equal(replies[0].value.nativeDialogs, true);
      assert.equal(replies[1].error.code, 'BAD_REQUEST');
      assert.equal(replies[2].error.code, 'BAD_REQUEST');
    });

    await t.test('no request leaves the app (remote fetch is cancelled)', async () => {
      const result = await win.evaluate(() => fetch('https://example.com/').then(() => 'fetched', (e: Error) => `refused: ${e.message}`));
      assert.match(result, /^refused/);
    });
  } finally {
    await app?.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
  }
});
