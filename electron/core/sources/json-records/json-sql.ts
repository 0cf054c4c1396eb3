// The SQL that reads a numbered copy of JSON records (`<ordinal> <json>` per line, numbered-text.ts) and
// checks each: valid JSON, an object, the required keys, typed values that are what the column says. The
// kept records go straight into the table in one pass; only a file whose records did not all land is read
// again for its rejects' reasons, with the same expressions (decision 0017). Each record is parsed twice
// (decisions 0019, 0027). Names and keys come from the format's
// constant column lists and go through quoteIdent/quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { ANY_ORDER, idsIn, joinKeys, readCopy, type CopyPaths, type FileKeys } from '../line-format/line-sql';
import { PATHS_COLUMN, pathsExpression, sharePaths } from './shared-paths';
import { CHECKED_TYPES, type JsonColumn, type JsonFormat } from './format';

const path = (key: string): string => quoteLiteral(`$.${JSON.stringify(key)}`);
const NOT_JSON = 'not valid JSON';
const NOT_OBJECT = 'not a JSON object';
/** The `_ordinal` of a record that is not as the lines layout may read it (AsWrittenCheck, decision 0024). */
export const NOT_AS_WRITTEN_ORDINAL = 0;

const isTyped = (c: JsonColumn): boolean => CHECKED_TYPES.has(c.type);
const typed = (f: JsonFormat): JsonColumn[] => f.columns.filter(isTyped);
/** The column's value: a typed key is read from its JSON text, the same conversion from_json makes in a struct. */
const value = (c: JsonColumn): string => isTyped(c) ? `from_json(p.${quoteIdent(c.key)}, ${quoteLiteral(JSON.stringify(c.type))})` : `p.${quoteIdent(c.key)}`;
/**
 * SQL true when `j` holds what DuckDB's JSON reader takes and JSON.parse does not: NaN and Infinity literals, a
 * trailing comma (or something like them inside a string). A record read as written that has one is left to the
 * document way, which parses in Node (decision 0024). Three patterns, each starting with one literal byte, which
 * RE2 searches for: a quarter of one pattern's cost.
 */
const LENIENT_TOKEN = String.raw`[ \t]*[-+]?(?i:nan|inf|infinity)[ \t]*[,\]}]`;
export const LENIENT_JSON_SQL = `(${[String.raw`,(?:${LENIENT_TOKEN}|[ \t]*[\]}])`, `:${LENIENT_TOKEN}`, String.raw`\[${LENIENT_TOKEN}`]
  .map((p) => `regexp_matches(j, ${quoteLiteral(p)})`).join(' OR ')})`;

/** JSON's whitespace, which may come before a record's `{`. */
const JSON_SPACE = "' ' || chr(9) || chr(10) || chr(13)";

/**
 * from_json's structure: the format's columns, typed keys as JSON, whose text (NULL when the key is missing or
 * null) tells a value of the wrong type from an absent one, so one parse gives the columns and the type checks.
 */
function parseStructure(f: JsonFormat): string {
  return JSON.stringify(Object.fromEntries(f.columns.map((c) => [c.key, isTyped(c) ? 'JSON' : c.type])));
}

/**
 * One row per record: `line`, its text `j` (as written when `raw`), its top-level keys (NULL when it is not JSON), `bad` (why it is not a record of the
 * format, '' if it is), `p` (its columns' struct, typed keys as JSON text) and `r` (the columns as the table
 * types them, what computed columns read). Parses per record: json_keys and from_json.
 */
function checkedRecords(copyPath: CopyPaths, f: JsonFormat, raw: boolean, evidence = '0', keys?: FileKeys): string {
  const missing = f.required.map((k) => `CASE WHEN NOT list_contains(keys, ${quoteLiteral(k)}) THEN ${quoteLiteral(`missing key ${k}`)} END`);
  // Without `_raw` the record is read with the separating space in front (whitespace to JSON): ltrim costs
  // less than substr, which counts characters (decision 0019).
  const text = raw ? "substr(raw, strpos(raw, ' ') + 1)" : "ltrim(raw, '0123456789')";
  // `ev`: the row's evidence id; with keys (a batch's copies), read from `k`, which says each row's file (joinKeys).
  const lines = `SELECT CAST(split_part(raw, ' ', 1) AS BIGINT) AS line, ${evidence} AS ev, ${text} AS text
        FROM ${readCopy(copyPath)} AS c${joinKeys('c', keys)} WHERE raw IS NOT NULL`;
  // Validity from json_keys, the parse the key checks need anyway; `_raw` is VARCHAR, so keeping the text parses nothing more (decision 0027).
  const parsed = `SELECT line, ev, text AS j, TRY(json_keys(text)) AS keys FROM (${lines})`;
  // Valid JSON is an object exactly when its first character past whitespace is `{` (json_keys gives [] for any other value).
  const object = `(starts_with(j, '{') OR starts_with(j, ' {') OR starts_with(ltrim(j, ${JSON_SPACE}), '{'))`;
  const r = `struct_pack(${f.columns.map((c) => `${quoteIdent(c.key)} := ${value(c)}`).join(', ')})`;
  return `SELECT line, ev, j, keys, bad, p, ${r} AS r
FROM (SELECT line, ev, j, keys, bad, CASE WHEN bad = '' THEN from_json(j, ${quoteLiteral(parseStructure(f))}) END AS p
  FROM (SELECT line, ev, j, keys, CASE WHEN keys IS NULL THEN ${quoteLiteral(NOT_JSON)} WHEN NOT ${object} THEN ${quoteLiteral(NOT_OBJECT)}
      WHEN NOT (${f.required.map((k) => `list_contains(keys, ${quoteLiteral(k)})`).join(' AND ') || 'true'}) THEN concat_ws('; ', ${missing.join(', ') || 'NULL'}) ELSE '' END AS bad
    FROM (${parsed})))`;
}

/** Per typed column: [a condition true when its value is not of the column's type, the reason]. */
function typeChecks(f: JsonFormat): [string, string][] {
  return typed(f).map((c) => [
    `(p.${quoteIdent(c.key)} IS NOT NULL AND r.${quoteIdent(c.key)} IS NULL)`,
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
/**
 * `evidence`: the evidence id as SQL (a number, or a column of `k` with `keys`, a batch's copies keyed by path).
 * With `asWritten` (SQL over `keys` and `j`), a record that is not a JSON object or fails it gets
 * `_ordinal` NOT_AS_WRITTEN_ORDINAL, so one pass both inserts and tells whether the layout holds (decision 0024).
 */
export function insertJsonSql(copyPath: CopyPaths, f: JsonFormat, evidence: string, raw: boolean, keys?: FileKeys, asWritten?: string): string {
  const removeKnown = quoteLiteral(JSON.stringify(Object.fromEntries(f.columns.map((c) => [c.key, null]))));
  const cols = [...f.columns.map((c) => c.name), ...(f.computed ?? []).map((c) => c.name), '_unknown_fields', ...(raw ? ['_raw'] : []), '_evidence_id', '_ordinal'];
  // Computed columns' path reads share one parse of the record (shared-paths.ts).
  const { paths, rewritten } = sharePaths((f.computed ?? []).map((c) => c.sql));
  const shared = pathsExpression(paths);
  // A computed column reads only a kept record: `j` is the text as written, which a JSON function may refuse.
  const values = [...f.columns.map((c) => `r.${quoteIdent(c.key)}`), ...rewritten.map((sql) => `CASE WHEN keep THEN ${sql} END`),
    // Records whose keys the table all knows (the usual case) skip the merge, one more parse each. More keys
    // than known ones present is true of every record with an unknown key (and of one with a key twice).
    `CASE WHEN keep AND len(keys) > ${f.columns.map((c) => `list_contains(keys, ${quoteLiteral(c.key)})::INTEGER`).join(' + ')} THEN nullif(json_merge_patch(j, ${removeKnown}), '{}') END`,
    ...(raw ? ['CASE WHEN keep THEN j END'] : []), 'ev',
    `CASE ${asWritten ? `WHEN bad IN (${quoteLiteral(NOT_JSON)}, ${quoteLiteral(NOT_OBJECT)}) OR NOT coalesce(${asWritten}, false) THEN ${NOT_AS_WRITTEN_ORDINAL} ` : ''}WHEN keep THEN line ELSE -line END`];
  return `INSERT INTO ${quoteIdent(f.table)} (${cols.map(quoteIdent).join(', ')})
SELECT ${values.join(', ')} FROM (SELECT *${shared ? `, CASE WHEN keep THEN ${shared} END AS ${PATHS_COLUMN}` : ''}
  FROM (SELECT *, ${keptWhen(f)} AS keep FROM (${checkedRecords(copyPath, f, raw, evidence, keys)})))${ANY_ORDER}`;
}

/** The records insertJsonSql leaves out, each with why, in order (`raw` as given to it, so both read alike). */
export function rejectedJsonSql(copyPath: CopyPaths, f: JsonFormat, raw: boolean): string {
  const reasons = typeChecks(f).map(([wrong, why]) => `CASE WHEN ${wrong} THEN ${why} END`);
  return `SELECT line, reason FROM (
  SELECT line, CASE WHEN bad <> '' THEN bad ELSE concat_ws('; ', ${reasons.join(', ') || 'NULL'}) END AS reason
  FROM (${checkedRecords(copyPath, f, raw)}))
WHERE reason <> '' ORDER BY line`;
}

/** Files (of those given) with rows insertJsonSql marked as not as written (none: the lines layout holds). */
export function notAsWrittenSql(table: string, evidenceIds: readonly number[]): string {
  return `SELECT DISTINCT _evidence_id AS evidence_id FROM ${quoteIdent(table)} WHERE ${idsIn(evidenceIds)} AND _ordinal = ${NOT_AS_WRITTEN_ORDINAL}`;
}

/** Every row of a file, removed before it is read again another way. */
export function deleteFileRowsSql(table: string, evidenceId: number): string {
  return `DELETE FROM ${quoteIdent(table)} WHERE _evidence_id = ${Math.trunc(evidenceId)}`;
}
