// The lexical rules of DuckDB's (PostgreSQL's) scanner that decide where quoted text and comments end, shared by
// the splitter and the tokenizer so they read a text the same way: a -- comment ends at \n or \r; block comments
// nest; E'...' strings take backslash escapes; a dollar sign inside a word is part of the word, not a quote.
// test/security/split-agreement.test.ts checks the splitter against DuckDB's own extraction.

export const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Offset just past a -- comment that starts at i (past its \n or \r). */
export function lineCommentEnd(sql: string, i: number): number {
  let j = i + 2;
  while (j < sql.length && sql[j] !== '\n' && sql[j] !== '\r') j++;
  return Math.min(sql.length, j + 1);
}

/** Offset just past a (nesting) block comment that starts at i. */
export function blockCommentEnd(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') { depth++; j += 2; continue; }
    if (sql[j] === '*' && sql[j + 1] === '/') { depth--; j += 2; if (depth === 0) return j; continue; }
    j++;
  }
  return sql.length;
}

/** Whether the quote at i opens an E'...' string (the E is a word of its own). */
export function isEscapeStringStart(sql: string, i: number): boolean {
  const e = sql[i - 1];
  return (e === 'E' || e === 'e') && !IDENT_CHAR.test(sql[i - 2] ?? ' ');
}

/** Offset just past an E'...' string whose quote is at i. */
export function escapeStringEnd(sql: string, i: number): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === '\\') { j += 2; continue; }
    if (sql[j] === "'") { if (sql[j + 1] === "'") { j += 2; continue; } return j + 1; }
    j++;
  }
  return sql.length;
}

/** Offset just past a '...' or "..." run starting at i (a doubled quote is an escaped quote). */
export function quotedEnd(sql: string, i: number, q: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

/** Offset just past a $tag$...$tag$ string starting at i, or -1 when the $ at i does not open one. */
export function dollarQuoteEnd(sql: string, i: number): number {
  if (IDENT_CHAR.test(sql[i - 1] ?? ' ')) return -1;
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
  if (!m) return -1;
  const close = sql.indexOf(m[0], i + m[0].length);
  return close === -1 ? sql.length : close + m[0].length;
}
