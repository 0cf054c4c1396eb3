// A JSON record format: top-level keys mapped to columns (the Athena DDL's names and types), the keys every
// record must carry, and the key set that recognises the format. Keys are JSON's own spelling (DuckDB reads
// struct fields case-insensitively, so `httprequest.clientip` works as in Athena).

export interface JsonColumn {
  /** Column name in the table (Athena's). */
  name: string;
  /** The record's key. */
  key: string;
  /** DuckDB type from_json reads the value as (VARCHAR for an object keeps its JSON text); nested: from_json's structure. */
  type: string | object;
}

export interface JsonFormat {
  id: string;
  label: string;
  table: string;
  columns: JsonColumn[];
  /** Keys a record must have to be this format's; a record without one is rejected. */
  required: string[];
  /** Computed columns: SQL over `j` (the record's JSON text) and `r` (the struct of `columns`). */
  computed?: { name: string; sql: string }[];
}

/** Scalar types whose mismatch from_json turns into NULL silently: checked, and rejected with a reason. */
export const CHECKED_TYPES = new Set<unknown>(['BIGINT', 'INTEGER', 'DOUBLE', 'BOOLEAN', 'FLOAT']);

/** DuckDB's type for a from_json structure. */
export function duckType(t: string | object): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return `${duckType(t[0] as string | object)}[]`;
  return `STRUCT(${Object.entries(t).map(([k, v]) => `"${k.replace(/"/g, '""')}" ${duckType(v as string | object)}`).join(', ')})`;
}

/** CREATE TABLE for a format whose table is exactly its columns, then `extra` (name, type), then provenance. */
export function createTableSql(format: JsonFormat, extra: [string, string][]): string {
  const cols = [...format.columns.map((c) => [c.name, duckType(c.type)]), ...extra].map(([n, t]) => `"${n}" ${t}`);
  return `CREATE TABLE IF NOT EXISTS "${format.table}" (${cols.join(', ')}, _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL)`;
}
