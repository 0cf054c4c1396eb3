// The one contract between the workbench UI and the core, as types. Every method is declared once, with its
// argument schema, in contract.ts; the types, the method list and the dispatcher's validation derive from it.
// Both transports (Electron IPC and the loopback HTTP server) and the CLI's in-process one carry exactly these.
import type { z } from 'zod';
import type { ErrorInfo } from './errors';
import { CONTRACT, type ApiEvents } from './contract';

export type { AppInfo, ExportResult, FunctionInfo, LibraryParam, LibraryQuery, RecentCase, SchemaColumn, SchemaTable } from './api-types';
export { CONTRACT, DOWNLOADS, EXPORT_FORMATS, type ApiEvents, type ExportFormat } from './contract';

type Contract = typeof CONTRACT;
export type Method = keyof Contract;
export type Args<M extends Method> = z.output<Contract[M]['args']>;
export type Result<M extends Method> = Exclude<Contract[M]['result'], undefined>;
export type Api = { [M in Method]: (a: Args<M>) => Result<M> };
export type EventName = keyof ApiEvents;

/** Every method name, for runtime lookup by the dispatcher. */
export const METHODS = Object.keys(CONTRACT) as Method[];

export type RpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface RpcEvent<E extends EventName = EventName> { event: E; payload: ApiEvents[E] }

/** What the renderer needs from a transport; Electron's preload and the loopback client both provide it. */
export interface Transport {
  invoke(method: Method, args: unknown): Promise<RpcReply>;
  onEvent(listener: (e: RpcEvent) => void): () => void;
}

export class RpcError extends Error {
  constructor(readonly info: ErrorInfo) { super(info.message); this.name = 'RpcError'; }
  get code(): ErrorInfo['code'] { return this.info.code; }
}

/** A typed client over any transport: `await client.call('query.run', { sql })`. */
export function createClient(transport: Transport) {
  return {
    async call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
      const reply = await transport.invoke(method, args);
      if (!reply.ok) throw new RpcError(reply.error);
      return reply.value as Result<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return transport.onEvent((e) => { if (e.event === event) listener(e.payload as ApiEvents[E]); });
    },
  };
}

export type Client = ReturnType<typeof createClient>;
