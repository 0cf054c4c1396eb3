// Histogram windows: brushing a time window replaces the tab's result by the rows of that window, made by
// DuckDB over the result's table (`timeline.window`, decision 0065); the whole result is kept open to go back
// to. Reset shows it again; a new run (or closing the tab) closes both.
import { createStore } from 'zustand/vanilla';
import type { Client } from '../../shared/api';
import type { QueryStore } from './query-store';
import { updateTab } from './query-tabs';
import { PAGE_SIZE, viewFromFirstPage, type ResultView } from './result-view';
import { toErrorInfo } from './errors';

export interface ResultWindow {
  /** The whole result the window was cut from (still open in the core). */
  parent: ResultView;
  /** The windowed result now shown in the tab. */
  queryId: string;
  column: string;
  start: string;
  end: string;
}

export interface ResultWindowsState { windows: Record<string, ResultWindow> }
export type ResultWindowsStore = ReturnType<typeof createResultWindows>;

const close = (client: Client, queryId: string | null | undefined) => { if (queryId) void client.call('query.close', { queryId }).catch(() => undefined); };

export function createResultWindows(client: Client, queries: QueryStore) {
  const store = createStore<ResultWindowsState>()(() => ({ windows: {} }));
  const setWindow = (tabId: string, w: ResultWindow | null) => {
    const windows = { ...store.getState().windows };
    if (w) windows[tabId] = w; else delete windows[tabId];
    store.setState({ windows });
  };
  const showResult = (tabId: string, view: ResultView) => queries.setState(updateTab(queries.getState(), tabId, (t) => ({ ...t, result: view, error: null })));

  /** Shows the rows of [start, end) (ISO-8601 UTC) of the tab's whole result; a window of a window narrows the whole. */
  async function apply(tabId: string, column: string, start: string, end: string): Promise<boolean> {
    const tab = queries.getState().tabs.find((t) => t.id === tabId);
    const current = store.getState().windows[tabId];
    const parent = current?.parent ?? tab?.result;
    if (!tab || !parent?.queryId || tab.running) return false;
    try {
      const page = await client.call('timeline.window', { queryId: parent.queryId, column, start, end, pageSize: PAGE_SIZE });
      const now = queries.getState().tabs.find((t) => t.id === tabId);
      // The analyst ran something else meanwhile: this window belongs to nothing.
      if (!now || now.result?.queryId !== (current?.queryId ?? parent.queryId)) { close(client, page.queryId); return false; }
      if (current) close(client, current.queryId);
      setWindow(tabId, { parent, queryId: page.queryId, column, start, end });
      showResult(tabId, viewFromFirstPage(page));
      return true;
    } catch (e) {
      queries.setState(updateTab(queries.getState(), tabId, (t) => ({ ...t, error: toErrorInfo(e), errorBase: null })));
      return false;
    }
  }

  /** Shows the whole result again. */
  function reset(tabId: string): void {
    const w = store.getState().windows[tabId];
    if (!w) return;
    setWindow(tabId, null);
    close(client, w.queryId);
    showResult(tabId, w.parent);
  }

  // A tab whose result is no longer its window's (a new run, a closed tab, a case switch) releases the whole result.
  queries.subscribe((s) => {
    for (const [tabId, w] of Object.entries(store.getState().windows)) {
      const tab = s.tabs.find((t) => t.id === tabId);
      if (tab?.result?.queryId === w.queryId) continue;
      setWindow(tabId, null);
      close(client, w.parent.queryId);
      if (tab?.result?.queryId !== w.parent.queryId) close(client, w.queryId);
    }
  });

  return Object.assign(store, { apply, reset });
}
