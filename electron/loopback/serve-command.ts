import { join } from 'node:path';
import { homedir } from 'node:os';
import { createCore } from '../core/api/create-core';
import { serveLoopback } from './serve';

export const APP_ROOT = join(__dirname, '..', '..', '..');

/** `cairn serve`: the workbench in a browser, over 127.0.0.1 only. */
export async function runServe(opts: { caseDir?: string; port?: number; dataDir?: string; out: (s: string) => void }): Promise<() => Promise<void>> {
  const core = await createCore({
    dataDir: opts.dataDir ?? process.env.CAIRN_DATA_DIR ?? join(homedir(), '.cairn'),
    resourcesDir: join(APP_ROOT, 'resources'),
    host: 'loopback',
    initialCase: opts.caseDir,
  });
  const server = await serveLoopback(core, { rendererDir: join(APP_ROOT, 'dist', 'renderer'), port: opts.port });
  opts.out(`Cairn workbench: ${server.url}\n(listening on 127.0.0.1:${server.port} only; the token in the link is required; Ctrl+C stops)\n`);
  return async () => { await server.close(); await core.dispose(); };
}
