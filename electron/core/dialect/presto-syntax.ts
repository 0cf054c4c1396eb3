import { CairnError } from '../errors';

// Presto syntax DuckDB's parser rejects, rewritten on the text before parsing (there is no tree yet):
// ARRAY(T) types and TABLESAMPLE BERNOULLI|SYSTEM (percentage). Tokens are found quote-aware, so string
// literals, quoted identifiers and comments are never touched.

/** Strings, quoted identifiers, comments, words, numbers, then any other single character. */
export const SQL_TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|\S/g;

export interface Token { text: string; at: number }

export function sqlTokens(sql: string): Token[] {
  const out: Token[] = [];
  for (const m of sql.matchAll(SQL_TOKEN)) if (!m[0].startsWith('--') && !m[0].startsWith('/*')) out.push({ text: m[0], at: m.index });
  return out;
}

export interface PrestoText {
  text: string;
  changed: boolean;
  /** 0-based offset in `text` to the 0-based offset in the analyst's statement. */
  toOriginal(offset: number): number;
}

const TRIGGER = /\b(array|tablesample)\b/i;

export function rewritePrestoSyntax(sql: string): PrestoText {
  if (!TRIGGER.test(sql)) return { text: sql, changed: false, toOriginal: (o) => o };
  const text = arrayTypes(sql);
  const shifts: Array<{ at: number; by: number }> = [];
  const sampled = tableSample(text, shifts);
  const toOriginal = (o: number) => o - shifts.filter((s) => s.at <= o).reduce((n, s) => n + s.by, 0);
  return { text: sampled, changed: sampled !== sql, toOriginal };
}

/** Index of the token closing the parenthesis opened at tokens[open], or -1. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k]!.text === '(') depth++;
    else if (tokens[k]!.text === ')' && --depth === 0) return k;
  }
  return -1;
}

/**
 * ARRAY(T) → T[] (ARRAY[...] values and DuckDB's ARRAY(SELECT ...) are left alone). Padded with spaces to
 * the same length, so every position after it is unchanged.
 */
function arrayTypes(sql: string): string {
  const tokens = sqlTokens(sql);
  for (let k = tokens.length - 2; k >= 0; k--) { // innermost (rightmost) first: nested types convert inside out
    const t = tokens[k]!;
    const next = tokens[k + 1]!;
    if (t.text.toLowerCase() !== 'array' || next.text !== '(' || /^(select|with|values|from)$/i.test(tokens[k + 2]?.text ?? '')) continue;
    const end = closing(tokens, k + 1);
    if (end < 0) continue;
    const inner = sql.slice(next.at + 1, tokens[end]!.at).trim();
    const span = tokens[end]!.at + 1 - t.at;
    const replacement = `${inner}[]`;
    if (replacement.length > span) continue;
    return arrayTypes(sql.slice(0, t.at) + replacement.padEnd(span, ' ') + sql.slice(t.at + span));
  }
  return sql;
}

/**
 * Presto's TABLESAMPLE BERNOULLI (p) / SYSTEM (p) take a percentage; DuckDB reads a bare number as a row
 * count, so the percentage is made explicit: (p%).
 */
function tableSample(sql: string, shifts: Array<{ at: number; by: number }>): string {
  const tokens = sqlTokens(sql);
  let out = '';
  let from = 0;
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.text.toLowerCase() !== 'tablesample') continue;
    const method = tokens[k + 1]!;
    const where = tokens[k]!.at + 1;
    if (!/^(bernoulli|system)$/i.test(method.text) || tokens[k + 2]!.text !== '(') {
      throw new CairnError('SQL_UNSUPPORTED', 'TABLESAMPLE: only TABLESAMPLE BERNOULLI (percentage) and TABLESAMPLE SYSTEM (percentage) are supported', where);
    }
    const end = closing(tokens, k + 2);
    const value = tokens.slice(k + 3, end);
    if (end < 0 || value.length !== 1 || !/^(\d|\.\d)/.test(value[0]!.text)) {
      throw new CairnError('SQL_UNSUPPORTED', `TABLESAMPLE ${method.text.toUpperCase()}: the sample percentage must be a number literal`, where);
    }
    const pct = Number(value[0]!.text);
    if (!(pct >= 0 && pct <= 100)) throw new CairnError('SQL_ERROR', 'TABLESAMPLE: sample percentage must be between 0 and 100', value[0]!.at + 1);
    const after = value[0]!.at + value[0]!.text.length;
    out += `${sql.slice(from, after)}%`;
    shifts.push({ at: after + shifts.length + 1, by: 1 }); // in the new text: after the '%' and earlier ones
    from = after;
  }
  return from === 0 ? sql : out + sql.slice(from);
}
