// The SQL that reads a numbered copy of JSON records (`<ordinal> <json>` per line, numbered-text.ts) and
// checks each: valid JSON, an object, the required keys, typed values that are what the column says. Names
// and keys come from the format's constant column lists and go through quoteIdent/quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { MAX_LINE_BYTES } from '../line-format/numbered-text';
import { CHECKED_TYPES, structureOf, type JsonFormat } from './format';

export const JSON_PARSED = '_json_records_parsed';
export const DROP_JSON_PARSED = `DROP TABLE IF EXISTS ${JSON_PARSED}`;

const path = (key: string): string => quoteLiteral(`$.${JSON.stringify(key)}`);

export function parseJsonSql(copyPath: string, f: JsonFormat): string {
  const missing = f.required.map((k) => `CASE WHEN json_type(j, ${path(k)}) IS NULL THEN ${quoteLiteral(`missing key ${k}`)} END`);
  const typed = f.columns.filter((c) => CHECKED_TYPES.has(c.type)).map((c) =>
    `CASE WHEN coalesce(json_type(j, ${path(c.key)}), 'NULL') <> 'NULL' AND r.${quoteIdent(c.key)} IS NULL THEN ${quoteLiteral(`${c.key}: not ${c.type === 'BOOLEAN' ? 'a boolean' : c.type === 'BIGINT' || c.type === 'INTEGER' ? 'an integer' : 'a number'}`)} || ' (' || left(json_extract(j, ${path(c.key)})::VARCHAR, 40) || ')' END`);
  return `CREATE TEMP TABLE ${JSON_PARSED} AS
SELECT line, j, r, CASE WHEN bad <> '' THEN bad ELSE concat_ws('; ', ${typed.join(', ') || 'NULL'}) END AS reason
FROM (SELECT line, j, bad, CASE WHEN bad = '' THEN from_json(j, ${quoteLiteral(structureOf(f))}) END AS r
  FROM (SELECT line, j, CASE WHEN NOT json_valid(j) THEN 'not valid JSON' WHEN json_type(j) <> 'OBJECT' THEN 'not a JSON object'
      ELSE concat_ws('; ', ${missing.join(', ') || 'NULL'}) END AS bad
    FROM (SELECT CAST(split_part(raw, ' ', 1) AS BIGINT) AS line, substr(raw, strpos(raw, ' ') + 1) AS j
      FROM read_csv(${quoteLiteral(copyPath)}, columns = {'raw': 'VARCHAR'}, delim = '\\x1f', quote = '', escape = '', comment = '',
        header = false, auto_detect = false, new_line = '\\n', max_line_size = ${MAX_LINE_BYTES + 32}) WHERE raw IS NOT NULL)))`;
}

/** Kept records into the table: the columns, computed ones, keys the table has no column for, provenance. */
export function insertJsonSql(f: JsonFormat, evidenceId: number, raw: boolean): string {
  const removeKnown = quoteLiteral(JSON.stringify(Object.fromEntries(f.columns.map((c) => [c.key, null]))));
  const cols = [...f.columns.map((c) => c.name), ...(f.computed ?? []).map((c) => c.name), '_unknown_fields', ...(raw ? ['_raw'] : []), '_evidence_id', '_ordinal'];
  const values = [...f.columns.map((c) => `r.${quoteIdent(c.key)}`), ...(f.computed ?? []).map((c) => c.sql),
    `nullif(json_merge_patch(j, ${removeKnown}), '{}')`, ...(raw ? ['j'] : []), String(Math.trunc(evidenceId)), 'line'];
  return `INSERT INTO ${quoteIdent(f.table)} (${cols.map(quoteIdent).join(', ')})
SELECT ${values.join(', ')} FROM ${JSON_PARSED} WHERE reason = ''`;
}

export const COUNT_JSON_KEPT = `SELECT count(*) AS n FROM ${JSON_PARSED} WHERE reason = ''`;
export const SELECT_JSON_REJECTED = `SELECT line, reason FROM ${JSON_PARSED} WHERE reason <> '' ORDER BY line`;
