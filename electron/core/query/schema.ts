import type { DuckDBConnection } from '@duckdb/node-api';
import type { SchemaColumn, SchemaTable } from '../../../shared/api';
import { EVIDENCE_CATALOG, SCRATCH_DB } from './analyst-instance';

const COLUMNS_SQL = `
  SELECT c.database_name AS db, c.table_name AS tbl, c.column_name AS col, c.data_type AS type, c.column_index AS idx,
         COALESCE(t.kind, 'view') AS kind
  FROM duckdb_columns() c
  LEFT JOIN (SELECT database_name, table_name, 'table' AS kind FROM duckdb_tables()) t
    ON t.database_name = c.database_name AND t.table_name = c.table_name
  WHERE c.database_name IN ('${EVIDENCE_CATALOG}', '${SCRATCH_DB}') AND c.schema_name = 'main' AND NOT c.internal
  ORDER BY c.database_name, c.table_name, c.column_index`;

/** Tables and views analysts can query, with columns and nested struct fields, for the browser and completions. */
export async function describeSchema(conn: DuckDBConnection, rowCounts: Map<string, number>): Promise<SchemaTable[]> {
  const r = await conn.runAndReadAll(COLUMNS_SQL);
  const tables = new Map<string, SchemaTable>();
  for (const row of r.getRowObjectsJS()) {
    const name = row.db === SCRATCH_DB ? `${SCRATCH_DB}.${String(row.tbl)}` : String(row.tbl);
    let t = tables.get(name);
    if (!t) {
      t = { name, kind: row.kind === 'table' ? 'table' : 'view', rows: rowCounts.get(name) ?? null, columns: [] };
      tables.set(name, t);
    }
    t.columns.push(columnFromType(String(row.col), String(row.type)));
  }
  return [...tables.values()].filter((t) => !t.name.startsWith('cairn_') || t.name === 'cairn_rejects' || t.name === 'cairn_record_flags');
}

export function columnFromType(name: string, type: string): SchemaColumn {
  const fields = structFields(type);
  return fields ? { name, type, children: fields.map(([n, t]) => columnFromType(n, t)) } : { name, type };
}

/** The fields of STRUCT(...) or STRUCT(...)[] type text, else undefined. */
export function structFields(type: string): Array<[string, string]> | undefined {
  let t = type.trim();
  while (t.endsWith('[]')) t = t.slice(0, -2);
  if (!/^STRUCT\s*\(/i.test(t) || !t.endsWith(')')) return undefined;
  const body = t.slice(t.indexOf('(') + 1, -1);
  const out: Array<[string, string]> = [];
  for (const part of splitTopLevel(body)) {
    const m = /^\s*("(?:[^"]|"")*"|[^\s]+)\s+([\s\S]+)$/.exec(part);
    if (!m) continue;
    const rawName = m[1]!;
    const fieldName = rawName.startsWith('"') ? rawName.slice(1, -1).replace(/""/g, '"') : rawName;
    out.push([fieldName, m[2]!.trim()]);
  }
  return out;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') { parts.push(s.slice(start, i)); start = i + 1; }
  }
  parts.push(s.slice(start));
  return parts.filter((p) => p.trim() !== '');
}
