// Filter the shown result in or out by a value: the query that made it, wrapped (shared/sql/result-filter.ts).
// A tab that already holds a filtered query is filtered further in place; otherwise a new tab keeps the original.
import { FILTER_MARK, filteredSql, type ValueFilter } from '../../shared/sql/result-filter';
import type { Stores } from '../stores/context';

export async function filterResult(stores: Stores, tabId: string, queryId: string, f: ValueFilter): Promise<void> {
  const { queries } = stores;
  const source = await stores.client.call('result.source', { queryId });
  const sql = filteredSql(source.sql, f);
  const tab = queries.getState().tabs.find((t) => t.id === tabId);
  let id = tabId;
  if (tab && tab.sql.trimStart().startsWith(FILTER_MARK)) queries.getState().setSql(tabId, sql);
  else id = queries.getState().newTab({ sql, params: source.params, title: `${tab?.title ?? 'Query'} (filtered)` });
  await queries.getState().run(id, { sql, params: source.params, base: 0 });
}
