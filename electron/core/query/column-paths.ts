import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryColumn } from '../../../shared/types';
import { serializeSql } from '../dialect/parse-tree';

// DuckDB names `SELECT useridentity.arn` after the last field (`arn`); the grid's header should say which field
// it is. The name stays DuckDB's (the SQL, sorting and exports use it); the path is a label.

interface Node { type?: string; select_list?: Item[]; from_table?: TableRef; left?: Node }
interface Item { class?: string; alias?: string; column_names?: string[] }
interface TableRef { type?: string; alias?: string; table_name?: string; left?: TableRef; right?: TableRef }

/** Sets `path` on the result columns picked by a struct path without an alias; leaves the rest alone. */
export async function labelColumnPaths(conn: DuckDBConnection, sql: string, columns: QueryColumn[]): Promise<void> {
  if (!/[A-Za-z0-9_"]\s*\.\s*[A-Za-z_"]/.test(sql)) return;
  let tree;
  try { tree = await serializeSql(conn, sql); } catch { return; }
  if (tree.error || tree.statements.length !== 1) return;
  let node = tree.statements[0]!.node as Node;
  while (node.type === 'SET_OPERATION_NODE' && node.left) node = node.left;
  if (node.type !== 'SELECT_NODE' || !node.select_list) return;
  const tables = new Set<string>();
  collectTables(node.from_table, tables);
  const list = node.select_list;
  const firstStar = list.findIndex((i) => i.class === 'STAR');
  // Items before the first star have known positions; so do items after the last one, counted from the end.
  const lastStar = list.length - 1 - [...list].reverse().findIndex((i) => i.class === 'STAR');
  list.forEach((item, i) => {
    const at = firstStar < 0 || i < firstStar ? i : i > lastStar ? columns.length - (list.length - i) : -1;
    const path = itemPath(item, tables);
    if (path && columns[at]) columns[at].path = path;
  });
}

function itemPath(item: Item, tables: Set<string>): string | null {
  if (item.class !== 'COLUMN_REF' || item.alias || !item.column_names) return null;
  const parts = item.column_names.length > 1 && tables.has(item.column_names[0]!.toLowerCase()) ? item.column_names.slice(1) : item.column_names;
  return parts.length > 1 ? parts.join('.') : null;
}

/** Names a column reference may start with to name a table: aliases and table names in FROM and its joins. */
function collectTables(ref: TableRef | undefined, out: Set<string>): void {
  if (!ref) return;
  if (ref.alias) out.add(ref.alias.toLowerCase());
  if (ref.type === 'BASE_TABLE' && ref.table_name) out.add(ref.table_name.toLowerCase());
  collectTables(ref.left, out);
  collectTables(ref.right, out);
}
