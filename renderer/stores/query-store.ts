// Query tabs, their results and the case's query history, over the API client. zustand/vanilla: no DOM.
import { createStore } from 'zustand/vanilla';
import type { Client } from '../../shared/api';
import { splitStatements } from '../../shared/sql/split-statements';
import type { QueryHistoryEntry } from '../../shared/types';
import { toErrorInfo } from './errors';
import { addTab, makeTab, nextTitle, removeTab, updateTab, type QueryTab, type TabsState } from './query-tabs';
import { PAGE_SIZE, mergePage, missingPages, nextSort, viewFromFirstPage, withSort } from './result-view';

export interface QueryState extends TabsState {
  history: QueryHistoryEntry[];
  /** Text the history list is filtered by (its SQL or parameter values contain it); '' for all. */
  historySearch: string;
}

export interface RunRequest {
  sql: string;
  params?: Record<string, string>;
  /** Offset of `sql` inside the tab's editor text (for error markers). */
  base?: number;
}

export interface QueryActions {
  newTab(opts?: { sql?: string; title?: string; params?: Record<string, string> }): string;
  closeTab(id: string): void;
  activate(id: string): void;
  setSql(id: string, sql: string): void;
  setParams(id: string, params: Record<string, string>): void;
  run(id: string, req: RunRequest): Promise<void>;
  cancel(id: string): Promise<void>;
  ensureRows(id: string, start: number, end: number): Promise<void>;
  sortBy(id: string, column: string): Promise<void>;
  exportResult(id: string, format: 'csv' | 'json'): Promise<void>;
  loadHistory(): Promise<void>;
  searchHistory(text: string): Promise<void>;
  reset(): void;
}

export type QueryStore = ReturnType<typeof createQueryStore>;

export function createQueryStore(client: Client, now: () => number = Date.now) {
  let seq = 0;
  const newId = (): string => `tab-${++seq}`;
  const inflight = new Set<string>();     // `${tabId}:${generation}:${page}` being fetched
  const first = makeTab(newId(), 'Query 1');

  return createStore<QueryState & QueryActions>()((set, get) => {
    const patch = (id: string, f: (t: QueryTab) => QueryTab): void => set(updateTab(get(), id, f));
    const tab = (id: string): QueryTab | undefined => get().tabs.find((t) => t.id === id);
    const closeResult = (queryId: string | null | undefined): void => {
      if (queryId) void client.call('query.close', { queryId }).catch(() => undefined);
    };

    /** Reads the rest of a result in the background so the grid knows the final row count. */
    async function count(id: string, queryId: string): Promise<void> {
      try {
        const page = await client.call('query.complete', { queryId });
        patch(id, (t) => (t.result?.queryId !== queryId ? t : { ...t, running: false, counting: false, result: { ...t.result, rowCount: page.rowCount, done: page.done, elapsedMs: page.elapsedMs } }));
      } catch (e) {
        patch(id, (t) => (t.result?.queryId !== queryId ? t : { ...t, running: false, counting: false, error: toErrorInfo(e), result: { ...t.result, done: true } }));
      }
    }

    return {
      tabs: [first],
      activeId: first.id,
      history: [],
      historySearch: '',
      newTab(opts = {}) {
        const t = makeTab(newId(), opts.title ?? nextTitle(get().tabs), opts.sql ?? '', opts.params ?? {});
        set(addTab(get(), t));
        return t.id;
      },
      closeTab(id) {
        const t = tab(id);
        if (!t || get().tabs.length <= 1) return;
        const running = t.runQueryId ?? t.result?.queryId;
        if (t.running && running) void client.call('query.cancel', { queryId: running }).catch(() => undefined);
        closeResult(t.result?.queryId);
        set(removeTab(get(), id));
      },
      activate(id) { if (tab(id)) set({ activeId: id }); },
      setSql(id, sql) { patch(id, (t) => ({ ...t, sql })); },
      setParams(id, params) { patch(id, (t) => ({ ...t, params })); },

      async run(id, req) {
        const before = tab(id);
        if (!before || before.running) return;
        if (splitStatements(req.sql).length === 0) {
          patch(id, (t) => ({ ...t, error: { code: 'BAD_REQUEST', message: 'nothing to run: the editor holds no SQL statement' }, errorBase: null }));
          return;
        }
        closeResult(before.result?.queryId);
        const queryId = globalThis.crypto.randomUUID();
        patch(id, (t) => ({ ...t, running: true, counting: false, cancelRequested: false, runQueryId: queryId, startedAt: now(), error: null, errorBase: req.base ?? 0, result: null, lastExport: null }));
        try {
          const page = await client.call('query.run', { sql: req.sql, params: req.params, pageSize: PAGE_SIZE, queryId });
          const view = viewFromFirstPage(page);
          patch(id, (t) => ({ ...t, result: view, running: !page.done, counting: !page.done }));
          if (!page.done) void count(id, page.queryId);
        } catch (e) {
          patch(id, (t) => ({ ...t, running: false, counting: false, runQueryId: null, error: toErrorInfo(e) }));
        }
        void get().loadHistory();
      },

      async cancel(id) {
        const t = tab(id);
        if (!t?.running) return;
        patch(id, (x) => ({ ...x, cancelRequested: true }));
        const queryId = t.runQueryId ?? t.result?.queryId;
        if (queryId) await client.call('query.cancel', { queryId }).catch((e: unknown) => patch(id, (x) => ({ ...x, error: toErrorInfo(e) })));
      },

      async ensureRows(id, start, end) {
        const t = tab(id);
        const view = t?.result;
        if (!view?.queryId || view.columns.length === 0) return;
        const queryId = view.queryId;
        const gen = view.generation;
        const wanted = missingPages(view, start, end).filter((p) => !inflight.has(`${id}:${queryId}:${gen}:${p}`));
        await Promise.all(wanted.map(async (p) => {
          const key = `${id}:${queryId}:${gen}:${p}`;
          inflight.add(key);
          try {
            const page = await client.call('query.page', { queryId, offset: p * view.pageSize, limit: view.pageSize, sort: view.sort ?? undefined });
            patch(id, (x) => (x.result?.queryId !== queryId || x.result.generation !== gen ? x : { ...x, result: mergePage(x.result, p, page) }));
          } catch (e) {
            patch(id, (x) => (x.result?.queryId !== queryId ? x : { ...x, error: toErrorInfo(e) }));
          } finally {
            inflight.delete(key);
          }
        }));
      },

      async sortBy(id, column) {
        const view = tab(id)?.result;
        if (!view?.queryId) return;
        patch(id, (t) => (t.result ? { ...t, error: null, result: withSort(t.result, nextSort(t.result.sort, column)) } : t));
        await get().ensureRows(id, 0, PAGE_SIZE);
      },

      async exportResult(id, format) {
        const queryId = tab(id)?.result?.queryId;
        if (!queryId) return;
        try {
          const r = await client.call('query.export', { queryId, format });
          patch(id, (t) => ({ ...t, lastExport: { format, ...r } }));
        } catch (e) {
          patch(id, (t) => ({ ...t, error: toErrorInfo(e), errorBase: null }));
        }
      },

      async loadHistory() {
        const search = get().historySearch;
        try {
          const history = await client.call('query.history', { limit: 200, ...(search ? { search } : {}) });
          if (get().historySearch === search) set({ history });
        } catch { /* no case open: keep the old list */ }
      },

      async searchHistory(text) {
        set({ historySearch: text });
        await get().loadHistory();
      },

      reset() {
        for (const t of get().tabs) closeResult(t.result?.queryId);
        const t = makeTab(newId(), 'Query 1');
        set({ tabs: [t], activeId: t.id, history: [], historySearch: '' });
      },
    };
  });
}
