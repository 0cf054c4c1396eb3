import type { SavedQueryTabs } from '../../../../shared/workspace';
import type { MetaStore } from './meta';

/** Working state, not evidence: saved in meta without an audit entry; a value that does not read is ignored. */
const KEY = 'workspace.query_tabs';

/** The query tabs left open in this case, so a reload or a case switch finds them again (decision 0068). */
export function readQueryTabs(meta: Pick<MetaStore, 'get'>): SavedQueryTabs | null {
  const text = meta.get(KEY);
  if (!text) return null;
  try {
    const v = JSON.parse(text) as SavedQueryTabs;
    if (!Array.isArray(v.tabs) || v.tabs.length === 0 || typeof v.active !== 'number') return null;
    const tabs = v.tabs.filter((t) => typeof t?.title === 'string' && typeof t.sql === 'string' && t.params !== null && typeof t.params === 'object')
      .map((t) => ({ title: t.title, sql: t.sql, params: Object.fromEntries(Object.entries(t.params).filter(([, x]) => typeof x === 'string')) }));
    return tabs.length === 0 ? null : { tabs, active: Math.max(0, Math.min(tabs.length - 1, Math.floor(v.active))) };
  } catch {
    return null;
  }
}

export function writeQueryTabs(meta: Pick<MetaStore, 'set'>, tabs: SavedQueryTabs): void {
  meta.set(KEY, JSON.stringify(tabs));
}
