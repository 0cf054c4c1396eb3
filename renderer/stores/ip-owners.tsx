// IP owners looked up through the core (ip.lookup), cached for the session and asked for in batches: the first
// lookup loads the offline databases (seconds), so callers show a loading state and never wait on it.
import { useEffect, useState } from 'react';
import type { Client } from '../../shared/api';
import type { IpInfo } from '../../shared/types';
import { useStores } from './context';

export type IpState = IpInfo | 'loading' | 'failed';

interface Cache { known: Map<string, IpState>; waiting: Set<() => void>; pending: Set<string>; timer: ReturnType<typeof setTimeout> | null }
const caches = new WeakMap<Client, Cache>();

function cacheFor(client: Client): Cache {
  let c = caches.get(client);
  if (!c) caches.set(client, (c = { known: new Map(), waiting: new Set(), pending: new Set(), timer: null }));
  return c;
}

function request(client: Client, c: Cache, ips: string[]): void {
  for (const ip of ips) if (!c.known.has(ip)) { c.known.set(ip, 'loading'); c.pending.add(ip); }
  if (c.pending.size === 0 || c.timer !== null) return;
  c.timer = setTimeout(() => {
    c.timer = null;
    const batch = [...c.pending].slice(0, 200);
    for (const ip of batch) c.pending.delete(ip);
    const tell = () => { for (const f of [...c.waiting]) f(); };
    client.call('ip.lookup', { ips: batch }).then(
      (found) => { for (const f of found) c.known.set(f.ip, f); tell(); },
      () => { for (const ip of batch) c.known.set(ip, 'failed'); tell(); },
    );
    if (c.pending.size > 0) request(client, c, []);
  }, 30);
}

/** The owners of these addresses as far as known; re-renders as lookups answer. */
export function useIpOwners(ips: string[]): Map<string, IpState> {
  const { client } = useStores();
  const c = cacheFor(client);
  const [, bump] = useState(0);
  const key = ips.join('\n');
  useEffect(() => {
    const f = () => bump((n) => n + 1);
    c.waiting.add(f);
    request(client, c, ips);
    return () => { c.waiting.delete(f); };
  }, [client, key]);
  return new Map(ips.map((ip) => [ip, c.known.get(ip) ?? 'loading']));
}
