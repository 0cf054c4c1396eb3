// The SQL that reads text flow-log files: the numbered copies (numbered-copy.ts) of every file of a batch
// that share one layout, in one multi-threaded read_csv. Its column list depends on the layout, so it is
// assembled here from the catalogue (fields.ts); every name and literal comes from the catalogue or from a
// header token that passed looksLikeFieldName, and paths and dates go through quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { DEFAULT_V2_FORMAT, lookupField } from './fields';
import { MAX_LINE_BYTES, MAX_PREFIX } from './numbered-copy';
import { dateSql } from './path-date';
import type { TextLayout } from './layout';

/** Where a file's rows are stored (schema.sql): the narrow table when every field is a default (v2) field. */
export const DEFAULT_FORMAT_TABLE = 'vpc_flow_logs_default_format';
export const ALL_FIELDS_TABLE = 'vpc_flow_logs_all_fields';
const DEFAULT_FIELDS: ReadonlySet<string> = new Set(DEFAULT_V2_FORMAT);

export function storageTable(layout: TextLayout): string {
  const narrow = !layout.cloudWatchPrefix && layout.fields.every((f) => DEFAULT_FIELDS.has(lookupField(f)?.name ?? ''));
  return narrow ? DEFAULT_FORMAT_TABLE : ALL_FIELDS_TABLE;
}

export const REJECTS_TABLE = '_vpcflow_rejects';
export const REJECTS_SCAN = '_vpcflow_rejects_scan';
/** Rejects DuckDB keeps per file; past this the file is reported as failed (see import-text.ts). */
export const DUCK_REJECTS_LIMIT = 50_000;
/** The column holding the line number that prefixes each line of a numbered copy. */
const LINE_COLUMN = '_line';

/** One numbered copy in a read: the evidence file it holds, and its S3 delivery date if the path has one. */
export interface CopyToRead { copyPath: string; evidenceId: number; pathDate: string | null }

export function buildTextInsert(copies: CopyToRead[], layout: TextLayout): string {
  const readCols: string[] = [`'${LINE_COLUMN}': 'BIGINT'`]; // name -> type for read_csv
  const targets: string[] = [];      // vpc_flow_logs columns filled
  const values: string[] = [];       // expressions, same order as targets
  const extras: { key: string; col: string }[] = [];
  if (layout.cloudWatchPrefix) {
    readCols.push(`'_cloudwatch_time': 'TIMESTAMP'`);
    targets.push('_cloudwatch_time');
    values.push('r._cloudwatch_time');
  }
  let startCol: string | null = null;
  layout.fields.forEach((name, i) => {
    const field = lookupField(name);
    if (field) {
      readCols.push(`${quoteLiteral(field.column)}: '${field.type}'`);
      targets.push(quoteIdent(field.column));
      values.push(`r.${quoteIdent(field.column)}`);
      if (field.column === 'start') startCol = `r.${quoteIdent('start')}`;
    } else {
      const col = `_extra_${i}`;
      readCols.push(`'${col}': 'VARCHAR'`);
      extras.push({ key: name, col: `r.${col}` });
    }
  });
  // A file's path date wins; files without one get the UTC date of each record's start.
  targets.push('"date"');
  values.push(`coalesce(f.path_date, ${dateSql(null, startCol)})`);
  if (extras.length) {
    targets.push('_extra_fields');
    values.push(`MAP([${extras.map((e) => quoteLiteral(e.key)).join(', ')}], [${extras.map((e) => e.col).join(', ')}])`);
  }
  targets.push('_evidence_id', '_ordinal');
  values.push('f.evidence_id', `r.${LINE_COLUMN}`);

  const options = [
    `columns = {${readCols.join(', ')}}`,
    `delim = ' '`, `nullstr = '-'`, `quote = ''`, `escape = ''`, `comment = ''`, `new_line = '\\n'`,
    // Header lines are blank in the copies; blank lines are skipped.
    `header = false`, `auto_detect = false`, `filename = true`,
    `max_line_size = ${MAX_LINE_BYTES + MAX_PREFIX}`,
    `store_rejects = true`, `rejects_table = '${REJECTS_TABLE}'`, `rejects_scan = '${REJECTS_SCAN}'`,
    `rejects_limit = ${DUCK_REJECTS_LIMIT}`,
  ];
  const paths = copies.map((c) => quoteLiteral(c.copyPath));
  // Each copy's path names its evidence file and S3 delivery date.
  const files = copies.map((c) => `(${quoteLiteral(c.copyPath)}, ${Math.trunc(c.evidenceId)}, ${c.pathDate ? `DATE ${quoteLiteral(c.pathDate)}` : 'NULL::DATE'})`);
  return `INSERT INTO ${storageTable(layout)} (${targets.join(', ')})\n` +
    `SELECT ${values.join(', ')}\nFROM read_csv([${paths.join(', ')}], ${options.join(', ')}) AS r\n` +
    `JOIN (VALUES ${files.join(', ')}) AS f(path, evidence_id, path_date) ON r.filename = f.path`;
}

/** Rows per evidence file in a range of ids: a batch's files are counted after its inserts. $1, $2 = id range. */
export const COUNT_ROWS_PER_FILE = `
SELECT _evidence_id AS id, count(*) AS n FROM vpc_flow_logs WHERE _evidence_id BETWEEN $1 AND $2 GROUP BY _evidence_id`;

/** DuckDB's reject rows with the line number read back from the copy's prefix. */
const DUCK_REJECTS = `
  SELECT s.file_path AS path,
    coalesce(TRY_CAST(split_part(r.csv_line, ' ', 1) AS BIGINT), r.line) AS line, r.error_type, r.column_name, r.byte_position, r.error_message
  FROM ${REJECTS_TABLE} r JOIN ${REJECTS_SCAN} s USING (scan_id, file_id)`;

/** Errors DuckDB stored per file (a line can have several); past DUCK_REJECTS_LIMIT it stops storing them. */
export const COUNT_DUCK_REJECTS = `SELECT path, count(*) AS n FROM (${DUCK_REJECTS}) GROUP BY ALL`;

/**
 * One row per rejected line: DuckDB stores one per error, a line can have several. The line is the copy's own
 * prefix (DuckDB's line count, the fallback, agrees: the copy keeps every line break).
 * Column counts in DuckDB's messages include the prefix (and a CloudWatch timestamp), so they are given back
 * as the layout's fields.
 */
export function selectDuckRejects(layout: TextLayout): string {
  const notFields = 1 + (layout.cloudWatchPrefix ? 1 : 0);
  return `
SELECT path, line, string_agg(error_type || coalesce(' (' || column_name || ')', '') || ': ' || left(message, 300), '; ' ORDER BY byte_position) AS reason
FROM (
  SELECT path, line, error_type, column_name, byte_position,
    CASE WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') AND regexp_matches(error_message, '^Expected Number of Columns: \\d+ Found: \\d+$')
      THEN 'expected ' || (CAST(regexp_extract(error_message, 'Columns: (\\d+)', 1) AS BIGINT) - ${notFields}) || ' fields, found '
        || (CAST(regexp_extract(error_message, 'Found: (\\d+)', 1) AS BIGINT) - ${notFields})
      ELSE error_message END AS message
  FROM (${DUCK_REJECTS})
)
GROUP BY path, line ORDER BY path, line`;
}

export const DROP_DUCK_REJECTS = `DROP TABLE IF EXISTS ${REJECTS_TABLE}; DROP TABLE IF EXISTS ${REJECTS_SCAN};`;
