import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunctionInfo } from '../../../shared/api';

const DUCKDB_FUNCTIONS_SQL = `
  SELECT function_name AS name, any_value(function_type) AS type,
         any_value(function_name || '(' || array_to_string(parameters, ', ') || ')') AS signature,
         any_value(COALESCE(description, '')) AS description
  FROM duckdb_functions()
  WHERE function_type IN ('scalar', 'aggregate', 'macro') AND regexp_matches(function_name, '^[a-z][a-z0-9_]*$')
  GROUP BY function_name ORDER BY function_name`;

/** Functions for editor completions: Cairn's Presto/Athena functions first, then DuckDB's own. */
export async function listFunctions(conn: DuckDBConnection, presto: FunctionInfo[] = []): Promise<FunctionInfo[]> {
  const r = await conn.runAndReadAll(DUCKDB_FUNCTIONS_SQL);
  const seen = new Set(presto.map((f) => f.name));
  const duck = r.getRowObjectsJS()
    .filter((row) => !seen.has(String(row.name)))
    .map((row) => ({ name: String(row.name), signature: String(row.signature), description: String(row.description), dialect: 'duckdb' as const }));
  return [...presto, ...duck];
}
