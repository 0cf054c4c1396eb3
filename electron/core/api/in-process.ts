import { createClient, type Client, type Transport } from '../../../shared/api';
import type { Core } from './create-core';
import { createDispatcher } from './dispatcher';

/**
 * The third transport: the contract called from this process (the `cairn` command). It goes through the same
 * dispatcher as IPC and HTTP (lookup, argument validation, errors as values), so every rule lives behind one door.
 */
export function inProcessTransport(core: Core): Transport {
  const dispatch = createDispatcher(core.handlers);
  return { invoke: (method, args) => dispatch(method, args), onEvent: (listener) => core.subscribe(listener) };
}

export function inProcessClient(core: Core): Client { return createClient(inProcessTransport(core)); }
