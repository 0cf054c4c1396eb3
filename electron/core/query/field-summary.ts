import type { FieldSummary, ValueCount } from '../../../shared/types';
import { valueExpression } from '../../../shared/sql/result-filter';
import { CairnError } from '../errors';
import type { QueryEngine } from './query-engine';

export const DEFAULT_VALUES = 10;
const MAX_VALUES = 100;

/**
 * One column's values as text (the form a filter compares: shared/sql/result-filter.ts), counted over the
 * result's table: the most frequent, the rarest, the number of distinct values (NULL counts as one) and rows.
 */
const SUMMARY_SQL = (table: string, value: string) => `
WITH g AS (SELECT ${value} AS v, count(*) AS n FROM ${table} GROUP BY ALL)
SELECT * FROM (
  SELECT 'top' AS kind, v, n, 0 AS k FROM (SELECT v, n FROM g ORDER BY n DESC, v NULLS FIRST LIMIT $limit)
  UNION ALL SELECT 'rare', v, n, 1 FROM (SELECT v, n FROM g ORDER BY n ASC, v NULLS FIRST LIMIT $limit)
  UNION ALL SELECT 'distinct', NULL, count(*), 2 FROM g
  UNION ALL SELECT 'rows', NULL, coalesce(sum(n), 0), 3 FROM g)
ORDER BY k, CASE WHEN k = 1 THEN n ELSE -n END, v NULLS FIRST`;

/** Top and rare values of one column of an open result, computed by DuckDB over the result's table. */
export async function fieldSummary(engine: QueryEngine, queryId: string, columnName: string, limit = DEFAULT_VALUES): Promise<FieldSummary> {
  const cache = engine.cache(queryId);
  if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
  const column = cache.columns.find((c) => c.name === columnName);
  if (!column) throw new CairnError('BAD_REQUEST', `no column ${columnName} in this result`);
  const k = Math.max(1, Math.min(MAX_VALUES, Math.floor(limit)));
  const rows = await cache.aggregate((table) => SUMMARY_SQL(table, valueExpression(column.name, column.type)), { limit: k });
  const pick = (kind: string): ValueCount[] => rows.filter((r) => r.kind === kind).map((r) => ({ value: r.v === null ? null : String(r.v), count: Number(r.n) }));
  const distinct = Number(rows.find((r) => r.kind === 'distinct')?.n ?? 0);
  return {
    column: column.name, rows: Number(rows.find((r) => r.kind === 'rows')?.n ?? 0), distinct,
    top: pick('top'), rare: distinct > k ? pick('rare') : [],
  };
}
