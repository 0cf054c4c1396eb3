// Which names to offer at the cursor: members after "x." (table/alias → columns, struct column → fields),
// otherwise tables, the columns of the tables the statement reads, functions and keywords.
// Pure: the Monaco adapter turns these into completion items (plain text only — names come from logs).
import type { FunctionInfo, SchemaColumn, SchemaTable } from '../../shared/api';
import { tokenize } from '../../shared/sql/tokenize';

export type SuggestionKind = 'table' | 'view' | 'column' | 'field' | 'function' | 'keyword';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  detail: string;
  documentation?: string;
  /** Text to insert: names that need it are double-quoted. */
  insert: string;
}

export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'LEFT JOIN', 'INNER JOIN',
  'CROSS JOIN', 'UNNEST', 'ON', 'AS', 'AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'LIKE', 'ILIKE', 'BETWEEN',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'DISTINCT', 'COUNT', 'WITH', 'UNION ALL', 'DESC', 'ASC', 'CAST', 'TRY_CAST',
  'TIMESTAMP', 'INTERVAL', 'OVER', 'PARTITION BY', 'QUALIFY', 'DESCRIBE', 'CREATE TEMP TABLE', 'CREATE TEMP VIEW',
];

export function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The dotted chain being typed just before the cursor: `a.b.c` → ['a','b','c'] (c possibly ''). */
export function memberChain(textBefore: string): string[] | null {
  const m = /((?:(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)\.)+)([A-Za-z_][A-Za-z0-9_$]*)?$/.exec(textBefore);
  if (!m) return null;
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_$]*)/g;
  for (const p of m[1]!.matchAll(re)) parts.push(p[1] !== undefined ? p[1].replace(/""/g, '"') : p[2]!);
  parts.push(m[2] ?? '');
  return parts;
}

/** Table references in a statement: alias (lower-case) → table name, plus the tables themselves. */
export function tableRefs(statement: string, tables: SchemaTable[]): Map<string, SchemaTable> {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const refs = new Map<string, SchemaTable>();
  const toks = tokenize(statement);
  const STOP = new Set(['WHERE', 'ON', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'CROSS', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'HAVING', 'USING', 'FULL', 'NATURAL', 'QUALIFY', 'WINDOW']);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind !== 'word' || (t.upper !== 'FROM' && t.upper !== 'JOIN')) continue;
    let j = k + 1;
    while (j < toks.length) {
      const nameTok = toks[j];
      if (!nameTok || (nameTok.kind !== 'word' && nameTok.kind !== 'quoted-ident')) break;
      const table = byName.get(nameTok.value.toLowerCase());
      if (!table) break;
      refs.set(table.name.toLowerCase(), table);
      let a = j + 1;
      if (toks[a]?.kind === 'word' && (toks[a] as { upper: string }).upper === 'AS') a++;
      const alias = toks[a];
      if (alias && (alias.kind === 'quoted-ident' || (alias.kind === 'word' && !STOP.has(alias.upper)))) { refs.set(alias.value.toLowerCase(), table); a++; }
      if (toks[a]?.kind === 'symbol' && toks[a]!.value === ',') { j = a + 1; continue; }
      break;
    }
  }
  return refs;
}

function columnSuggestions(cols: SchemaColumn[], kind: 'column' | 'field', owner: string): Suggestion[] {
  return cols.map((c) => ({ label: c.name, kind, detail: `${c.type} — ${owner}`, insert: quoteName(c.name) }));
}

/** Resolves `x.y.` against aliases, tables and nested struct fields; null when the chain means nothing known. */
export function membersOf(chain: string[], refs: Map<string, SchemaTable>, tables: SchemaTable[]): Suggestion[] | null {
  const path = chain.slice(0, -1);
  const head = path[0]?.toLowerCase();
  if (head === undefined) return null;
  let cols: SchemaColumn[] | undefined;
  let owner = path[0]!;
  let rest = path.slice(1);
  const table = refs.get(head) ?? tables.find((t) => t.name.toLowerCase() === head);
  if (table) {
    cols = table.columns;
    owner = table.name;
    if (rest.length === 0) return columnSuggestions(cols, 'column', owner);
  } else {
    // A struct column of one of the statement's tables: `useridentity.`
    const candidates = refs.size > 0 ? [...new Set(refs.values())] : tables;
    cols = candidates.flatMap((t) => t.columns);
    rest = path;
  }
  for (const seg of rest) {
    const col: SchemaColumn | undefined = cols?.find((c) => c.name.toLowerCase() === seg.toLowerCase());
    if (!col?.children) return null;
    cols = col.children;
    owner = `${owner}.${col.name}`;
  }
  return cols ? columnSuggestions(cols, 'field', owner) : null;
}

export function suggest(textBefore: string, statement: string, tables: SchemaTable[], functions: FunctionInfo[]): Suggestion[] {
  const refs = tableRefs(statement, tables);
  const chain = memberChain(textBefore);
  if (chain) return membersOf(chain, refs, tables) ?? [];
  const inScope = refs.size > 0 ? [...new Set(refs.values())] : [];
  const out: Suggestion[] = [];
  for (const t of tables) out.push({ label: t.name, kind: t.kind, detail: `${t.kind}${t.rows !== null ? ` · ${t.rows.toLocaleString('en-US')} rows` : ''}`, insert: quoteName(t.name) });
  for (const t of inScope) out.push(...columnSuggestions(t.columns, 'column', t.name));
  const seen = new Set<string>();
  for (const f of functions) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    out.push({ label: f.name, kind: 'function', detail: f.signature, documentation: `${f.description} (${f.dialect})`, insert: f.name });
  }
  for (const k of SQL_KEYWORDS) out.push({ label: k, kind: 'keyword', detail: 'keyword', insert: k });
  return out;
}
