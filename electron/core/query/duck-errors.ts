import type { ErrorCode } from '../../../shared/errors';
import { CairnError } from '../errors';

/** Maps a DuckDB error to a stable code and, where DuckDB drew a caret under the statement, its position. */
export function classifyDuckError(e: unknown, sql: string, reason?: 'timeout' | 'cancel'): CairnError {
  if (e instanceof CairnError) return e;
  const message = e instanceof Error ? e.message : String(e);
  let code: ErrorCode = 'SQL_ERROR';
  if (/^INTERRUPT Error/i.test(message) || /interrupted/i.test(message)) code = reason === 'timeout' ? 'TIMEOUT' : 'CANCELLED';
  else if (/^Parser Error/i.test(message)) code = 'SQL_SYNTAX';
  else if (/^Catalog Error: (Scalar|Table|Aggregate|Macro) Function with name/i.test(message)) code = 'SQL_UNSUPPORTED';
  else if (/^Catalog Error/i.test(message) || /^Binder Error: Referenced (column|table)/i.test(message) || /^Binder Error: Values list/i.test(message)) code = 'SQL_UNKNOWN_NAME';
  else if (/^Not implemented Error/i.test(message)) code = 'SQL_UNSUPPORTED';
  else if (/^Out of Memory Error/i.test(message)) code = 'OUT_OF_MEMORY';
  else if (/^Permission Error/i.test(message)) code = 'SQL_DENIED';
  const text = code === 'CANCELLED' ? 'query cancelled' : code === 'TIMEOUT' ? 'query timed out and was stopped' : message;
  return new CairnError(code, text, caretPosition(message, sql));
}

/**
 * DuckDB prints "LINE n: <text of that line>" and a caret line below it. Turn that into a 1-based offset
 * in the statement. DuckDB may elide a long line's start with "..."; then we give up rather than guess.
 */
function caretPosition(message: string, sql: string): number | undefined {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at === -1) return undefined;
  const m = /^LINE (\d+): (.*)$/.exec(lines[at]!);
  const caretLine = lines[at + 1];
  if (!m || caretLine === undefined) return undefined;
  const prefix = `LINE ${m[1]}: `.length;
  const caret = caretLine.indexOf('^');
  if (caret < prefix) return undefined;
  const shown = m[2]!;
  if (shown.startsWith('...')) return undefined;
  const lineNo = Number(m[1]);
  const srcLines = sql.split('\n');
  let offset = 0;
  for (let k = 0; k < lineNo - 1 && k < srcLines.length; k++) offset += srcLines[k]!.length + 1;
  return offset + (caret - prefix) + 1;
}
