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
    if (c === '-' && next === '-') { const nl = sql.indexOf('\n', i); i = nl === -1 ? n : nl + 1; continue; }
    if (c === '/' && next === '*') { const close = sql.indexOf('*/', i + 2); i = close === -1 ? n : close + 2; continue; }
    if (c === "'" || c === '"' || c === '`') { i = skipQuoted(sql, i, c); continue; }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) { const close = sql.indexOf(m[0], i + m[0].length); i = close === -1 ? n : close + m[0].length; continue; }
    }
    if (c === ';') { push(i); segStart = i + 1; }
    i++;
  }
  push(n);
  return out;
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
    if (c === '-' && next === '-') { const nl = sql.indexOf('\n', i); i = nl === -1 ? sql.length : nl; out += ' '; continue; }
    if (c === '/' && next === '*') { const close = sql.indexOf('*/', i + 2); i = close === -1 ? sql.length : close + 2; out += ' '; continue; }
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
