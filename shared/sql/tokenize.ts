// A small SQL tokenizer: enough to look at statement heads and function calls without being fooled by
// quoted text or comments. Not a parser; its comment and quote rules are DuckDB's (./lexer.ts).
import { blockCommentEnd, dollarQuoteEnd, escapeStringEnd, isEscapeStringStart, lineCommentEnd } from './lexer';

export type Token =
  | { kind: 'word'; value: string; upper: string; pos: number }
  | { kind: 'quoted-ident'; value: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: string; pos: number }
  | { kind: 'symbol'; value: string; pos: number };

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { i = lineCommentEnd(sql, i); continue; }
    if (c === '/' && sql[i + 1] === '*') { i = blockCommentEnd(sql, i); continue; }
    if (c === "'" && isEscapeStringStart(sql, i) && out.at(-1)?.pos === i - 1) {
      // E'...': the E was read as a word; the string (escapes kept as written) replaces it.
      const j = escapeStringEnd(sql, i);
      out[out.length - 1] = { kind: 'string', value: sql.slice(i + 1, Math.max(i + 1, j - 1)), pos: i - 1 };
      i = j;
      continue;
    }
    if (c === '$') {
      const j = dollarQuoteEnd(sql, i);
      if (j !== -1) {
        const open = /^\$[A-Za-z0-9_]*\$/.exec(sql.slice(i))![0];
        out.push({ kind: 'string', value: sql.slice(i + open.length, Math.max(i + open.length, j - open.length)), pos: i });
        i = j;
        continue;
      }
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n) {
        if (sql[j] === c) { if (sql[j + 1] === c) { value += c; j += 2; continue; } break; }
        value += sql[j];
        j++;
      }
      out.push(c === "'" ? { kind: 'string', value, pos: i } : { kind: 'quoted-ident', value, pos: i });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      const value = sql.slice(i, j);
      out.push({ kind: 'word', value, upper: value.toUpperCase(), pos: i });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.eE]/.test(sql[j]!)) j++;
      out.push({ kind: 'number', value: sql.slice(i, j), pos: i });
      i = j;
      continue;
    }
    out.push({ kind: 'symbol', value: c, pos: i });
    i++;
  }
  return out;
}
