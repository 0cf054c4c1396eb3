import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { tokenize, type Token } from '../../../shared/sql/tokenize';
import { serializeSql } from '../dialect/parse-tree';
import { CairnError } from '../errors';
import { SCRATCH_DB } from './analyst-instance';
import { DENIED_FUNCTIONS, STATEMENT_TYPES } from './gate-lists';

// The first wall: analyst SQL may read the evidence and keep scratch objects; nothing else. DuckDB decides what
// a statement is: its own extraction says where statements end, its prepared statement says what kind each is,
// and what runs is exactly the statement that was judged. The second wall (the read-only analyst instance,
// docs/decisions/0001-analyst-instance.md) does not rely on any of this.

export interface GatedStatement {
  /** The one DuckDB statement to execute: the very statement that was classified. */
  prepared: DuckDBPreparedStatement;
  kind: 'query' | 'scratch-ddl';
  /** An EXPLAIN: its plan is streamed, never made into a results table. */
  explain?: boolean;
  /** The text that was prepared (TEMP dropped from CREATE so scratch objects outlive a pooled connection). */
  sql: string;
}

/** Prepares one statement (already translated to DuckDB SQL), or refuses it with SQL_DENIED. */
export async function gateStatement(sql: string, conn: DuckDBConnection): Promise<GatedStatement> {
  const tokens = tokenize(sql);
  checkTokens(tokens);
  checkLeadingWord(tokens);
  const text = scratchInsteadOfTemp(sql, tokens);
  const prepared = await prepareExactlyOne(text, conn);
  try {
    const type = STATEMENT_TYPES[prepared.statementType as number] ?? `statement type ${prepared.statementType}`;
    if (type === 'SELECT') {
      await checkFunctions(text, conn);
      return { prepared, kind: 'query', sql: text };
    }
    if (type === 'EXPLAIN') {
      await checkExplained(text, tokens, conn);
      return { prepared, kind: 'query', sql: text, explain: true };
    }
    if (type === 'CREATE' || type === 'DROP') return { prepared, kind: 'scratch-ddl', sql: text };
    throw notAllowed(type);
  } catch (e) {
    prepared.destroySync();
    throw e;
  }
}

/** DuckDB's own statement extraction: a text that is not exactly one statement to DuckDB is refused. */
async function prepareExactlyOne(sql: string, conn: DuckDBConnection): Promise<DuckDBPreparedStatement> {
  const extracted = await conn.extractStatements(sql);
  if (extracted.count !== 1) {
    throw denied(`this text is ${extracted.count} statements to DuckDB (a quote, comment or dollar sign may hide a semicolon); run one statement at a time`);
  }
  return extracted.prepare(0);
}

/** EXPLAIN ANALYZE runs its statement: only a query may be explained. */
async function checkExplained(sql: string, tokens: Token[], conn: DuckDBConnection): Promise<void> {
  const inner = tokens.find((t, k) => k > 0 && !(t.kind === 'word' && ['ANALYZE', 'ANALYSE', 'EXPLAIN'].includes(t.upper)));
  if (!inner) throw denied('EXPLAIN needs a query');
  const innerSql = sql.slice(inner.pos);
  const prepared = await prepareExactlyOne(innerSql, conn);
  const type = prepared.statementType as number;
  prepared.destroySync();
  if (STATEMENT_TYPES[type] !== 'SELECT') throw denied('EXPLAIN is allowed for queries only');
  await checkFunctions(innerSql, conn);
}

/** Function names from DuckDB's parse tree, so quoting, qualifying or comments cannot hide a call. */
async function checkFunctions(sql: string, conn: DuckDBConnection): Promise<void> {
  const tree = await serializeSql(conn, sql);
  if (tree.error) return; // DuckDB could not serialize it; the token check and the second wall still hold
  const found = findDenied(tree.statements);
  if (found) throw denied(`function ${found}() is not available to analyst SQL (it reads files, runs SQL from text or shows the workstation's configuration)`);
}

function findDenied(v: unknown): string | undefined {
  if (Array.isArray(v)) { for (const x of v) { const f = findDenied(x); if (f) return f; } return undefined; }
  if (typeof v !== 'object' || v === null) return undefined;
  const node = v as Record<string, unknown>;
  if (node.class === 'FUNCTION' && typeof node.function_name === 'string' && DENIED_FUNCTIONS.has(node.function_name.toLowerCase())) return node.function_name;
  for (const x of Object.values(node)) { const f = findDenied(x); if (f) return f; }
  return undefined;
}

/** Statements that begin with any other word are refused before DuckDB prepares (and so binds) them. */
const ALLOWED_FIRST_WORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'EXPLAIN', 'CREATE', 'DROP', 'DESCRIBE', 'SHOW', 'SUMMARIZE']);

function checkLeadingWord(tokens: Token[]): void {
  const first = tokens.find((t) => t.kind !== 'symbol' || t.value !== '(');
  if (first?.kind === 'word' && !ALLOWED_FIRST_WORDS.has(first.upper)) {
    throw notAllowed(first.upper, first.pos + 1);
  }
  const head = tokens.slice(0, 5).filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word').map((t) => t.upper);
  if (head[0] === 'CREATE' && head.includes('SECRET')) throw denied('secrets are not available to analyst SQL');
}

function checkTokens(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    if ((t.kind === 'word' || t.kind === 'quoted-ident') && next?.kind === 'symbol' && next.value === '(' && DENIED_FUNCTIONS.has(t.value.toLowerCase())) {
      throw denied(`function ${t.value}() is not available to analyst SQL (it reads files, runs SQL from text or shows the workstation's configuration) at position ${t.pos + 1}`, t.pos + 1);
    }
    if (t.kind === 'word' && (t.upper === 'FROM' || t.upper === 'JOIN') && next?.kind === 'string') {
      throw denied(`reading a file by path (${JSON.stringify(next.value)}) is not allowed; query the case's tables`, next.pos + 1);
    }
  }
}

/** CREATE TEMP x / CREATE temp.x: a pooled connection's temp catalog would lose it, so it goes to scratch. */
function scratchInsteadOfTemp(sql: string, tokens: Token[]): string {
  const words = tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word');
  if (words[0]?.upper !== 'CREATE') return sql;
  const edits: Array<{ at: number; len: number; text: string }> = [];
  const temp = words.slice(1, 4).find((t) => t.upper === 'TEMP' || t.upper === 'TEMPORARY');
  if (temp) edits.push({ at: temp.pos, len: temp.value.length, text: '' });
  const kind = tokens.findIndex((t) => t.kind === 'word' && ['TABLE', 'VIEW', 'MACRO', 'FUNCTION'].includes(t.upper));
  let k = kind + 1;
  while (tokens[k]?.kind === 'word' && ['IF', 'NOT', 'EXISTS'].includes((tokens[k] as { upper: string }).upper)) k++;
  const first = tokens[k];
  const dot = tokens[k + 1];
  if (kind > 0 && first && first.kind === 'word' && first.upper === 'TEMP' && dot?.kind === 'symbol' && dot.value === '.') {
    edits.push({ at: first.pos, len: first.value.length, text: SCRATCH_DB });
  }
  let out = sql;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.len);
  return out;
}

function notAllowed(kind: string, position?: number): CairnError {
  return denied(`${kind} statements are not allowed: evidence tables are read-only and analyst SQL cannot change settings, attach databases, read or write files, or load extensions. Use SELECT, or CREATE TABLE/VIEW ... AS for scratch objects`, position);
}

export function denied(message: string, position?: number): CairnError {
  return new CairnError('SQL_DENIED', `denied: ${message}`, position);
}
