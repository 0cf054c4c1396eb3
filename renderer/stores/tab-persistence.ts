// Query tabs survive a reload and a case switch: each case keeps its tabs (title, SQL, parameters; never
// results) in its own case.sqlite through the contract (decision 0068), so they travel with the case folder and
// do not depend on the loopback server's port (a browser's localStorage is per origin).
import type { Client } from '../../shared/api';
import type { SavedQueryTabs } from '../../shared/workspace';
import type { CaseStore } from './case-store';
import type { QueryStore } from './query-store';

const SAVE_DELAY_MS = 400;

type Tabs = ReturnType<QueryStore['getState']>['tabs'];

export function savedTabs(tabs: Tabs, activeId: string): SavedQueryTabs {
  return { tabs: tabs.map((t) => ({ title: t.title, sql: t.sql, params: t.params })), active: Math.max(0, tabs.findIndex((t) => t.id === activeId)) };
}

export function persistQueryTabs(client: Client, cases: CaseStore, queries: QueryStore): void {
  /** The case whose tabs are shown and may be saved: set once its saved tabs are restored. */
  let restoredFor: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';

  const save = () => {
    timer = undefined;
    if (!restoredFor) return;
    const s = queries.getState();
    const tabs = savedTabs(s.tabs, s.activeId);
    const text = JSON.stringify(tabs);
    if (text === last) return;
    last = text;
    void client.call('workspace.saveTabs', { caseId: restoredFor, ...tabs }).catch(() => undefined);
  };

  async function restore(caseId: string): Promise<void> {
    const saved = await client.call('workspace.tabs', {}).catch(() => null);
    if (cases.getState().current?.id !== caseId) return;
    const q = queries.getState();
    const pristine = q.tabs.length === 1 && q.tabs[0]!.sql === '' && !q.tabs[0]!.result && !q.tabs[0]!.running;
    if (saved && pristine) {
      const first = q.tabs[0]!.id;
      const ids = saved.tabs.map((t) => q.newTab({ title: t.title, sql: t.sql, params: t.params }));
      queries.getState().closeTab(first);
      queries.getState().activate(ids[saved.active] ?? ids[0]!);
    }
    last = JSON.stringify(savedTabs(queries.getState().tabs, queries.getState().activeId));
    restoredFor = caseId;
  }

  cases.subscribe((s, prev) => {
    const id = s.current?.id ?? null;
    if (id === (prev.current?.id ?? null)) return;
    if (timer) { clearTimeout(timer); timer = undefined; }
    restoredFor = null;
    if (id) void restore(id);
  });
  queries.subscribe((s, prev) => {
    if (s.tabs === prev.tabs && s.activeId === prev.activeId) return;
    if (!restoredFor) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  // A reload right after typing loses at most the last SAVE_DELAY_MS: flush on the way out.
  const page = globalThis as { addEventListener?: (type: string, f: () => void) => void };
  page.addEventListener?.('pagehide', () => { if (timer) { clearTimeout(timer); save(); } });
}
