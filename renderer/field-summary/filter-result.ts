// Filter the shown result in or out by a value: the query that made it, wrapped (shared/sql/result-filter.ts),
// run in a new tab, so the editor shows exactly what ran and the unfiltered result stays one tab away.
import { filteredSql, type ValueFilter } from '../../shared/sql/result-filter';
import type { Stores } from '../stores/context';

export async function filterResult(stores: Stores, tabId: string, queryId: string, f: ValueFilter): Promise<void> {
  const { queries } = stores;
  const source = await stores.client.call('result.source', { queryId });
  const sql = filteredSql(source.sql, f);
  const title = queries.getState().tabs.find((t) => t.id === tabId)?.title.replace(/ \(filtered\)$/, '') ?? 'Query';
  const id = queries.getState().newTab({ sql: `${sql}\n`, params: source.params, title: `${title} (filtered)` });
  await queries.getState().run(id, { sql, params: source.params, base: 0 });
}
