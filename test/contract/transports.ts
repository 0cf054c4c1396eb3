// The three transports the contract suite runs over, each around a real core.
import { request } from 'node:http';
import { join } from 'node:path';
import type { Method, RpcEvent, RpcReply, Transport } from '../../shared/api';
import { createCore, type CoreOptions } from '../../electron/core/api/create-core';
import { createDispatcher } from '../../electron/core/api/dispatcher';
import { inProcessTransport } from '../../electron/core/api/in-process';
import { serveLoopback } from '../../electron/loopback/serve';
import { REPO } from '../helpers/temp';
import type { TransportUnderTest } from './contract-suite';

const core = (dataDir: string, host: CoreOptions['host']) => createCore({ dataDir, resourcesDir: join(REPO, 'resources'), host });

/** What the CLI uses: the dispatcher called in this process. */
export async function inProcess(dataDir: string): Promise<TransportUnderTest> {
  const c = await core(dataDir, 'cli');
  return { transport: inProcessTransport(c), servesDownloads: false, reportPathsAsGiven: true, stop: () => c.dispose() };
}

/**
 * Electron's shape: main.ts hands the channel's (method, args) to the dispatcher, and IPC carries arguments,
 * replies and events by structured clone (so nothing but data crosses).
 */
export async function ipcShaped(dataDir: string): Promise<TransportUnderTest> {
  const c = await core(dataDir, 'electron');
  const dispatch = createDispatcher(c.handlers);
  const transport: Transport = {
    invoke: async (method, args) => structuredClone(await dispatch(method, structuredClone(args))),
    onEvent: (listener) => c.subscribe((e) => listener(structuredClone(e))),
  };
  return { transport, servesDownloads: false, reportPathsAsGiven: false, stop: () => c.dispose() };
}

/** `cairn serve`: POST /rpc and the SSE /events stream, with the bearer token. */
export async function http(dataDir: string): Promise<TransportUnderTest> {
  const c = await core(dataDir, 'loopback');
  const server = await serveLoopback(c, { rendererDir: join(dataDir, 'no-renderer') });
  const listeners = new Set<(e: RpcEvent) => void>();
  // One event stream for the transport's life, read as the browser's EventSource would.
  const events = await new Promise<import('node:http').ClientRequest>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: `/events?token=${server.token}` }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) { const e = JSON.parse(line.slice(6)) as RpcEvent; for (const l of listeners) l(e); }
        }
      });
      resolve(req);
    });
    req.on('error', reject);
    req.end();
  });
  const transport: Transport = {
    async invoke(method: Method, args: unknown): Promise<RpcReply> {
      const res = await fetch(`http://127.0.0.1:${server.port}/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify({ method, args }) });
      return (await res.json()) as RpcReply;
    },
    onEvent(listener) { listeners.add(listener); return () => { listeners.delete(listener); }; },
  };
  return { transport, servesDownloads: true, reportPathsAsGiven: false, async stop() { events.destroy(); await server.close(); await c.dispose(); } };
}
