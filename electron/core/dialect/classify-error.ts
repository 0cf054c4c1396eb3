import type { ErrorCode } from '../../../shared/errors';
import { CairnError } from '../errors';
import { prestoCastMessage } from './cast-errors';
import { bytePositionToChar } from './parse-tree';

interface DuckErrorParts {
  kind: string;          // "Parser", "Catalog", "Binder", ...
  message: string;
  subtype?: string;      // errors_as_json only: MISSING_ENTRY, COLUMN_NOT_FOUND, ...
  name?: string;         // the missing entry's name, when DuckDB says it
  entryType?: string;    // "Table", "Scalar Function", ...
  position?: number;     // 1-based in the SQL that ran
  /** DuckDB's own candidates line ("Did you mean ...?", "Candidate bindings: ..."), kept for the analyst. */
  hint?: string;
}

const HINT = /^(Did you mean|Candidate (bindings|functions|tables|macros))/i;
const hintOf = (message: string): string | undefined => message.split('\n').slice(1).map((l) => l.trim()).find((l) => HINT.test(l));

/**
 * Classifies a DuckDB error for the analyst: SQL_SYNTAX, SQL_UNKNOWN_NAME (table/column), SQL_UNSUPPORTED
 * (a function or construct DuckDB and Cairn do not have), else SQL_ERROR — with a 1-based position in the
 * statement the analyst wrote. `ranSql` is what actually ran (translateAthena's output); when it differs
 * from `sql`, DuckDB's position is in the wrong text, so the position is found again by the name DuckDB
 * complains about, or left out rather than pointing somewhere wrong.
 */
export function classifyDialectError(e: unknown, sql: string, ranSql: string = sql): CairnError {
  if (e instanceof CairnError) return e;
  const parts = parseDuckError(e instanceof Error ? e.message : String(e), ranSql);
  let code: ErrorCode = 'SQL_ERROR';
  const hint = parts.hint ? ` ${parts.hint}` : '';
  let message = `${parts.kind} error: ${parts.message}${hint}`;
  const fn = /^(?:Scalar|Aggregate|Table|Macro|Pragma) Function$/i.test(parts.entryType ?? '')
    ? parts.name : /(?:Scalar|Aggregate|Table|Macro) Function with name "?([^\s"!]+)"? does not exist/i.exec(parts.message)?.[1];
  if (parts.kind === 'Parser') code = 'SQL_SYNTAX';
  else if (fn) { code = 'SQL_UNSUPPORTED'; message = `function ${fn}() is not supported (not in DuckDB or Cairn's Athena dialect)${hint}`; }
  else if (parts.kind === 'Catalog' || parts.subtype === 'COLUMN_NOT_FOUND' || /^Referenced (column|table)/.test(parts.message)) code = 'SQL_UNKNOWN_NAME';
  else if (parts.kind === 'Not implemented') code = 'SQL_UNSUPPORTED';
  else if (parts.kind === 'Out of Memory') code = 'OUT_OF_MEMORY';
  else if (parts.kind === 'INTERRUPT') code = 'CANCELLED';
  else if (parts.kind === 'Permission') code = 'SQL_DENIED';
  const cast = code === 'SQL_ERROR' ? prestoCastMessage(parts.message) : undefined;
  if (cast) return new CairnError('SQL_ERROR', cast, onlyCast(sql));
  const name = fn ?? parts.name ?? /with name "?([^\s"!]+)"? does not exist|Referenced column "([^"]+)"/.exec(parts.message)?.slice(1).find(Boolean);
  // Same text but no caret found (the engine may report the original while DuckDB saw a translation): the name.
  const position = (ranSql === sql ? parts.position : undefined) ?? (name ? findName(sql, name) : undefined);
  return new CairnError(code, message, position);
}

function parseDuckError(raw: string, ranSql: string): DuckErrorParts {
  // errors_as_json=true: {"exception_type": ..., "exception_message": ..., "position": "7", ...}, possibly
  // after a "Failed to extract statements: Parser Error: " prefix.
  const brace = raw.indexOf('{');
  if (brace >= 0) {
    try {
      const j = JSON.parse(raw.slice(brace)) as Record<string, string | undefined>;
      if (typeof j.exception_type === 'string') {
        return {
          kind: j.exception_type, message: (j.exception_message ?? '').split('\n')[0] ?? '', hint: hintOf(j.exception_message ?? ''), subtype: j.error_subtype,
          name: j.name, entryType: j.type, position: j.position === undefined ? undefined : bytePositionToChar(ranSql, Number(j.position)),
        };
      }
    } catch { /* not JSON: the text form below */ }
  }
  const body = raw.replace(/^Failed to extract statements: /, '');
  const m = /^([A-Za-z ]+?) Error: ([\s\S]*)$/.exec(body);
  const kind = m?.[1] ?? 'DuckDB';
  const rest = m?.[2] ?? body;
  return { kind, message: rest.split('\n')[0] ?? rest, hint: hintOf(rest), position: caretPosition(rest, ranSql) };
}

/** "LINE n: <text>" then a caret line: 1-based offset, also when DuckDB elided the line's start with "...". */
function caretPosition(message: string, sql: string): number | undefined {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  const m = at >= 0 ? /^LINE (\d+): (.*)$/.exec(lines[at]!) : null;
  const caretLine = lines[at + 1];
  if (!m || caretLine === undefined) return undefined;
  const prefix = `LINE ${m[1]}: `.length;
  const caret = caretLine.indexOf('^') - prefix;
  if (caret < 0) return undefined;
  const srcLines = sql.split('\n');
  const lineNo = Number(m[1]);
  const line = srcLines[lineNo - 1];
  if (line === undefined) return undefined;
  let shown = m[2]!;
  let lead = 0;
  if (shown.startsWith('...')) { shown = shown.slice(3); lead = 3; }
  if (shown.endsWith('...')) shown = shown.slice(0, -3);
  const start = line.indexOf(shown);
  if (start < 0 || line.indexOf(shown, start + 1) >= 0) return undefined; // not found or ambiguous: no guess
  let offset = 0;
  for (let k = 0; k < lineNo - 1; k++) offset += srcLines[k]!.length + 1;
  return offset + start + (caret - lead) + 1;
}

/** 1-based position of the statement's CAST or TRY_CAST when it has only one (else no guess). */
function onlyCast(sql: string): number | undefined {
  const hits = [...sql.matchAll(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\b(?:try_)?cast\s*\(/gi)].filter((m) => /^[a-z]/i.test(m[0]));
  return hits.length === 1 ? hits[0]!.index + 1 : undefined;
}

/** 1-based position of the first whole-word, case-insensitive occurrence of name outside quotes. */
function findName(sql: string, name: string): number | undefined {
  const re = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|[A-Za-z_][A-Za-z0-9_$]*/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    const token = m[0];
    const bare = token.startsWith('"') ? token.slice(1, -1).replace(/""/g, '"') : token;
    if (!token.startsWith("'") && !token.startsWith('--') && bare.toLowerCase() === name.toLowerCase()) return m.index + 1;
  }
  return undefined;
}
