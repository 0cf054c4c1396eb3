// Query tabs as plain data, with pure updates. The query store wires them to the API.
import type { ErrorInfo } from '../../shared/errors';
import type { ResultView } from './result-view';

export interface QueryTab {
  id: string;
  title: string;
  sql: string;
  params: Record<string, string>;
  running: boolean;
  /** The first page arrived but the engine is still reading the rest (to count it). */
  counting: boolean;
  cancelRequested: boolean;
  /** The id this tab gave its running query, so Cancel works before the first page arrives. */
  runQueryId: string | null;
  startedAt: number | null;
  error: ErrorInfo | null;
  /** Editor offset of the text that was run, so an engine position maps back to the editor. */
  errorBase: number | null;
  result: ResultView | null;
  lastExport: { format: 'csv' | 'json'; path: string; rows: number; bytes: number; downloadUrl?: string } | null;
}

export interface TabsState { tabs: QueryTab[]; activeId: string }

export function makeTab(id: string, title: string, sql = '', params: Record<string, string> = {}): QueryTab {
  return { id, title, sql, params, running: false, counting: false, cancelRequested: false, runQueryId: null, startedAt: null, error: null, errorBase: null, result: null, lastExport: null };
}

export function updateTab(state: TabsState, id: string, f: (t: QueryTab) => QueryTab): TabsState {
  return { ...state, tabs: state.tabs.map((t) => (t.id === id ? f(t) : t)) };
}

export function addTab(state: TabsState, tab: QueryTab): TabsState {
  return { tabs: [...state.tabs, tab], activeId: tab.id };
}

/** Closing the active tab activates its right neighbour (or the left one); the last tab is never closed. */
export function removeTab(state: TabsState, id: string): TabsState {
  if (state.tabs.length <= 1) return state;
  const k = state.tabs.findIndex((t) => t.id === id);
  if (k === -1) return state;
  const tabs = state.tabs.filter((t) => t.id !== id);
  const activeId = state.activeId === id ? (tabs[Math.min(k, tabs.length - 1)]!.id) : state.activeId;
  return { tabs, activeId };
}

/** "Query 3" for the first free number, like editors do. */
export function nextTitle(tabs: QueryTab[]): string {
  const used = new Set(tabs.map((t) => t.title));
  let n = 1;
  while (used.has(`Query ${n}`)) n++;
  return `Query ${n}`;
}
