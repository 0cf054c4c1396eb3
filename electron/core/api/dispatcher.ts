import { METHODS, type Args, type Method, type Result, type RpcReply } from '../../../shared/api';
import { toErrorInfo } from '../errors';
import { validateArgs } from './validate-args';

export type Handlers = { [M in Method]: (a: Args<M>) => Promise<Result<M>> | Result<M> };

const KNOWN = new Set<string>(METHODS);

/** The only place that knows method names at run time: looks up, validates, runs, and turns errors into values. */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(method: unknown, args: unknown): Promise<RpcReply> {
    try {
      if (typeof method !== 'string' || !KNOWN.has(method)) return { ok: false, error: { code: 'BAD_REQUEST', message: `unknown method ${JSON.stringify(method)}` } };
      const m = method as Method;
      const valid = validateArgs(m, args);
      const handler = handlers[m] as (a: unknown) => Promise<unknown>;
      const value = await handler(valid);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      return { ok: false, error: toErrorInfo(e) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
