// The INSERT that reads export-copy.ts' direct copy (`<line>\x1f<epoch ms>\x1f<message>`, continuation
// newlines as 0x1E) into cloudwatch_logs: no JSON, no checks (each event was checked as it was written), the
// computed columns over `r` as from the JSON-record path, so both give the same row (decision 0019).
import { quoteIdent } from '../../duck/evidence-db';
import { ANY_ORDER, joinKeys, pathList, type FileKeys } from '../line-format/line-sql';
import { MAX_LINE_BYTES } from '../line-format/numbered-text';
import { CLOUDWATCH_FORMAT } from './format';

/** `evidence`: the evidence id as SQL (a number, or a column of `k` with `keys`, a batch's copies keyed by path). */
export function insertExportSql(directPaths: string[], evidence: string, keys?: FileKeys): string {
  const computed = CLOUDWATCH_FORMAT.computed ?? [];
  const cols = ['timestamp', 'message', ...computed.map((c) => c.name), '_evidence_id', '_ordinal'];
  return `INSERT INTO ${quoteIdent(CLOUDWATCH_FORMAT.table)} (${cols.map(quoteIdent).join(', ')})
SELECT r."timestamp", r.message, ${computed.map((c) => c.sql).join(', ')}, ev, line
FROM (SELECT line, ${evidence} AS ev, struct_pack("timestamp" := ts, message := replace(message, chr(30), chr(10))) AS r
  FROM read_csv(${pathList(directPaths)}, columns = {'line': 'BIGINT', 'ts': 'BIGINT', 'message': 'VARCHAR'}, delim = chr(31), quote = '', escape = '',
    comment = '', header = false, auto_detect = false, new_line = '\\n', max_line_size = ${MAX_LINE_BYTES + 64}, filename = true) AS c${joinKeys('c', keys)})${ANY_ORDER}`;
}
