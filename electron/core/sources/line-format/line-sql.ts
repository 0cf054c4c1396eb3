// The SQL that reads a numbered copy (numbered-text.ts) and checks every line against its format: one
// full-match regular expression, then a cast check per typed column. The kept lines go straight into the
// table in one pass; only a file whose lines did not all land is read again for its rejects' reasons, with
// the same expressions, so the two passes cannot disagree (decision 0017). Names come from the format's own
// constant field lists; the pattern and paths go through quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { MAX_LINE_BYTES } from './numbered-text';
import type { CompiledFormat } from './pattern';

/** The capture group holding the line number in front of the line: empty exactly when the line did not match. */
const LINE_GROUP = '_line';

/** Copies read in one statement (a batch's files, decision 0026); `filename` says which file a row came from. */
export type CopyPaths = string | readonly string[];
export const pathList = (paths: CopyPaths): string => typeof paths === 'string' ? quoteLiteral(paths) : `[${paths.map(quoteLiteral).join(', ')}]`;

/** A copy read one line per row as `raw` (and `filename`): no byte of a kept line is a separator, quote or comment. */
export const readCopy = (paths: CopyPaths, maxLineSize = MAX_LINE_BYTES + 32): string => `read_csv(${pathList(paths)}, columns = {'raw': 'VARCHAR'}, delim = chr(31), quote = '', escape = '', comment = '',
  header = false, auto_detect = false, new_line = '\\n', max_line_size = ${maxLineSize}, filename = true)`;

/** A per-file table (`k`, keyed by the copy's path) the constants read from: `filename`, then the named columns. */
export interface FileKeys { columns: string[]; rows: string[][] }

/**
 * Joined into every INSERT of a batch's rows so DuckDB stores them in any order, on every thread: a source without
 * order (a one-row GROUP BY) lets the planner drop the ordered insert, which kept these statements to about one
 * thread; `preserve_insertion_order` itself is locked on the importer's instance. Nothing reads these tables in
 * insertion order: `_ordinal` orders a file's rows and seals are order-free (decision 0028).
 */
export const ANY_ORDER = ' CROSS JOIN (SELECT o FROM (VALUES (1)) AS v(o) GROUP BY o) AS __cairn_any_order';

export function joinKeys(alias: string, keys: FileKeys | undefined): string {
  if (!keys) return '';
  return ` JOIN (VALUES ${keys.rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS k(filename, ${keys.columns.map(quoteIdent).join(', ')}) ON ${alias}.filename = k.filename`;
}

/** One row per record line: `line` and the struct `g` of its groups (`g._line` empty exactly when it does not match). */
export function matchedLines(copyPath: CopyPaths, f: CompiledFormat): string {
  const line = `CAST(split_part(raw, ' ', 1) AS BIGINT) AS line`;
  if (!f.split) {
    const pattern = quoteLiteral(`^([0-9]+) (?:${f.pattern})$`);
    return `SELECT ${line}, regexp_extract(raw, ${pattern}, [${[LINE_GROUP, ...f.groups].map(quoteLiteral).join(', ')}]) AS g, filename
FROM ${readCopy(copyPath)} WHERE raw IS NOT NULL`;
  }
  // No field can hold the separator: a line that matches (a DFA check, no captures) splits into exactly its
  // groups, the rest after the last field being the extra text (decision 0017).
  const { separator, fields } = f.split;
  const sep = quoteLiteral(separator);
  const groups = [
    `${quoteIdent(LINE_GROUP)} := CASE WHEN regexp_full_match(raw, ${quoteLiteral(`[0-9]+ (?:${f.pattern})`)}) THEN split_part(raw, ' ', 1) ELSE '' END`,
    ...f.groups.slice(0, fields).map((name, i) => `${quoteIdent(name)} := coalesce(p[${i + 1}], '')`),
    `${quoteIdent(f.groups[fields]!)} := CASE WHEN len(p) > ${fields} THEN ${sep} ELSE '' END`,
    `${quoteIdent(f.groups[fields + 1]!)} := CASE WHEN len(p) > ${fields} THEN array_to_string(p[${fields + 1}:], ${sep}) ELSE '' END`,
  ];
  return `SELECT line, struct_pack(${groups.join(', ')}) AS g, filename
FROM (SELECT raw, ${line}, string_split(substr(raw, strpos(raw, ' ') + 1), ${sep}) AS p, filename FROM ${readCopy(copyPath)} WHERE raw IS NOT NULL)`;
}

/** A typed column's value: '-' and what does not cast are NULL. */
export const castValue = (c: CompiledFormat['columns'][number]): string => `TRY_CAST(nullif(${c.sql}, '-') AS ${c.type})`;

/** Per typed column: [a condition true when its value does not cast, the reason]. */
export function castChecks(f: CompiledFormat): [string, string][] {
  return f.columns.filter((c) => c.type !== 'VARCHAR').map((c) => [
    // The very cast the insert writes (castValue), so DuckDB computes it once for both (decision 0017).
    `(coalesce(${c.sql}, '') NOT IN ('', '-') AND ${castValue(c)} IS NULL)`,
    `${quoteLiteral(`${c.name}: not ${c.type === 'INTEGER' || c.type === 'BIGINT' ? 'an integer' : c.type === 'DATE' ? 'a date' : c.type === 'TIMESTAMP' ? 'a time' : 'a number'}`)} || ' (' || left(${c.sql}, 40) || ')'`,
  ]);
}

const MATCHED = `g.${LINE_GROUP} <> ''`;

/**
 * Every numbered line into the source's table, a line to be rejected with a negative `_ordinal`
 * (countMarkedSql, deleteMarkedSql). No WHERE: DuckDB would push the filter below the projection and run the
 * regular expression twice (decision 0017). `constants` are per-file values (evidence id, key parts).
 */
export function insertLinesSql(copyPath: CopyPaths, table: string, f: CompiledFormat, constants: { name: string; sql: string }[], keys?: FileKeys): string {
  const cols = f.columns.map((c) => quoteIdent(c.name));
  const values = f.columns.map((c) => c.type === 'VARCHAR' ? c.sql : castValue(c));
  const keep = [MATCHED, ...castChecks(f).map(([bad]) => `NOT ${bad}`)].join(' AND ');
  return `INSERT INTO ${quoteIdent(table)} (${[...cols, ...constants.map((c) => quoteIdent(c.name)), '_ordinal'].join(', ')})
SELECT ${[...values, ...constants.map((c) => c.sql), `CASE WHEN ${keep} THEN line ELSE -line END`].join(', ')}
FROM (${matchedLines(copyPath, f)}) AS m${joinKeys('m', keys)}${ANY_ORDER}`;
}

/** The lines insertLinesSql leaves out, each with why, in line order. */
export function rejectedLinesSql(copyPath: string, f: CompiledFormat, label: string): string {
  const reasons = castChecks(f).map(([bad, why]) => `CASE WHEN ${bad} THEN ${why} END`);
  return `SELECT line, reason FROM (
  SELECT line, CASE WHEN NOT (${MATCHED}) THEN ${quoteLiteral(`does not match the ${label} layout`)} ELSE concat_ws('; ', ${reasons.join(', ') || 'NULL'}) END AS reason
  FROM (${matchedLines(copyPath, f)}))
WHERE reason <> '' ORDER BY line`;
}

/** How many rows of each file the insert marked to be rejected (files with none are not listed). */
export function countMarkedSql(table: string, evidenceIds: number | readonly number[]): string {
  return `SELECT _evidence_id AS evidence_id, count(*) AS n FROM ${quoteIdent(table)} WHERE ${idsIn(evidenceIds)} AND _ordinal < 0 GROUP BY 1`;
}

/** Removes them (their reasons come from a second read of the copy). */
export function deleteMarkedSql(table: string, evidenceIds: number | readonly number[]): string {
  return `DELETE FROM ${quoteIdent(table)} WHERE ${idsIn(evidenceIds)} AND _ordinal < 0`;
}

/** Each file's rows in the table (a batch's rows: a file's evidence id is new to the table). */
export function rowsPerFileSql(table: string, evidenceIds: readonly number[]): string {
  return `SELECT _evidence_id AS evidence_id, count(*) AS n FROM ${quoteIdent(table)} WHERE ${idsIn(evidenceIds)} GROUP BY 1`;
}

/** `_evidence_id IN (...)` for the given files. */
export const idsIn = (ids: number | readonly number[]): string => `_evidence_id IN (${(typeof ids === 'number' ? [ids] : ids).map((id) => String(Math.trunc(id))).join(', ')})`;
