// The SQL that reads a numbered copy (numbered-text.ts) and checks every line against its format: one
// full-match regular expression, then a cast check per typed column. Names come from the format's own
// constant field lists; the pattern and paths go through quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { MAX_LINE_BYTES } from './numbered-text';
import type { CompiledFormat } from './pattern';

export const PARSED = '_line_format_parsed';
export const DROP_PARSED = `DROP TABLE IF EXISTS ${PARSED}`;

/** One row per record line: its number, whether it matched, its groups, and why it is rejected ('' = kept). */
export function parseLinesSql(copyPath: string, f: CompiledFormat, label: string): string {
  const pattern = quoteLiteral(f.pattern);
  const checks = f.columns.filter((c) => c.type !== 'VARCHAR').map((c) =>
    `CASE WHEN coalesce(${c.sql}, '') NOT IN ('', '-') AND TRY_CAST(${c.sql} AS ${c.type}) IS NULL THEN ${quoteLiteral(`${c.name}: not ${c.type === 'INTEGER' || c.type === 'BIGINT' ? 'an integer' : c.type === 'DATE' ? 'a date' : 'a number'}`)} || ' (' || left(${c.sql}, 40) || ')' END`);
  return `CREATE TEMP TABLE ${PARSED} AS
SELECT line, g, CASE WHEN NOT ok THEN ${quoteLiteral(`does not match the ${label} layout`)} ELSE concat_ws('; ', ${checks.join(', ') || 'NULL'}) END AS reason
FROM (SELECT line, regexp_full_match(text, ${pattern}) AS ok, regexp_extract(text, ${pattern}, [${f.groups.map(quoteLiteral).join(', ')}]) AS g
  FROM (SELECT CAST(split_part(raw, ' ', 1) AS BIGINT) AS line, substr(raw, strpos(raw, ' ') + 1) AS text
    FROM read_csv(${quoteLiteral(copyPath)}, columns = {'raw': 'VARCHAR'}, delim = '\\x1f', quote = '', escape = '', comment = '',
      header = false, auto_detect = false, new_line = '\\n', max_line_size = ${MAX_LINE_BYTES + 32}) WHERE raw IS NOT NULL))`;
}

/** The kept lines into the source's table; `constants` are per-file values (evidence id, key parts). */
export function insertSql(table: string, f: CompiledFormat, constants: { name: string; sql: string }[]): string {
  const cols = f.columns.map((c) => quoteIdent(c.name));
  const values = f.columns.map((c) => c.type === 'VARCHAR' ? c.sql : `TRY_CAST(nullif(${c.sql}, '-') AS ${c.type})`);
  return `INSERT INTO ${quoteIdent(table)} (${[...cols, ...constants.map((c) => quoteIdent(c.name)), '_ordinal'].join(', ')})
SELECT ${[...values, ...constants.map((c) => c.sql), 'line'].join(', ')} FROM ${PARSED} WHERE reason = ''`;
}

export const COUNT_KEPT = `SELECT count(*) AS n FROM ${PARSED} WHERE reason = ''`;
export const SELECT_REJECTED = `SELECT line, reason FROM ${PARSED} WHERE reason <> '' ORDER BY line`;
