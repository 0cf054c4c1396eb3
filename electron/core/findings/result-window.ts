import type { QueryPage } from '../../../shared/types';
import { CairnError } from '../errors';
import type { QueryEngine } from '../query/query-engine';
import { timeColumn } from './histogram';

/**
 * The rows of an open result whose time falls in [start, end), kept in the result's order, as a new result made
 * by DuckDB over the result's table (decision 0065). The time reading is the histogram's, so a brushed bucket
 * holds exactly the rows the chart counted in it.
 */
const WINDOW_SQL = (table: string, t: string) =>
  `SELECT * FROM ${table} WHERE ${t} >= CAST($from AS DOUBLE) AND ${t} < CAST($to AS DOUBLE) ORDER BY rowid`;

export async function windowResult(engine: QueryEngine, queryId: string, w: { column?: string; start: string; end: string; pageSize?: number }): Promise<QueryPage> {
  const cache = engine.cache(queryId);
  if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
  const { t } = timeColumn(cache.columns, w.column);
  const from = isoSeconds(w.start, 'start');
  const to = isoSeconds(w.end, 'end');
  if (!(from < to)) throw new CairnError('BAD_REQUEST', `the window's start (${w.start}) must be before its end (${w.end})`);
  return engine.derive(queryId, (table) => WINDOW_SQL(table, t), { from: String(from), to: String(to) }, w.pageSize);
}

/** ISO-8601 UTC text (with Z or an offset) as epoch seconds; anything else is refused, never guessed. */
export function isoSeconds(text: string, name: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new CairnError('BAD_REQUEST', `${name} must be an ISO-8601 time with its zone, e.g. 2024-05-01T13:00:00Z (got ${text.slice(0, 40)})`);
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new CairnError('BAD_REQUEST', `${name} is not a real time: ${text.slice(0, 40)}`);
  return ms / 1000;
}
