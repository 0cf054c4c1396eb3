// The renderer's stores over a real core: an in-memory Transport that calls the real dispatcher and carries
// replies and events through JSON, exactly as the loopback wire does (BigInts become numbers/strings there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type RpcEvent, type Transport } from '../../shared/api';
import { jsonReplacer } from '../../shared/csv';
import { createCore, type Core } from '../../electron/core/api/create-core';
import { createDispatcher } from '../../electron/core/api/dispatcher';
import { REPO } from './temp';

export interface StoreHarness { core: Core; client: ReturnType<typeof createClient>; root: string; calls: string[]; stop(): Promise<void> }

export async function startStoreHarness(): Promise<StoreHarness> {
  // Not helpers/tempDir: its after() hook, registered from inside a before() hook, fires too early.
  const root = mkdtempSync(join(tmpdir(), 'cairn-stores-'));
  const core = await createCore({ dataDir: join(root, 'data'), resourcesDir: join(REPO, 'resources'), host: 'loopback' });
  const dispatch = createDispatcher(core.handlers);
  const calls: string[] = [];
  const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v, jsonReplacer)) as T;
  const transport: Transport = {
    async invoke(method, args) { calls.push(method); return wire(await dispatch(method, wire(args))); },
    onEvent(listener) { return core.subscribe((e: RpcEvent) => listener(wire(e))); },
  };
  return { core, client: createClient(transport), root, calls, async stop() { await core.dispose(); rmSync(root, { recursive: true, force: true }); } };
}

/** Resolves when the store's state satisfies `ok` (stores update asynchronously from events). */
export function until<S>(store: { getState(): S; subscribe(l: (s: S) => void): () => void }, ok: (s: S) => boolean, ms = 60_000): Promise<S> {
  return new Promise((resolve, reject) => {
    if (ok(store.getState())) { resolve(store.getState()); return; }
    const timer = setTimeout(() => { unsub(); reject(new Error(`timed out waiting for store state: ${JSON.stringify(store.getState()).slice(0, 400)}`)); }, ms);
    const unsub = store.subscribe((s) => { if (ok(s)) { clearTimeout(timer); unsub(); resolve(s); } });
  });
}
