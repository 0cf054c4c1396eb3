// One core call tied to a component: re-run when its key changes, stale answers ignored. (.tsx: a React hook,
// kept out of the Node build, whose tsconfig has no DOM types.)
import { useEffect, useState } from 'react';

export type Call<T> = { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

export function useCall<T>(key: string | null, call: () => Promise<T>): Call<T> {
  const [out, setOut] = useState<{ key: string | null; call: Call<T> }>({ key: null, call: { state: 'idle' } });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setOut({ key, call: { state: 'loading' } });
    call().then((value) => { if (live) setOut({ key, call: { state: 'done', value } }); },
      (e: unknown) => { if (live) setOut({ key, call: { state: 'error', message: e instanceof Error ? e.message : String(e) } }); });
    return () => { live = false; };
    // The key says when to call again; `call` is a fresh closure each render.
  }, [key]);
  if (key === null) return { state: 'idle' };
  return out.key === key ? out.call : { state: 'loading' };
}
