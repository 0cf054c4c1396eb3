// Starts a real core (real DuckDB, real SQLite) behind the real loopback server, and speaks raw HTTP to it
// so tests can send what a browser never would (forged Host headers, unnormalised paths).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/api/create-core';
import { serveLoopback, type LoopbackServer } from '../../electron/loopback/serve';

import { REPO as REPO_ROOT } from './temp';
export { REPO_ROOT };

export interface Harness {
  root: string;
  caseDir: string;
  rendererDir: string;
  core: Core;
  server: LoopbackServer;
  stop(): Promise<void>;
}

export const INDEX_HTML = '<!doctype html><html><head><title>test renderer</title></head><body><div id="root"></div></body></html>';
export const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

/** A temp tree: renderer/ (what may be served), secret files beside it (what must never be). */
export async function startHarness(): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'cairn-loopback-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  // A sibling whose name starts with the renderer folder's name: a naive prefix check would let it through.
  mkdirSync(join(root, 'renderer-evil'));
  writeFileSync(join(root, 'renderer-evil', 'secret.txt'), SECRET);
  const caseDir = join(root, 'case');
  const core = await createCore({ dataDir: join(root, 'data'), resourcesDir: join(REPO_ROOT, 'resources'), host: 'loopback', initialCase: caseDir });
  const server = await serveLoopback(core, { rendererDir });
  return {
    root, caseDir, rendererDir, core, server,
    async stop() { await server.close(); await core.dispose(); rmSync(root, { recursive: true, force: true }); },
  };
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One HTTP request with exactly the path and headers given (no normalisation, no default Host). */
export function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${port}`, ...opts.headers };
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers, setHost: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`request ${opts.path} timed out`)));
    req.end(opts.body);
  });
}

/** A JSON-RPC call with the right token and Host, as the workbench makes it. */
export async function rpc(h: Harness, method: unknown, args?: unknown, extraHeaders: Record<string, string> = {}): Promise<RawResponse & { json: any }> {
  const r = await raw(h.server.port, {
    method: 'POST', path: '/rpc', body: JSON.stringify({ method, args }),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.server.token}`, ...extraHeaders },
  });
  let json: unknown;
  try { json = JSON.parse(r.body); } catch { json = undefined; }
  return { ...r, json };
}
