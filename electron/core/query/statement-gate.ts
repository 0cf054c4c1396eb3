import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { tokenize, type Token } from '../../../shared/sql/tokenize';
import { CairnError } from '../errors';
import { SCRATCH_DB } from './analyst-connection';

// Analyst SQL may read the evidence and keep scratch objects in the scratch database; nothing else.
// This gate is the first of two walls: the DuckDB instance also has external access off (but for the
// case's own tmp folder) and its configuration locked.

/** Table and scalar functions that read files, run SQL from strings or expose the environment. */
const DENIED_FUNCTIONS = new Set([
  'read_csv', 'read_csv_auto', 'sniff_csv', 'read_json', 'read_json_auto', 'read_json_objects', 'read_json_objects_auto',
  'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_parquet', 'parquet_scan', 'parquet_metadata',
  'parquet_schema', 'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe', 'read_text', 'read_blob', 'glob',
  'query', 'query_table', 'json_execute_serialized_sql', 'sqlite_scan', 'sqlite_attach', 'read_xlsx', 'iceberg_scan',
  'delta_scan', 'getenv', 'duckdb_secrets', 'load_aws_credentials', 'read_duckdb', 'duckdb_extensions', 'install_extension',
  'load_extension', 'checkpoint', 'force_checkpoint', 'enable_logging', 'duckdb_logs',
]);

export interface GatedStatement {
  /** The statement to execute (TEMP stripped from CREATE so scratch objects outlive one connection). */
  sql: string;
  kind: 'query' | 'scratch-ddl';
  /** A plain SELECT comes back prepared (classifying it needed that), so the caller need not prepare it again. */
  prepared?: DuckDBPreparedStatement;
}

/** Checks one statement (already translated to DuckDB SQL) and says how to run it, or refuses it. */
export async function gateStatement(sql: string, conn: DuckDBConnection): Promise<GatedStatement> {
  const tokens = tokenize(sql);
  checkTokens(tokens);
  const head = tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word').slice(0, 4).map((t) => t.upper);
  const first = head[0];
  if (first === 'CREATE') return gateCreate(sql, tokens, conn);
  if (first === 'DROP') return gateDrop(sql, tokens, conn);
  if (first === 'EXPLAIN') {
    const innerStart = tokens.find((t, k) => k > 0 && !(t.kind === 'word' && ['ANALYZE', 'ANALYSE', 'EXPLAIN'].includes(t.upper)));
    if (!innerStart) throw denied('EXPLAIN needs a query');
    const inner = await gateStatement(sql.slice(innerStart.pos), conn);
    inner.prepared?.destroySync();
    if (inner.kind !== 'query') throw denied('EXPLAIN is allowed for queries only');
    return { sql, kind: 'query' };
  }
  const prepared = await conn.prepare(sql);
  const type = TYPE_NAMES[prepared.statementType as number] ?? `statement type ${prepared.statementType}`;
  if (type === 'SELECT') return { sql, kind: 'query', prepared };
  prepared.destroySync();
  throw denied(`${type} statements are not allowed: evidence tables are read-only and analyst SQL cannot change settings, attach databases, read or write files, or load extensions. Use SELECT, or CREATE TABLE/VIEW ... AS for scratch objects`);
}

function checkTokens(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    if (t.kind === 'word' && next?.kind === 'symbol' && next.value === '(' && DENIED_FUNCTIONS.has(t.value.toLowerCase())) {
      throw denied(`function ${t.value}() is not available to analyst SQL (it reads files or runs SQL from text) at position ${t.pos + 1}`, t.pos + 1);
    }
    if (t.kind === 'word' && (t.upper === 'FROM' || t.upper === 'JOIN') && next?.kind === 'string') {
      throw denied(`reading a file by path (${JSON.stringify(next.value)}) is not allowed; query the case's tables`, next.pos + 1);
    }
  }
}

const CREATABLE = new Set(['TABLE', 'VIEW', 'MACRO', 'FUNCTION']);

async function gateCreate(sql: string, tokens: Token[], conn: DuckDBConnection): Promise<GatedStatement> {
  let k = 1;
  const word = (i: number): string | undefined => { const t = tokens[i]; return t?.kind === 'word' ? t.upper : undefined; };
  if (word(k) === 'OR' && word(k + 1) === 'REPLACE') k += 2;
  let tempToken: Token | undefined;
  if (word(k) === 'TEMP' || word(k) === 'TEMPORARY') { tempToken = tokens[k]; k++; }
  const objectKind = word(k);
  if (!objectKind || !CREATABLE.has(objectKind)) throw denied(`CREATE ${objectKind ?? ''} is not allowed; analysts may create scratch TABLE, VIEW or MACRO objects`.replace(/\s+/g, ' '));
  k++;
  if (word(k) === 'IF' && word(k + 1) === 'NOT' && word(k + 2) === 'EXISTS') k += 3;
  const name = qualifiedName(tokens, k);
  if (name.length > 1) {
    const catalog = name[0]!.toLowerCase();
    if (catalog !== SCRATCH_DB && catalog !== 'temp') throw denied(`scratch objects live in the ${SCRATCH_DB} database; ${name.join('.')} is outside it`);
  }
  const objName = name.at(-1);
  if (!objName) throw denied('CREATE needs an object name');
  if (await existsOutsideScratch(conn, objName)) throw denied(`${objName} is the name of an evidence table or view; choose another name for the scratch object`);
  // A TEMP object would vanish with its connection (each query may get its own); scratch keeps it for the session.
  let out = sql;
  if (tempToken) out = sql.slice(0, tempToken.pos) + sql.slice(tempToken.pos + tempToken.value.length);
  if (name.length > 1 && name[0]!.toLowerCase() === 'temp') out = out.replace(/\btemp\s*\.\s*/i, '');
  return { sql: out, kind: 'scratch-ddl' };
}

async function gateDrop(sql: string, tokens: Token[], conn: DuckDBConnection): Promise<GatedStatement> {
  let k = 1;
  const word = (i: number): string | undefined => { const t = tokens[i]; return t?.kind === 'word' ? t.upper : undefined; };
  const kind = word(k);
  if (!kind || !CREATABLE.has(kind)) throw denied(`DROP ${kind ?? ''} is not allowed; analysts may drop their own scratch tables, views and macros`);
  k++;
  if (word(k) === 'IF' && word(k + 1) === 'EXISTS') k += 2;
  const name = qualifiedName(tokens, k);
  const objName = name.at(-1);
  if (!objName) throw denied('DROP needs an object name');
  if (name.length > 1 && ![SCRATCH_DB, 'temp'].includes(name[0]!.toLowerCase())) throw denied(`only scratch objects can be dropped; ${name.join('.')} is not one`);
  if (await existsOutsideScratch(conn, objName)) throw denied(`${objName} is an evidence table or view and cannot be dropped`);
  return { sql, kind: 'scratch-ddl' };
}

const OBJECTS_OUTSIDE_SCRATCH_SQL = `
  SELECT count(*) AS n FROM (
    SELECT table_name AS name, database_name AS db FROM duckdb_tables()
    UNION ALL SELECT view_name, database_name FROM duckdb_views() WHERE NOT internal
  ) WHERE lower(name) = lower($name) AND db NOT IN ($scratch, 'temp')`;

async function existsOutsideScratch(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(OBJECTS_OUTSIDE_SCRATCH_SQL, { name, scratch: SCRATCH_DB });
  return Number(r.getRowObjectsJS()[0]?.n ?? 0) > 0;
}

function qualifiedName(tokens: Token[], k: number): string[] {
  const parts: string[] = [];
  for (;;) {
    const t = tokens[k];
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted-ident')) break;
    parts.push(t.value);
    const dot = tokens[k + 1];
    if (dot?.kind === 'symbol' && dot.value === '.') { k += 2; continue; }
    break;
  }
  return parts;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'SELECT', 2: 'INSERT', 3: 'UPDATE', 4: 'EXPLAIN', 5: 'DELETE', 6: 'PREPARE', 7: 'CREATE', 8: 'EXECUTE', 9: 'ALTER',
  10: 'TRANSACTION', 11: 'COPY', 12: 'ANALYZE', 13: 'SET VARIABLE', 14: 'CREATE FUNCTION', 15: 'DROP', 16: 'EXPORT', 17: 'PRAGMA',
  18: 'VACUUM', 19: 'CALL', 20: 'SET', 21: 'LOAD', 22: 'RELATION', 23: 'EXTENSION', 24: 'LOGICAL PLAN', 25: 'ATTACH', 26: 'DETACH',
  27: 'MULTI', 28: 'COPY DATABASE', 29: 'UPDATE EXTENSIONS', 30: 'MERGE INTO',
};


function denied(message: string, position?: number): CairnError {
  return new CairnError('SQL_DENIED', `denied: ${message}`, position);
}
