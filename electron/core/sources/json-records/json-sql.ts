// The SQL that reads a numbered copy of JSON records (`<ordinal> <json>` per line, numbered-text.ts) and
// checks each: valid JSON, an object, the required keys, typed values that are what the column says. The
// kept records go straight into the table in one pass; only a file whose records did not all land is read
// again for its rejects' reasons, with the same expressions (decision 0017). Names and keys come from the
// format's constant column lists and go through quoteIdent/quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { MAX_LINE_BYTES } from '../line-format/numbered-text';
import { CHECKED_TYPES, structureOf, type JsonFormat } from './format';

const path = (key: string): string => quoteLiteral(`$.${JSON.stringify(key)}`);

const typed = (f: JsonFormat): JsonFormat['columns'] => f.columns.filter((c) => CHECKED_TYPES.has(c.type));
const list = (xs: string[]): string => `[${xs.map(quoteLiteral).join(', ')}]::VARCHAR[]`;

/**
 * One row per record: `line`, its text `j`, its top-level keys, `bad` (why it is not a record of the format,
 * '' if it is), `r` (its columns' struct) and `t` (its typed keys' values as JSON text, to tell a value of
 * the wrong type from a missing one). Each record is parsed once per function: valid, object, keys, r, t.
 */
function checkedRecords(copyPath: string, f: JsonFormat): string {
  const missing = f.required.map((k) => `CASE WHEN NOT list_contains(keys, ${quoteLiteral(k)}) THEN ${quoteLiteral(`missing key ${k}`)} END`);
  const checkStruct = quoteLiteral(JSON.stringify(Object.fromEntries(typed(f).map((c) => [c.key, 'JSON']))));
  return `SELECT line, j, keys, bad, CASE WHEN bad = '' THEN from_json(j, ${quoteLiteral(structureOf(f))}) END AS r,
  ${typed(f).length ? `CASE WHEN bad = '' THEN from_json(j, ${checkStruct}) END` : 'NULL'} AS t
FROM (SELECT line, j, keys, CASE WHEN valid IS NULL THEN 'not valid JSON' WHEN keys IS NULL THEN 'not a JSON object'
    WHEN NOT list_has_all(keys, ${list(f.required)}) THEN concat_ws('; ', ${missing.join(', ') || 'NULL'}) ELSE '' END AS bad
  FROM (SELECT line, j, valid, CASE WHEN valid THEN json_keys(j) END AS keys
    FROM (SELECT line, j, CASE WHEN json_valid(j) THEN json_type(j) = 'OBJECT' END AS valid
      FROM (SELECT CAST(split_part(raw, ' ', 1) AS BIGINT) AS line, substr(raw, strpos(raw, ' ') + 1) AS j
        FROM read_csv(${quoteLiteral(copyPath)}, columns = {'raw': 'VARCHAR'}, delim = '\\x1f', quote = '', escape = '', comment = '',
          header = false, auto_detect = false, new_line = '\\n', max_line_size = ${MAX_LINE_BYTES + 32}) WHERE raw IS NOT NULL))))`;
}

/** Per typed column: [a condition true when its value is not of the column's type, the reason]. */
function typeChecks(f: JsonFormat): [string, string][] {
  return typed(f).map((c) => [
    `(t.${quoteIdent(c.key)} IS NOT NULL AND r.${quoteIdent(c.key)} IS NULL)`,
    `${quoteLiteral(`${c.key}: not ${c.type === 'BOOLEAN' ? 'a boolean' : c.type === 'BIGINT' || c.type === 'INTEGER' ? 'an integer' : 'a number'}`)} || ' (' || left(json_extract(j, ${path(c.key)})::VARCHAR, 40) || ')'`,
  ]);
}

/** Whether a record is kept; one CASE, so no check runs on text that is not a JSON object. */
function keptWhen(f: JsonFormat): string {
  const typedOk = typeChecks(f).map(([wrong]) => `NOT ${wrong}`);
  return `CASE WHEN bad = '' THEN ${typedOk.join(' AND ') || 'true'} ELSE false END`;
}

/**
 * Every numbered record into the table (columns, computed ones, keys the table has no column for,
 * provenance), a record to be rejected with a negative `_ordinal` and nothing but NULLs besides. No WHERE:
 * DuckDB would push the filter below the projection and parse every record twice (decision 0017).
 */
export function insertJsonSql(copyPath: string, f: JsonFormat, evidenceId: number, raw: boolean): string {
  const removeKnown = quoteLiteral(JSON.stringify(Object.fromEntries(f.columns.map((c) => [c.key, null]))));
  const cols = [...f.columns.map((c) => c.name), ...(f.computed ?? []).map((c) => c.name), '_unknown_fields', ...(raw ? ['_raw'] : []), '_evidence_id', '_ordinal'];
  const values = [...f.columns.map((c) => `r.${quoteIdent(c.key)}`), ...(f.computed ?? []).map((c) => c.sql),
    // Records whose keys the table all knows (the usual case) skip the merge, one more parse each.
    `CASE WHEN keep AND NOT list_has_all(${list(f.columns.map((c) => c.key))}, keys) THEN nullif(json_merge_patch(j, ${removeKnown}), '{}') END`,
    ...(raw ? ['CASE WHEN keep THEN j END'] : []), String(Math.trunc(evidenceId)), 'CASE WHEN keep THEN line ELSE -line END'];
  return `INSERT INTO ${quoteIdent(f.table)} (${cols.map(quoteIdent).join(', ')})
SELECT ${values.join(', ')} FROM (SELECT *, ${keptWhen(f)} AS keep FROM (${checkedRecords(copyPath, f)}))`;
}

/** The records insertJsonSql leaves out, each with why, in order. */
export function rejectedJsonSql(copyPath: string, f: JsonFormat): string {
  const reasons = typeChecks(f).map(([wrong, why]) => `CASE WHEN ${wrong} THEN ${why} END`);
  return `SELECT line, reason FROM (
  SELECT line, CASE WHEN bad <> '' THEN bad ELSE concat_ws('; ', ${reasons.join(', ') || 'NULL'}) END AS reason
  FROM (${checkedRecords(copyPath, f)}))
WHERE reason <> '' ORDER BY line`;
}
