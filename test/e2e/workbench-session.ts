// One workbench session per test file: `cairn serve` with a private data dir, Chromium, the page opened;
// all of it torn down after, and a server that does not stop cleanly fails the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openWorkbench, type Watched } from './browser';
import { startServe, type ServeProcess } from './serve-process';

export interface WorkbenchSession { root: string; serve: ServeProcess; browser: Browser; w: Watched }

/** Registers before/after hooks; `ready` receives the session once it is up. */
export function useWorkbenchSession(prefix: string, ready: (s: WorkbenchSession) => void): void {
  const s = {} as WorkbenchSession;
  before(async () => {
    s.root = mkdtempSync(join(tmpdir(), prefix));
    s.serve = await startServe({ dataDir: join(s.root, 'data') });
    s.browser = await launchChromium();
    s.w = await openWorkbench(s.browser, s.serve.url);
    ready(s);
  });
  after(async () => {
    await s.browser?.close();
    const code = await s.serve?.stop();
    rmSync(s.root, { recursive: true, force: true });
    assert.equal(code, 0, `cairn serve did not stop cleanly:\n${s.serve?.output()}`);
  });
}
