// The SQL that reads one text flow-log file. Its column list depends on the file's header, so it is
// assembled here from the catalogue (fields.ts); every name and literal comes from the catalogue or
// from a header token that passed looksLikeFieldName, and paths go through quoteLiteral.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { lookupField } from './fields';
import { dateSql } from './path-date';
import type { TextLayout } from './layout';

export const REJECTS_TABLE = '_vpcflow_rejects';
export const REJECTS_SCAN = '_vpcflow_rejects_scan';
/** Rejects DuckDB keeps per file; past this the file is reported as failed (see import-text.ts). */
export const DUCK_REJECTS_LIMIT = 50_000;
const MAX_LINE_BYTES = 2_000_000;


export function buildTextInsert(path: string, layout: TextLayout, evidenceId: number, pathDate: string | null): string {
  const readCols: string[] = [];     // name -> type for read_csv
  const targets: string[] = [];      // vpc_flow_logs columns filled
  const values: string[] = [];       // expressions, same order as targets
  const extras: { key: string; col: string }[] = [];
  if (layout.cloudWatchPrefix) {
    readCols.push(`'_cloudwatch_time': 'TIMESTAMP'`);
    targets.push('_cloudwatch_time');
    values.push('_cloudwatch_time');
  }
  let startCol: string | null = null;
  layout.fields.forEach((name, i) => {
    const field = lookupField(name);
    if (field) {
      readCols.push(`${quoteLiteral(field.column)}: '${field.type}'`);
      targets.push(quoteIdent(field.column));
      values.push(quoteIdent(field.column));
      if (field.column === 'start') startCol = quoteIdent('start');
    } else {
      const col = `_extra_${i}`;
      readCols.push(`'${col}': 'VARCHAR'`);
      extras.push({ key: name, col });
    }
  });
  const date = dateSql(pathDate, startCol);
  targets.push('"date"');
  values.push(date);
  if (extras.length) {
    targets.push('_extra_fields');
    values.push(`MAP([${extras.map((e) => quoteLiteral(e.key)).join(', ')}], [${extras.map((e) => e.col).join(', ')}])`);
  }
  targets.push('_evidence_id', '_ordinal');
  // row_number() counts the rows DuckDB returns; with a single-threaded scan and insertion order kept
  // it is the k-th accepted line. import-text.ts shifts it past rejected and empty lines afterwards.
  values.push(String(evidenceId), `row_number() OVER () + ${layout.hasHeader ? 1 : 0}`);

  const options = [
    `columns = {${readCols.join(', ')}}`,
    `delim = ' '`, `nullstr = '-'`, `quote = ''`, `escape = ''`, `comment = ''`, `new_line = '\\n'`,
    `header = ${layout.hasHeader}`, `auto_detect = false`, `parallel = false`,
    `max_line_size = ${MAX_LINE_BYTES}`,
    `store_rejects = true`, `rejects_table = '${REJECTS_TABLE}'`, `rejects_scan = '${REJECTS_SCAN}'`,
    `rejects_limit = ${DUCK_REJECTS_LIMIT}`,
  ];
  return `INSERT INTO vpc_flow_logs (${targets.join(', ')})\n` +
    `SELECT ${values.join(', ')}\nFROM read_csv(${quoteLiteral(path)}, ${options.join(', ')})`;
}

export const COUNT_DUCK_REJECTS = `SELECT count(*) FROM ${REJECTS_TABLE}`;

/** One row per rejected line: DuckDB stores one per error, a line can have several. */
export const SELECT_DUCK_REJECTS = `
SELECT line, string_agg(error_type || coalesce(' (' || column_name || ')', '') || ': ' || left(error_message, 300), '; ' ORDER BY byte_position) AS reason
FROM ${REJECTS_TABLE} GROUP BY line ORDER BY line`;

export const DROP_DUCK_REJECTS = `DROP TABLE IF EXISTS ${REJECTS_TABLE}; DROP TABLE IF EXISTS ${REJECTS_SCAN};`;

export const CREATE_BAD_LINES = `CREATE OR REPLACE TEMP TABLE _vpcflow_bad_lines (line BIGINT)`;
export const DROP_BAD_LINES = `DROP TABLE IF EXISTS _vpcflow_bad_lines`;

/**
 * Moves each accepted row's _ordinal from "k-th accepted line" to its line number: good row k comes after
 * bad line j (1-based, sorted) iff k > g_j, where g_j = line_j - header - j counts good lines before it.
 * $1 = evidence id, $2 = header lines (0 or 1).
 */
export const SHIFT_ORDINALS = `
UPDATE vpc_flow_logs AS v SET _ordinal = v._ordinal + s.shift
FROM (
  SELECT r.o, b.n AS shift
  FROM (SELECT _ordinal AS o FROM vpc_flow_logs WHERE _evidence_id = $1) r
  ASOF JOIN (
    SELECT g, max(n) AS n FROM (
      SELECT line - $2 - row_number() OVER (ORDER BY line) AS g, row_number() OVER (ORDER BY line) AS n FROM _vpcflow_bad_lines
    ) GROUP BY g
  ) b ON r.o - $2 > b.g
) s
WHERE v._evidence_id = $1 AND v._ordinal = s.o`;
