// Issue #28: the desktop shell's security settings, checked on the built main process (dist/electron/main.js)
// without an Electron binary (it cannot be downloaded here). The `electron` module is replaced by a recorder
// of what main.js asks of it; the rest is real (createCore on a temp folder, the report print path). Every
// window must have context isolation and the sandbox on and Node integration off; navigation away from the
// app and new windows are denied; no network request passes; the installer's fuses are set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/temp';

// js-yaml ships no types and we add no @types package for one call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

type Handler = (...args: any[]) => unknown;
interface Recorded {
  windows: Array<Record<string, any>>;
  appEvents: Map<string, Handler>;
  sandboxEnabled: boolean;
  privileged: unknown[];
  beforeRequest: Handler[];
  permissionRequest: Handler[];
  permissionCheck: Handler[];
  ipc: Map<string, Handler>;
  quit: boolean;
}

function fakeElectron(dataDir: string): { electron: unknown; rec: Recorded } {
  const rec: Recorded = { windows: [], appEvents: new Map(), sandboxEnabled: false, privileged: [], beforeRequest: [], permissionRequest: [], permissionCheck: [], ipc: new Map(), quit: false };
  const session = () => ({
    webRequest: { onBeforeRequest: (f: Handler) => { rec.beforeRequest.push(f); } },
    setPermissionRequestHandler: (f: Handler) => { rec.permissionRequest.push(f); },
    setPermissionCheckHandler: (f: Handler) => { rec.permissionCheck.push(f); },
  });
  class BrowserWindow {
    webContents = { send() { /* no page */ }, printToPDF: async () => Buffer.from('%PDF-1.7 recorded') };
    constructor(opts: Record<string, any>) { rec.windows.push(opts); }
    once() { /* ready-to-show never comes */ }
    async loadURL() { /* nothing loads */ }
    show() { /* headless */ }
    destroy() { /* nothing to free */ }
  }
  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => { rec.sandboxEnabled = true; },
      on: (event: string, f: Handler) => { rec.appEvents.set(event, f); },
      whenReady: () => Promise.resolve(),
      getPath: () => dataDir,
      quit: () => { rec.quit = true; },
      exit: (code: number) => { throw new Error(`app.exit(${code})`); },
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, msg: string) => { throw new Error(`${title}: ${msg}`); }, showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: { handle: (channel: string, f: Handler) => { rec.ipc.set(channel, f); } },
    net: { fetch: async () => new Response('') },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => { rec.privileged.push(...s); }, handle: () => undefined },
    session: { defaultSession: session(), fromPartition: () => session() },
  };
  return { electron, rec };
}

/** Loads dist/electron/main.js with `electron` replaced, and a spy on createCore's options (the print function). */
async function loadMain(): Promise<{ rec: Recorded; printPdf: (html: string, pdf: string) => Promise<void> }> {
  const { electron, rec } = fakeElectron(tempDir());
  const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = mod._load;
  const createCorePath = require.resolve('../../electron/core/api/create-core');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = require(createCorePath) as { createCore(opts: any): Promise<any> };
  let printPdf: ((html: string, pdf: string) => Promise<void>) | undefined;
  const realCreate = real.createCore;
  real.createCore = async (opts) => { printPdf = opts.printPdf; return realCreate(opts); };
  mod._load = function (request, parent, isMain) {
    if (request === 'electron') return electron;
    return load.call(this, request, parent, isMain);
  };
  try {
    require(join(REPO, 'dist', 'electron', 'main.js'));
    for (let i = 0; i < 200 && rec.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  } finally {
    mod._load = load;
  }
  assert.ok(printPdf, 'main.js gave createCore a PDF printer');
  return { rec, printPdf };
}

test('Electron: every window isolated and sandboxed, navigation and new windows denied, no network, fuses set', async (t) => {
  assert.ok(existsSync(join(REPO, 'dist', 'electron', 'main.js')), 'built main process');
  const { rec, printPdf } = await loadMain();
  // The report's PDF window too: print a report page through main.js's own printer.
  const dir = tempDir();
  writeFileSync(join(dir, 'r.html'), '<html><body>report</body></html>');
  await printPdf(join(dir, 'r.html'), join(dir, 'r.pdf'));
  assert.equal(readFileSync(join(dir, 'r.pdf'), 'utf8'), '%PDF-1.7 recorded');

  await t.test('every BrowserWindow: contextIsolation and sandbox on, nodeIntegration off', () => {
    assert.equal(rec.windows.length, 2, 'the workbench window and the report printer');
    for (const w of rec.windows) {
      const p = w.webPreferences ?? {};
      assert.equal(p.contextIsolation, true, JSON.stringify(p));
      assert.equal(p.sandbox, true, JSON.stringify(p));
      assert.equal(p.nodeIntegration, false, JSON.stringify(p));
      assert.notEqual(p.nodeIntegrationInWorker, true);
      assert.notEqual(p.nodeIntegrationInSubFrames, true);
      assert.notEqual(p.webSecurity, false);
      assert.notEqual(p.allowRunningInsecureContent, true);
      assert.notEqual(p.webviewTag, true);
      assert.notEqual(p.experimentalFeatures, true);
    }
    assert.equal(rec.windows[1]!.webPreferences.javascript, false, 'the report is printed with JavaScript off');
    assert.equal(rec.sandboxEnabled, true, 'app.enableSandbox() for every renderer');
  });

  await t.test('new windows, navigation away, redirects and webviews are denied in every web contents', () => {
    const created = rec.appEvents.get('web-contents-created');
    assert.ok(created, 'a web-contents-created handler');
    const on = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    created!({}, { setWindowOpenHandler: (f: Handler) => { openHandler = f; }, on: (e: string, f: Handler) => { on.set(e, f); } });
    for (const url of ['https://example.com/', 'cairn://app/index.html', 'file:///etc/passwd', 'javascript:alert(1)']) {
      assert.deepEqual(openHandler?.({ url }), { action: 'deny' }, url);
    }
    const prevented = (event: string, url: string): boolean => {
      let p = false;
      on.get(event)!({ preventDefault: () => { p = true; } }, url);
      return p;
    };
    for (const e of ['will-navigate', 'will-redirect']) {
      assert.ok(on.has(e), e);
      for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'cairn://app.evil/', 'data:text/html,x']) assert.equal(prevented(e, url), true, `${e} ${url}`);
      assert.equal(prevented(e, 'cairn://app/index.html'), false, `${e} within the app`);
    }
    let webview = false;
    on.get('will-attach-webview')!({ preventDefault: () => { webview = true; } });
    assert.equal(webview, true, 'webviews are refused');
  });

  await t.test('no request leaves the app; every permission is refused', () => {
    assert.ok(rec.beforeRequest.length >= 2, 'a request filter on the app session and the print session');
    const [appFilter] = rec.beforeRequest;
    const verdict = (url: string): boolean => { let cancel: boolean | undefined; appFilter!({ url }, (r: { cancel: boolean }) => { cancel = r.cancel; }); return cancel!; };
    for (const url of ['https://example.com/', 'http://169.254.169.254/latest/meta-data/', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'ftp://x/']) assert.equal(verdict(url), true, url);
    for (const url of ['cairn://app/index.html', 'blob:cairn://app/1', 'data:image/png;base64,AA==']) assert.equal(verdict(url), false, url);
    for (const f of rec.permissionRequest) { let granted: boolean | undefined; f({}, 'media', (g: boolean) => { granted = g; }); assert.equal(granted, false); }
    for (const f of rec.permissionCheck) assert.equal(f({}, 'clipboard-read'), false);
    assert.deepEqual(rec.privileged, [{ scheme: 'cairn', privileges: { standard: true, secure: true, supportFetchAPI: true } }], 'only the app scheme is privileged');
  });

  await t.test('only the Cairn window may call the core', async () => {
    const rpc = rec.ipc.get('cairn:rpc');
    assert.ok(rpc);
    const r = await rpc!({ sender: {}, senderFrame: { url: 'https://evil.example/' } }, 'app.info', {});
    assert.deepEqual(r, { ok: false, error: { code: 'BAD_REQUEST', message: 'refused: not the Cairn window' } });
  });

  await t.test('the installer flips the fuses: no Node runtime, no NODE_OPTIONS or --inspect, asar integrity and asar only', () => {
    const c = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
    assert.equal(c.electronFuses.runAsNode, false);
    assert.equal(c.electronFuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(c.electronFuses.enableNodeCliInspectArguments, false);
    assert.equal(c.electronFuses.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(c.electronFuses.onlyLoadAppFromAsar, true);
    assert.equal(c.electronFuses.grantFileProtocolExtraPrivileges, false);
  });

  await (rec.appEvents.get('window-all-closed')?.() as Promise<void> | undefined);
  for (let i = 0; i < 100 && !rec.quit; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(rec.quit, true, 'closing the last window disposes the core and quits');
});
