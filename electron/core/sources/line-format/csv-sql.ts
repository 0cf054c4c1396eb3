// The SQL that reads the CSV copy of a line format (decision 0018): `<line> <columns> <line text>` per line
// that csvColumns() found written exactly as the layout says, split by DuckDB's CSV reader instead of the
// format's capture pattern. The groups come out as the pattern would capture them, so the columns, casts and
// reasons are line-sql.ts's own; a line whose fields do not match their tokens is rejected as the pattern
// rejects it. As in line-sql.ts, one INSERT with no WHERE, rejects marked with a negative `_ordinal`.
// The reader types the layout's typed columns itself where it can (decision 0025): a file it cannot read
// whole that way is read again with every field as text, the exact reading.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import type { CsvLayout } from './csv-layout';
import { ANY_ORDER, castChecks, castValue, joinKeys, pathList, readCopy, type CopyPaths, type FileKeys } from './line-sql';
import { MAX_LINE_BYTES } from './numbered-text';
import type { CompiledFormat } from './pattern';

/**
 * 'exact': every field read as text, cast and checked as line-sql.ts does. 'typed': the layout's typed columns
 * converted by the reader, which drops a line it cannot convert (ignore_errors) rather than read it otherwise.
 */
export type CsvReading = 'exact' | 'typed';

/** Unquoted '-' reads as NULL and a quoted one as '-' (S3's kept quotes tell them apart); a missing field is NULL. */
const readCsvCopy = (path: CopyPaths, layout: CsvLayout, reading: CsvReading): string => {
  const types = new Map(reading === 'typed' ? layout.typed.map((t) => [t.column, t.type]) : []);
  const columns = ["'_line': 'BIGINT'", "'_fields': 'INTEGER'", ...Array.from(layout.kinds, (_, i) => `'_c${i + 1}': '${types.get(i + 1) ?? 'VARCHAR'}'`)];
  const quote = layout.quotes ? `'"'` : "''";
  return `read_csv(${pathList(path)}, columns = {${columns.join(', ')}}, delim = ${quoteLiteral(layout.separator)}, quote = ${quote}, escape = ${quote}, nullstr = '-',
  allow_quoted_nulls = false, null_padding = true, strict_mode = true, comment = '', header = false, auto_detect = false,
  new_line = '\\n', max_line_size = ${MAX_LINE_BYTES + 64}, ignore_errors = ${reading === 'typed'}, filename = true)`;
};

/** The groups the reader typed: their values are the table's (NULL for '-'), with no cast or check left to do. */
const typedGroups = (layout: CsvLayout, reading: CsvReading): Map<string, string> =>
  new Map(reading === 'typed' ? layout.typed.map((t) => [t.group, `_c${t.column}`]) : []);

/** One row per line of the CSV copy: `_line`, `_fits` and one column per capture group (read as `g.<group>`). */
function csvGroups(path: CopyPaths, layout: CsvLayout, reading: CsvReading): string {
  const typed = typedGroups(layout, reading);
  return `SELECT _line, filename, coalesce(${layout.fits}, false) AS _fits, ${layout.groups.map((g) => `${typed.get(g.name) ?? g.sql} AS ${quoteIdent(g.name)}`).join(', ')}
FROM ${readCsvCopy(path, layout, reading)}`;
}

/** Every line of the CSV copy into the source's table, a line to reject with `_ordinal` = -line (line-sql.ts). */
export function insertCsvLinesSql(path: CopyPaths, table: string, f: CompiledFormat, layout: CsvLayout, constants: { name: string; sql: string }[], keys?: FileKeys, reading: CsvReading = 'exact'): string {
  const typed = typedGroups(layout, reading);
  const cols = f.columns.map((c) => quoteIdent(c.name));
  const values = f.columns.map((c) => c.type === 'VARCHAR' || typed.has(c.name) ? c.sql : castValue(c));
  const checked = { ...f, columns: f.columns.filter((c) => !typed.has(c.name)) };
  const keep = ['g._fits', ...castChecks(checked).map(([bad]) => `NOT ${bad}`)].join(' AND ');
  return `INSERT INTO ${quoteIdent(table)} (${[...cols, ...constants.map((c) => quoteIdent(c.name)), '_ordinal'].join(', ')})
SELECT ${[...values, ...constants.map((c) => c.sql), `CASE WHEN ${keep} THEN g._line ELSE -g._line END`].join(', ')}
FROM (${csvGroups(path, layout, reading)}) AS g${joinKeys('g', keys)}${ANY_ORDER}`;
}

/** The lines insertCsvLinesSql leaves out, each with the reason the pattern's reading gives (always the exact reading). */
export function rejectedCsvLinesSql(path: string, f: CompiledFormat, layout: CsvLayout, label: string): string {
  const reasons = castChecks(f).map(([bad, why]) => `CASE WHEN ${bad} THEN ${why} END`);
  return `SELECT _line AS line, reason FROM (
  SELECT g._line, CASE WHEN NOT g._fits THEN ${quoteLiteral(`does not match the ${label} layout`)} ELSE concat_ws('; ', ${reasons.join(', ') || 'NULL'}) END AS reason
  FROM (${csvGroups(path, layout, 'exact')}) AS g)
WHERE reason <> '' ORDER BY line`;
}

/** Removes a file's rows that came from the CSV copy's lines (a typed reading that did not give them all). */
export function deleteCsvLinesSql(path: string, table: string, evidenceId: number): string {
  return `DELETE FROM ${quoteIdent(table)} WHERE _evidence_id = ${Math.trunc(evidenceId)} AND abs(_ordinal) IN (
  SELECT CAST(regexp_extract(raw, '^[0-9]+') AS BIGINT) FROM ${readCopy(path, MAX_LINE_BYTES + 64)})`;
}
