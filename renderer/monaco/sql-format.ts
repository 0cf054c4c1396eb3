// A small, predictable SQL formatter: clause keywords start lines, select lists and AND/OR conditions get one
// item per line, keywords are upper-cased, subqueries are indented. Strings, quoted names and comments are
// kept byte for byte. Not a pretty-printer for every dialect corner — it never changes what the SQL means.

type Tok = { kind: 'ws' | 'line-comment' | 'block-comment' | 'string' | 'ident' | 'word' | 'number' | 'symbol'; text: string };

const CLAUSES = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'WITH', 'QUALIFY', 'WINDOW', 'VALUES', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'FULL', 'CROSS', 'NATURAL']);
const KEYWORDS = new Set([...CLAUSES, 'BY', 'AS', 'ON', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'DISTINCT', 'ALL', 'OUTER', 'USING', 'ASC', 'DESC', 'CAST', 'TRY_CAST', 'INTERVAL', 'TIMESTAMP', 'DATE', 'OVER', 'PARTITION', 'TRUE', 'FALSE', 'EXISTS', 'CREATE', 'TEMP', 'TEMPORARY', 'TABLE', 'VIEW', 'REPLACE', 'DROP', 'IF', 'UNNEST', 'LATERAL', 'FILTER', 'ROWS', 'RANGE', 'PRECEDING', 'FOLLOWING', 'UNBOUNDED', 'CURRENT', 'ROW', 'DESCRIBE', 'SHOW', 'EXPLAIN', 'ANY', 'SOME', 'ESCAPE', 'RECURSIVE', 'NULLS', 'FIRST', 'LAST']);
/** Keywords that are also function names: followed by "(" they are calls and keep the analyst's spelling. */
const CALLABLE = new Set(['LEFT', 'RIGHT', 'REPLACE', 'IF', 'DATE', 'TIMESTAMP', 'FIRST', 'LAST', 'ANY', 'SOME', 'ROW', 'VALUES']);
/** Keywords written tight against their parenthesis, like calls. */
const NO_SPACE_CALL = new Set(['CAST', 'TRY_CAST', 'UNNEST', 'EXISTS', 'FILTER']);
/** Words that start a clause line only when they begin a join (LEFT JOIN …), not inside expressions (LEFT(x)). */
const JOIN_LEADS = new Set(['LEFT', 'RIGHT', 'INNER', 'FULL', 'CROSS', 'NATURAL']);

function lex(sql: string): Tok[] {
  const out: Tok[] = [];
  const re = /(\s+)|(--[^\n]*)|(\/\*[\s\S]*?(?:\*\/|$))|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|([A-Za-z_][A-Za-z0-9_$]*)|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|(::|<>|!=|<=|>=|\|\||->>|->|.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null && m[0] !== '') {
    const kinds: Tok['kind'][] = ['ws', 'line-comment', 'block-comment', 'string', 'ident', 'word', 'number', 'symbol'];
    const k = m.slice(1).findIndex((g) => g !== undefined);
    out.push({ kind: kinds[k]!, text: m[0] });
  }
  return out;
}

export function formatSql(sql: string): string {
  const toks = lex(sql);
  const lines: string[] = [];
  let line = '';
  let depth = 0;                        // parenthesis depth
  const clauseDepth: number[] = [0];    // indent level per open parenthesis
  let clause = '';                       // current clause keyword at this depth
  let caseDepth = 0;
  const indent = (): string => '  '.repeat(clauseDepth[clauseDepth.length - 1] ?? 0);
  const newline = (extra = 0): void => {
    if (line.trim() !== '') lines.push(line.replace(/\s+$/, ''));
    line = indent() + '  '.repeat(extra);
  };
  const emit = (text: string): void => {
    const needsSpace = line.trim() !== '' && !/[\s(.]$/.test(line) && !/^[),.;:\[\]]/.test(text) && !line.endsWith('::');
    line += (needsSpace ? ' ' : '') + text;
  };
  const sig = toks.filter((t) => t.kind !== 'ws');
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i]!;
    const up = t.text.toUpperCase();
    const nextUp = sig[i + 1]?.text.toUpperCase();
    if (t.kind === 'word' && KEYWORDS.has(up) && !(sig[i + 1]?.text === '(' && CALLABLE.has(up))) {
      const isClause = CLAUSES.has(up) && caseDepth === 0 && (!JOIN_LEADS.has(up) || nextUp === 'JOIN' || nextUp === 'OUTER');
      const joinTail = up === 'JOIN' && JOIN_LEADS.has(sig[i - 1]?.text.toUpperCase() ?? '') || (up === 'JOIN' && sig[i - 1]?.text.toUpperCase() === 'OUTER');
      if (up === 'CASE') caseDepth++;
      if (up === 'END' && caseDepth > 0) caseDepth--;
      if (isClause && !joinTail && !(up === 'ALL' )) {
        if (!(up === 'SELECT' && sig[i - 1]?.text === '(' )) newline();
        clause = up;
      } else if ((up === 'AND' || up === 'OR') && caseDepth === 0 && (clause === 'WHERE' || clause === 'HAVING' || clause === 'JOIN' || clause === 'QUALIFY') && sig[i - 2]?.text.toUpperCase() !== 'BETWEEN') {
        newline(1);
      }
      emit(up);
      if (up === 'SELECT') newline(1);
      continue;
    }
    if (t.kind === 'line-comment') { emit(t.text); newline(); continue; }
    if (t.text === '(') {
      const prev = sig[i - 1];
      const call = prev !== undefined && (prev.kind === 'ident' || (prev.kind === 'word' && (!KEYWORDS.has(prev.text.toUpperCase()) || CALLABLE.has(prev.text.toUpperCase()) || NO_SPACE_CALL.has(prev.text.toUpperCase()))));
      if (call) line = line.replace(/\s+$/, '') + '('; else emit('(');
      depth++;
      const subquery = ['SELECT', 'WITH'].includes(nextUp ?? '');
      clauseDepth.push((clauseDepth[clauseDepth.length - 1] ?? 0) + (subquery ? 1 : 0));
      if (subquery) newline();
      continue;
    }
    if (t.text === ')') {
      const wasSub = (clauseDepth[clauseDepth.length - 1] ?? 0) > (clauseDepth[clauseDepth.length - 2] ?? 0);
      if (depth > 0) { depth--; clauseDepth.pop(); }
      if (wasSub) newline();
      line += ')';
      continue;
    }
    if (t.text === ',') {
      line += ',';
      if (clause === 'SELECT' && caseDepth === 0 && isTopOfClause(clauseDepth, depth)) newline(1);
      continue;
    }
    if (t.text === ';') { line += ';'; newline(); lines.push(''); clause = ''; continue; }
    if (t.text === '.' ) { line = line.replace(/\s+$/, '') + '.'; continue; }
    if (sig[i - 1]?.text === '.') { line += t.text; continue; }
    emit(t.text);
  }
  newline();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}

/** Commas split select items only directly in the clause, not inside function calls like count(a, b). */
function isTopOfClause(clauseDepth: number[], depth: number): boolean {
  return depth === 0 || (clauseDepth[depth] ?? 0) > (clauseDepth[depth - 1] ?? 0);
}
