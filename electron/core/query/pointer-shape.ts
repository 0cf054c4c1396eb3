import type { DuckDBConnection } from '@duckdb/node-api';
import { EVIDENCE_CATALOG, SCRATCH_DB } from './analyst-instance';

/** An evidence table whose rows a statement returns whole, unchanged (decision 0054). */
export interface PointerShape {
  /** The evidence table's name as the catalog spells it. */
  table: string;
  /** The statement orders its rows itself (ORDER BY); otherwise the result takes the evidence order. */
  ordered: boolean;
}

/**
 * System functions fully qualified, so no scratch macro shadows them. Scratch is searched before evidence, so an
 * unqualified name that scratch also holds is not read as evidence.
 */
const RESOLVE_SQL = `
SELECT t.table_name,
  (SELECT count(*) FROM system.main.duckdb_columns() c WHERE c.database_name = t.database_name AND c.schema_name = 'main'
     AND c.table_name = t.table_name AND c.column_name IN ('_evidence_id', '_ordinal')) AS keys,
  (SELECT count(*) FROM system.main.duckdb_tables() s WHERE s.database_name = '${SCRATCH_DB}' AND lower(s.table_name) = lower($name))
  + (SELECT count(*) FROM system.main.duckdb_views() v WHERE v.database_name = '${SCRATCH_DB}' AND lower(v.view_name) = lower($name)) AS shadows
FROM system.main.duckdb_tables() t
WHERE t.database_name = '${EVIDENCE_CATALOG}' AND t.schema_name = 'main' AND lower(t.table_name) = lower($name)`;

interface StarNode { class?: string; relation_name?: string; exclude_list?: unknown[]; replace_list?: unknown[]; rename_list?: unknown[]; qualified_exclude_list?: unknown[]; columns?: boolean; expr?: unknown }
interface TableNode { type?: string; alias?: string; sample?: unknown; at_clause?: unknown; column_name_alias?: unknown[]; catalog_name?: string; schema_name?: string; table_name?: string }
interface SelectNode {
  type?: string; select_list?: StarNode[]; from_table?: TableNode; modifiers?: Array<{ type?: string }>; group_expressions?: unknown[];
  group_sets?: unknown[]; having?: unknown; qualify?: unknown; sample?: unknown; aggregate_handling?: string; cte_map?: { map?: unknown[] };
}

/**
 * Whether `sql` (one statement the gate admitted) is `SELECT * FROM <evidence table> [WHERE] [ORDER BY] [LIMIT/OFFSET]`,
 * judged from DuckDB's own parse tree (json_serialize_sql) and the catalog, on Cairn's internal connection.
 */
export async function pointerShape(internal: DuckDBConnection, sql: string): Promise<PointerShape | null> {
  let tree: { error?: boolean; statements?: Array<{ node?: SelectNode }> };
  try {
    const r = await internal.runAndReadAll('SELECT system.main.json_serialize_sql($sql::VARCHAR)', { sql });
    tree = JSON.parse(String(r.getRows()[0]![0])) as typeof tree;
  } catch {
    return null;
  }
  if (tree.error || tree.statements?.length !== 1) return null;
  const node = tree.statements[0]!.node;
  const from = node?.from_table;
  if (!node || node.type !== 'SELECT_NODE' || !from || !bareStar(node.select_list, from)) return null;
  if (from.type !== 'BASE_TABLE' || from.sample || from.at_clause || (from.column_name_alias?.length ?? 0) > 0 || !from.table_name) return null;
  if ((node.group_expressions?.length ?? 0) > 0 || (node.group_sets?.length ?? 0) > 0 || node.having || node.qualify || node.sample) return null;
  if (node.aggregate_handling !== 'STANDARD_HANDLING' || (node.cte_map?.map?.length ?? 0) > 0) return null;
  const mods = (node.modifiers ?? []).map((m) => m.type);
  if (mods.some((m) => m !== 'ORDER_MODIFIER' && m !== 'LIMIT_MODIFIER')) return null;
  const qualified = from.catalog_name !== '' && from.catalog_name !== undefined;
  if (qualified ? from.catalog_name!.toLowerCase() !== EVIDENCE_CATALOG || !['', 'main'].includes(from.schema_name ?? '') : from.schema_name !== '') return null;
  const rows = (await internal.runAndReadAll(RESOLVE_SQL, { name: from.table_name })).getRows();
  if (rows.length !== 1) return null;
  const [table, keys, shadows] = rows[0]!;
  if (Number(keys) !== 2 || (!qualified && Number(shadows) > 0)) return null;
  return { table: String(table), ordered: mods.includes('ORDER_MODIFIER') };
}

/** One plain `*` (or `alias.*`): no EXCLUDE, REPLACE, RENAME or COLUMNS(), so the result's columns are the table's. */
function bareStar(list: StarNode[] | undefined, from: TableNode): boolean {
  if (list?.length !== 1) return false;
  const s = list[0]!;
  if (s.class !== 'STAR' || s.columns || s.expr) return false;
  if ([s.exclude_list, s.replace_list, s.rename_list, s.qualified_exclude_list].some((l) => (l?.length ?? 0) > 0)) return false;
  const rel = (s.relation_name ?? '').toLowerCase();
  return rel === '' || rel === (from.alias || from.table_name || '').toLowerCase();
}
