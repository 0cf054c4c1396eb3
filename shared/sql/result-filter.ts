// "Filter in / filter out" from the field summary: the query that made a result, wrapped so that only rows
// whose column has (or has not) a value remain. The value is compared as text, the form the field summary
// counted it in (valueExpression), so the filter keeps exactly the rows the count said.
import { splitStatements } from './split-statements';

export interface ValueFilter {
  column: string;
  /** The column's DuckDB type, as the result reports it. */
  type: string;
  /** The value as text; null filters on NULL. */
  value: string | null;
  /** true: keep the rows whose value differs (NULLs included, as Kibana's "filter out" does). */
  exclude: boolean;
}

/** First line of a filtered query; a further filter on such a query is added to its WHERE. */
export const FILTER_MARK = '-- Filtered from the field summary';

export function quoteIdent(name: string): string { return `"${name.replace(/"/g, '""')}"`; }
export function quoteLiteral(text: string): string { return `'${text.replace(/'/g, "''")}'`; }

/** The column as text: VARCHAR as it is, anything else through DuckDB's cast (field-summary.ts counts this). */
export function valueExpression(column: string, type: string): string {
  return type === 'VARCHAR' ? quoteIdent(column) : `CAST(${quoteIdent(column)} AS VARCHAR)`;
}

export function filterCondition(f: ValueFilter): string {
  const e = valueExpression(f.column, f.type);
  if (f.value === null) return `${e} IS ${f.exclude ? 'NOT ' : ''}NULL`;
  // Not IS DISTINCT FROM: the statement gate reads `FROM '<text>'` as a file path.
  return f.exclude ? `(${e} <> ${quoteLiteral(f.value)} OR ${e} IS NULL)` : `${e} = ${quoteLiteral(f.value)}`;
}

/** The last statement of `sql` (the one whose result is shown), filtered; earlier statements already ran. */
export function filteredSql(sql: string, f: ValueFilter): string {
  const last = splitStatements(sql).at(-1)?.text ?? sql.trim();
  if (last.startsWith(FILTER_MARK)) return `${last}\n  AND ${filterCondition(f)}`;
  return `${FILTER_MARK}\nSELECT * FROM (\n${last}\n) AS filtered\nWHERE ${filterCondition(f)}`;
}
