// DuckDB's cast errors in Presto's words and type names: the analyst wrote ARRAY(INTEGER), not INT32[].

const TYPE_NAMES: Array<[RegExp, string]> = [
  [/\bINT8\b/g, 'TINYINT'], [/\bINT16\b/g, 'SMALLINT'], [/\bINT32\b/g, 'INTEGER'], [/\bINT64\b/g, 'BIGINT'],
  [/\bFLOAT\b/g, 'REAL'], [/\bBLOB\b/g, 'VARBINARY'], [/\bSTRUCT\(/g, 'ROW('],
];

/** A DuckDB type as Presto writes it: INT32[] → ARRAY(INTEGER), STRUCT(a INT32) → ROW(a INTEGER). */
export function prestoTypeName(duck: string): string {
  let t = TYPE_NAMES.reduce((s, [re, to]) => s.replace(re, to), duck.trim());
  // T[] → ARRAY(T), innermost first; T is a name or a balanced (...) group.
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(/([A-Z_][A-Z0-9_ ]*(?:\([^()]*\))?)\[\]/g, (_m, inner: string) => `ARRAY(${inner.trim()})`);
  }
  return t;
}

/** The Presto wording of a DuckDB cast error message, or undefined when it is not one. */
export function prestoCastMessage(message: string): string | undefined {
  let m = /^Could not convert string (.*) to ([A-Z0-9_]+)$/.exec(message);
  if (m) return `Cannot cast ${m[1]} to ${prestoTypeName(m[2]!)}`;
  m = /^Unimplemented type for cast \((.*) -> (.*)\)$/.exec(message);
  if (m) return `Cannot cast ${prestoTypeName(m[1]!)} to ${prestoTypeName(m[2]!)}`;
  m = /^Type (.*) does not match with (.*)\. Cannot cast STRUCTs of different size$/.exec(message);
  if (m) return `Cannot cast ${prestoTypeName(m[1]!)} to ${prestoTypeName(m[2]!)}: the rows have different numbers of fields`;
  return undefined;
}
