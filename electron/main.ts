// The desktop shell: hosts one window and forwards the contract over one IPC channel. All logic is in
// electron/core (plain Node); review this file by hand, it is the only one with Electron's powers.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { createCore, type Core } from './core/api/create-core';
import { createDispatcher } from './core/api/dispatcher';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security';

const APP_ORIGIN = 'cairn://app';
const APP_ROOT = join(__dirname, '..', '..');
const RENDERER_DIR = resolve(APP_ROOT, 'dist', 'renderer');
const RESOURCES_DIR = app.isPackaged ? join(process.resourcesPath, 'resources') : join(APP_ROOT, 'resources');

protocol.registerSchemesAsPrivileged([{ scheme: 'cairn', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let core: Core | undefined;
let win: BrowserWindow | undefined;

function serveApp(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response('not found', { status: 404 });
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
  let file = resolve(RENDERER_DIR, rel);
  if (!file.startsWith(RENDERER_DIR + sep)) return new Response('forbidden', { status: 403 });
  if (!existsSync(file)) file = join(RENDERER_DIR, 'index.html');
  return net.fetch(pathToFileURL(file).toString()).then((r) => {
    const headers = new Headers(r.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    return new Response(r.body, { status: r.status, headers });
  });
}

/**
 * The report's PDF, printed by Electron's own Chromium from the self-contained report HTML: an offscreen,
 * sandboxed window with JavaScript off that may load only that file.
 */
async function printWithElectron(htmlPath: string, pdfPath: string): Promise<void> {
  // Its own in-memory session, so this filter never replaces the app session's network block.
  const printSession = session.fromPartition('cairn-report-print', { cache: false });
  const fileUrl = pathToFileURL(htmlPath).toString();
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== fileUrl }));
  printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const printer = new BrowserWindow({ show: false, webPreferences: { session: printSession, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await printer.loadURL(fileUrl);
    const pdf = await printer.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    await writeFile(pdfPath, pdf);
  } finally {
    printer.destroy();
  }
}

/** Only our own page may call the core. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frameUrl = event.senderFrame?.url ?? '';
  return !!win && event.sender === win.webContents && frameUrl.startsWith(APP_ORIGIN + '/');
}

async function start(): Promise<void> {
  protocol.handle('cairn', serveApp);
  const ses = session.defaultSession;
  // No remote content, ever: only our protocol, devtools and in-memory blobs/data may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = /^(cairn|devtools|blob|data):/.test(details.url);
    callback({ cancel: !ok });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  core = await createCore({
    dataDir: app.getPath('userData'),
    resourcesDir: RESOURCES_DIR,
    host: 'electron',
    printPdf: printWithElectron,
    dialogs: {
      async openEvidence(folders) {
        const r = await dialog.showOpenDialog(win!, { title: folders ? 'Add evidence folders' : 'Add evidence files', properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'] });
        return r.canceled ? [] : r.filePaths;
      },
      async chooseCaseFolder() {
        const r = await dialog.showOpenDialog(win!, { title: 'Case folder', properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : r.filePaths[0] ?? null;
      },
    },
  });
  const dispatch = createDispatcher(core.handlers);
  ipcMain.handle('cairn:rpc', (event, method: unknown, args: unknown) => {
    if (!fromOurPage(event)) return { ok: false, error: { code: 'BAD_REQUEST', message: 'refused: not the Cairn window' } };
    return dispatch(method, args);
  });
  core.subscribe((e) => win?.webContents.send('cairn:event', e));

  win = new BrowserWindow({
    width: 1440, height: 900, show: false, title: 'Cairn',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => { if (!url.startsWith(APP_ORIGIN + '/')) event.preventDefault(); });
  contents.on('will-redirect', (event, url) => { if (!url.startsWith(APP_ORIGIN + '/')) event.preventDefault(); });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  void (core?.dispose() ?? Promise.resolve()).finally(() => app.quit());
});

app.whenReady().then(start).catch((e: unknown) => {
  dialog.showErrorBox('Cairn could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
