// A small SQL tokenizer: enough to look at statement heads and function calls without being fooled by
// quoted text or comments. Not a parser.

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
    if (c === '-' && sql[i + 1] === '-') { const nl = sql.indexOf('\n', i); i = nl === -1 ? n : nl + 1; continue; }
    if (c === '/' && sql[i + 1] === '*') { const e = sql.indexOf('*/', i + 2); i = e === -1 ? n : e + 2; continue; }
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
