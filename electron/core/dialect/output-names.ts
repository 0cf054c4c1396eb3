import type { DuckDBConnection } from '@duckdb/node-api';
import { isExpr, type ExprNode } from './parse-tree';
import { sqlTokens, type Token } from './presto-syntax';

// Athena names an output column without an alias that is not a column reference _col<N>, N its 0-based
// position in the result (SELECT eventname, count(*) → eventname, _col1); DuckDB would call it count_star().

const CLAUSE_END = new Set(['from', 'where', 'group', 'having', 'order', 'limit', 'offset', 'fetch', 'union', 'except',
  'intersect', 'window', 'qualify', 'into', ';']);
// Words that look like a column but are values: Athena names them _col<N> too.
const VALUE_WORDS = new Set(['null', 'true', 'false', 'current_date', 'current_time', 'current_timestamp', 'localtime',
  'localtimestamp', 'current_user', 'current_schema', 'current_catalog']);
const IDENT = /^([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")*")$/;

/** True unless every select item in the text visibly has a name (alias, column, star): then no parse is needed. */
export function mayHaveUnnamedItem(sql: string): boolean {
  const tokens = sqlTokens(sql);
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.text.toLowerCase() !== 'select') continue;
    let item: Token[] = [];
    let depth = 0;
    for (let j = k + 1; j <= tokens.length; j++) {
      const t = tokens[j]?.text;
      const word = t?.toLowerCase() ?? ';';
      if (depth === 0 && (word === ',' || word === ')' || CLAUSE_END.has(word))) {
        if (!isNamed(item)) return true;
        item = [];
        if (word !== ',') break;
        continue;
      }
      if (t === '(') depth++;
      else if (t === ')') depth--;
      if (!(item.length === 0 && (word === 'distinct' || word === 'all'))) item.push(tokens[j]!);
    }
  }
  return false;
}

function isNamed(item: Token[]): boolean {
  const texts = item.map((t) => t.text);
  const n = texts.length;
  if (n >= 2 && texts[n - 2]!.toLowerCase() === 'as' && IDENT.test(texts[n - 1]!)) return true;
  if (n === 1 && texts[0] === '*') return true;
  // a, t.a, "x".y, t.* : identifiers joined by dots
  return n % 2 === 1 && texts.every((x, i) => (i % 2 === 1 ? x === '.' : IDENT.test(x) || (x === '*' && i === n - 1)))
    && !(n === 1 && VALUE_WORDS.has(texts[0]!.toLowerCase()));
}

/** current_date and the like parse as column references but are values. */
function isValueWord(e: ExprNode): boolean {
  const names = (e as { column_names?: string[] }).column_names ?? [];
  return names.length === 1 && VALUE_WORDS.has(names[0]!.toLowerCase());
}

interface SelectNode { type: string; select_list?: ExprNode[]; left?: SelectNode }

/** The select list whose names the result takes: the statement's, or the leftmost of a set operation. */
function outputList(node: SelectNode): ExprNode[] | undefined {
  let n: SelectNode | undefined = node;
  while (n?.type === 'SET_OPERATION_NODE') n = n.left;
  return n?.type === 'SELECT_NODE' ? n.select_list : undefined;
}

const MARKER = '__cairn_unnamed_';

/**
 * Names the statement's unnamed output columns as Athena does. Where a star comes first the position is
 * only known once DuckDB has bound the statement: such items get a marker name (see resolveMarkers).
 * Returns whether anything was named, and whether markers were used.
 */
export function nameOutputs(node: unknown): { named: boolean; markers: boolean } {
  const list = outputList(node as SelectNode);
  if (!list) return { named: false, markers: false };
  let afterStar = false;
  let named = false;
  let markers = false;
  list.forEach((item, i) => {
    if (!isExpr(item)) return;
    if (item.class === 'STAR') { afterStar = true; return; }
    if (item.alias !== '' || (item.class === 'COLUMN_REF' && !isValueWord(item))) return;
    item.alias = afterStar ? `${MARKER}${i}` : `_col${i}`;
    named = true;
    markers ||= afterStar;
  });
  return { named, markers };
}

/**
 * Replaces marker names by _col<N>, N the marker's position among the bound statement's columns. Returns
 * false (markers cleared, DuckDB's own names kept) when the statement does not bind: running it will say why.
 */
export async function resolveMarkers(node: unknown, markedSql: string, conn: DuckDBConnection): Promise<boolean> {
  const list = outputList(node as SelectNode) ?? [];
  let names: string[] | undefined;
  try {
    const stmt = await conn.prepare(markedSql);
    names = Array.from({ length: stmt.columnCount }, (_, i) => stmt.columnName(i));
    stmt.destroySync();
  } catch { names = undefined; }
  for (const item of list) {
    if (!isExpr(item) || !item.alias.startsWith(MARKER)) continue;
    const at = names?.indexOf(item.alias) ?? -1;
    item.alias = at >= 0 ? `_col${at}` : '';
  }
  return names !== undefined;
}
