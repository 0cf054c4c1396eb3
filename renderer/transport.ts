// Picks the transport: the Electron preload's `window.cairn` when present, else the loopback server that
// `cairn serve` runs on 127.0.0.1 (POST /rpc + SSE /events, both guarded by a per-run bearer token).
import type { Method, RpcEvent, RpcReply, Transport } from '../shared/api';

declare global {
  interface Window { cairn?: Transport }
}

const TOKEN_KEY = 'cairn.token';

/** The token arrives once in the URL fragment; keep it for this tab only and take it out of the address bar. */
export function takeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createLoopbackTransport(token: string): Transport {
  const listeners = new Set<(e: RpcEvent) => void>();
  let source: EventSource | undefined;
  const connect = (): void => {
    if (source) return;
    source = new EventSource(`./events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      let event: RpcEvent;
      try { event = JSON.parse(m.data) as RpcEvent; } catch { return; }
      for (const l of listeners) l(event);
    };
  };
  return {
    async invoke(method: Method, args: unknown): Promise<RpcReply> {
      let res: Response;
      try {
        res = await fetch('./rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, args }),
        });
      } catch (e) {
        return { ok: false, error: { code: 'IO', message: `workbench server unreachable: ${(e as Error).message}` } };
      }
      if (res.status === 401) return { ok: false, error: { code: 'BAD_REQUEST', message: 'not authorised: open the URL that `cairn serve` printed (it carries the token)' } };
      try {
        return (await res.json()) as RpcReply;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `bad reply from server (HTTP ${res.status})` } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => { listeners.delete(listener); };
    },
  };
}

export function createTransport(): Transport {
  if (window.cairn) return window.cairn;
  return createLoopbackTransport(takeToken());
}
