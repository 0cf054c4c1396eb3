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

/** from_json's structure argument for the format's columns. */
export function structureOf(format: JsonFormat): string {
  return JSON.stringify(Object.fromEntries(format.columns.map((c) => [c.key, c.type])));
}
