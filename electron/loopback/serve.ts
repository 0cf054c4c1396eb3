import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { jsonReplacer } from '../../shared/csv';
import { createDispatcher } from '../core/api/dispatcher';
import type { Core } from '../core/api/create-core';
import { DOWNLOADS } from '../../shared/api';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../security';

// The workbench over HTTP on the loopback interface only, for browsers and end-to-end tests. Every API
// call and event stream needs the per-run token; the Host header must name this server (DNS rebinding).

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
};

const MAX_BODY = 8 * 1024 * 1024;

export interface LoopbackServer { url: string; port: number; token: string; close(): Promise<void> }

export async function serveLoopback(core: Core, opts: { rendererDir: string; port?: number; token?: string }): Promise<LoopbackServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBuf = Buffer.from(token);
  const dispatch = createDispatcher(core.handlers);
  const rendererDir = resolve(opts.rendererDir);
  let port = 0;
  const sockets = new Set<ServerResponse>();

  /** url: where a token in the query string is accepted too (null: the header only). */
  const authorized = (req: IncomingMessage, url: URL | null): boolean => {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : url?.searchParams.get('token') ?? '';
    const buf = Buffer.from(given);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };
  const hostOk = (req: IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostOk(req)) return send(res, 403, 'text/plain', 'forbidden host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      // Header only: a token in a URL ends up in logs and history (EventSource and downloads have no choice).
      if (!authorized(req, null)) return send(res, 401, 'text/plain', 'missing or wrong token (send it as Authorization: Bearer)');
      const origin = req.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return send(res, 403, 'text/plain', 'cross-origin request refused');
      let body: { method?: unknown; args?: unknown };
      try { body = JSON.parse(await readBody(req)) as typeof body; } catch (e) { return send(res, 400, 'text/plain', `bad request body: ${(e as Error).message}`); }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(res, 400, 'text/plain', 'bad request body: expected a JSON object {method, args}');
      const reply = await dispatch(body.method, body.args);
      if (reply.ok) addDownloadUrls(body.method, reply.value);
      return send(res, 200, 'application/json', JSON.stringify(reply, jsonReplacer));
    }
    if (url.pathname === '/events') {
      if (!authorized(req, url)) return send(res, 401, 'text/plain', 'missing or wrong token');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sockets.add(res);
      const unsubscribe = core.subscribe((e) => res.write(`data: ${JSON.stringify(e, jsonReplacer)}\n\n`));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => { clearInterval(heartbeat); unsubscribe(); sockets.delete(res); });
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      if (!authorized(req, url)) return send(res, 401, 'text/plain', 'missing or wrong token');
      const c = core.currentCase();
      // /download/NAME serves exports/NAME, /download/reports/NAME serves reports/NAME; nothing else.
      const rest = url.pathname.slice('/download/'.length);
      const folder = rest.startsWith('reports/') ? 'reports' : 'exports';
      const decoded = safeDecode(folder === 'reports' ? rest.slice('reports/'.length) : rest);
      if (decoded === null) return send(res, 400, 'text/plain', 'malformed path');
      const name = basename(decoded);
      const file = c && name && name !== '.' && name !== '..' ? join(c.dir, folder, name) : '';
      // Only regular files: a folder (exports/ itself, `..`) would make the read stream fail after the headers.
      if (!file || !isFile(file)) return send(res, 404, 'text/plain', 'no such export');
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`, 'Content-Length': statSync(file).size });
      streamFile(file, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    return serveStatic(url.pathname, res);
  }

  /** Fills the result fields the contract marks as downloads (DOWNLOADS) for files in the open case's exports/ or reports/. */
  function addDownloadUrls(method: unknown, value: unknown): void {
    const fields = typeof method === 'string' && Object.hasOwn(DOWNLOADS, method) ? DOWNLOADS[method as keyof typeof DOWNLOADS] : undefined;
    const c = core.currentCase();
    if (!fields || !c || typeof value !== 'object' || value === null) return;
    const result = value as Record<string, unknown>;
    for (const [urlField, pathField] of Object.entries(fields)) {
      const p = result[pathField];
      if (typeof p !== 'string') continue;
      const name = encodeURIComponent(basename(p));
      if (resolve(p).startsWith(join(c.dir, 'exports') + sep)) result[urlField] = `/download/${name}`;
      else if (resolve(p).startsWith(join(c.dir, 'reports') + sep)) result[urlField] = `/download/reports/${name}`;
    }
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const decoded = safeDecode(pathname);
    if (decoded === null) return send(res, 400, 'text/plain', 'malformed path');
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    let file = resolve(rendererDir, rel || 'index.html');
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 403, 'text/plain', 'forbidden');
    if (!isFile(file)) file = join(rendererDir, 'index.html');
    if (!isFile(file)) return send(res, 500, 'text/plain', `the workbench is not built (${rendererDir} is missing); run npm run build`);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    streamFile(file, res);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.end();
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

/** A stream error (file vanished, unreadable) must end this response, not crash the process. */
function streamFile(file: string, res: ServerResponse): void {
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

function isFile(file: string): boolean {
  try { return statSync(file).isFile(); } catch { return false; }
}

function safeDecode(s: string): string | null {
  try { return decodeURIComponent(s); } catch { return null; }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { rejectBody(new Error('request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rejectBody);
  });
}
