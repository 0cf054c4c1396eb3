// Splits SQL text into statements at top-level semicolons, aware of quotes and comments. Used by the engine
// (to gate and translate statement by statement) and by the editor (run the statement under the cursor).

export interface StatementSpan {
  text: string;   // the statement without its terminating semicolon, trimmed
  start: number;  // offset of the first non-blank character in the source
  end: number;    // offset just past the last character (before the semicolon)
}

export function splitStatements(sql: string): StatementSpan[] {
  const out: StatementSpan[] = [];
  let segStart = 0;
  let i = 0;
  const n = sql.length;
  const push = (end: number): void => {
    const raw = sql.slice(segStart, end);
    if (stripComments(raw).trim() !== '') {
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      out.push({ text, start: segStart + lead, end: segStart + lead + text.length });
    }
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') { i = lineEnd(sql, i); continue; }
    if (c === '/' && next === '*') { i = blockCommentEnd(sql, i); continue; }
    if (c === "'" && isEscapeStringStart(sql, i)) { i = skipEscapeString(sql, i); continue; }
    if (c === "'" || c === '"') { i = skipQuoted(sql, i, c); continue; }
    if (c === '$' && !IDENT_CHAR.test(sql[i - 1] ?? ' ')) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) { const close = sql.indexOf(m[0], i + m[0].length); i = close === -1 ? n : close + m[0].length; continue; }
    }
    if (c === ';') { push(i); segStart = i + 1; }
    i++;
  }
  push(n);
  return out;
}

// DuckDB's lexer (PostgreSQL's): a dollar sign inside a word is part of the word, not a quote; E'...' strings
// take backslash escapes; a -- comment ends at \n or \r; block comments nest. tests/security checks agreement.
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

function lineEnd(sql: string, i: number): number {
  let j = i + 2;
  while (j < sql.length && sql[j] !== '\n' && sql[j] !== '\r') j++;
  return Math.min(sql.length, j + 1);
}

function blockCommentEnd(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') { depth++; j += 2; continue; }
    if (sql[j] === '*' && sql[j + 1] === '/') { depth--; j += 2; if (depth === 0) return j; continue; }
    j++;
  }
  return sql.length;
}

function isEscapeStringStart(sql: string, i: number): boolean {
  const e = sql[i - 1];
  return (e === 'E' || e === 'e') && !IDENT_CHAR.test(sql[i - 2] ?? ' ');
}

function skipEscapeString(sql: string, i: number): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === '\\') { j += 2; continue; }
    if (sql[j] === "'") { if (sql[j + 1] === "'") { j += 2; continue; } return j + 1; }
    j++;
  }
  return sql.length;
}

function skipQuoted(sql: string, i: number, q: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) { j += 2; continue; } // doubled quote is an escaped quote
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** Removes -- and block comments (keeping quoted text intact). */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') { i = lineEnd(sql, i); out += ' '; continue; }
    if (c === '/' && next === '*') { i = blockCommentEnd(sql, i); out += ' '; continue; }
    if (c === "'" && isEscapeStringStart(sql, i)) { const j = skipEscapeString(sql, i); out += sql.slice(i, j); i = j; continue; }
    if (c === "'" || c === '"') { const j = skipQuoted(sql, i, c); out += sql.slice(i, j); i = j; continue; }
    out += c;
    i++;
  }
  return out;
}

/** The statement that contains (or ends just before) the offset, for "run statement under cursor". */
export function statementAt(sql: string, offset: number): StatementSpan | undefined {
  const spans = splitStatements(sql);
  return spans.find((s) => offset >= s.start && offset <= s.end + 1) ?? spans.filter((s) => s.end <= offset).at(-1) ?? spans[0];
}
