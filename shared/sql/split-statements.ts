// Splits SQL text into statements at top-level semicolons, aware of quotes and comments. Used by the engine
// (to gate and translate statement by statement) and by the editor (run the statement under the cursor).
import { blockCommentEnd, dollarQuoteEnd, escapeStringEnd, isEscapeStringStart, lineCommentEnd, quotedEnd } from './lexer';

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
    if (c === '-' && next === '-') { i = lineCommentEnd(sql, i); continue; }
    if (c === '/' && next === '*') { i = blockCommentEnd(sql, i); continue; }
    if (c === "'" && isEscapeStringStart(sql, i)) { i = escapeStringEnd(sql, i); continue; }
    if (c === "'" || c === '"') { i = quotedEnd(sql, i, c); continue; }
    if (c === '$') {
      const end = dollarQuoteEnd(sql, i);
      if (end !== -1) { i = end; continue; }
    }
    if (c === ';') { push(i); segStart = i + 1; }
    i++;
  }
  push(n);
  return out;
}

/** Removes -- and block comments (keeping quoted text intact). */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') { i = lineCommentEnd(sql, i); out += ' '; continue; }
    if (c === '/' && next === '*') { i = blockCommentEnd(sql, i); out += ' '; continue; }
    if (c === "'" && isEscapeStringStart(sql, i)) { const j = escapeStringEnd(sql, i); out += sql.slice(i, j); i = j; continue; }
    if (c === "'" || c === '"') { const j = quotedEnd(sql, i, c); out += sql.slice(i, j); i = j; continue; }
    if (c === '$') { const j = dollarQuoteEnd(sql, i); if (j !== -1) { out += sql.slice(i, j); i = j; continue; } }
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
