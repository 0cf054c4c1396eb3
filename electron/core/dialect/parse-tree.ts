import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

// DuckDB's own parse tree, as produced by json_serialize_sql() and consumed by json_deserialize_sql().
// We only type what we touch; everything else is carried through untouched.
export interface ExprNode {
  class: string;
  type: string;
  alias: string;
  query_location: number;
  [key: string]: unknown;
}
export interface FunctionNode extends ExprNode {
  class: 'FUNCTION';
  function_name: string;
  schema: string;
  children: ExprNode[];
  is_operator: boolean;
}
export interface ConstantNode extends ExprNode {
  class: 'CONSTANT';
  value: { type: { id: string; type_info: unknown }; is_null: boolean; value?: unknown };
}

/** DuckDB writes "no location" as UINT64_MAX, which JSON.parse cannot hold exactly. */
const NO_LOCATION_TEXT = '18446744073709551615';
const NO_LOCATION_PARSED = '18446744073709552000';
export const NO_LOCATION = Number(NO_LOCATION_TEXT);

export interface SerializedStatements {
  error: false;
  statements: Array<{ node: unknown; named_param_map: unknown }>;
}
export interface SerializeError {
  error: true;
  error_type: string;
  error_message: string;
  error_subtype?: string;
  position?: string;
}

// Prepared once per connection: re-planning the wrapper query was half the cost of a translation (measured).
const prepared = new WeakMap<DuckDBConnection, Map<string, Promise<DuckDBPreparedStatement>>>();
async function runScalar(conn: DuckDBConnection, sql: string, arg: string): Promise<string> {
  let byConn = prepared.get(conn);
  if (!byConn) prepared.set(conn, (byConn = new Map()));
  let p = byConn.get(sql);
  if (!p) byConn.set(sql, (p = conn.prepare(sql)));
  const stmt = await p;
  stmt.bindVarchar(1, arg);
  const r = await stmt.runAndReadAll();
  return String(r.getRows()[0]?.[0] ?? '');
}

export async function serializeSql(conn: DuckDBConnection, sql: string): Promise<SerializedStatements | SerializeError> {
  const text = await runScalar(conn, 'SELECT json_serialize_sql($1::VARCHAR)', sql);
  return JSON.parse(text) as SerializedStatements | SerializeError;
}

export async function deserializeSql(conn: DuckDBConnection, tree: SerializedStatements): Promise<string> {
  // Only a key followed by the value can match: inside JSON strings a quote is always escaped.
  const json = keepDoubles(tree).replace(/("[a-z_]+"):18446744073709552000\b/g, `$1:${NO_LOCATION_TEXT}`);
  if (json.includes(NO_LOCATION_PARSED)) {
    // A user constant that happens to be this number lost precision in JSON.parse; refuse rather than alter it.
    throw new Error('statement contains a numeric constant that cannot be carried through translation');
  }
  return runScalar(conn, 'SELECT json_deserialize_sql($1::JSON)', json);
}

/**
 * JSON text of the tree in which DOUBLE/FLOAT constants stay doubles: JSON.parse turns 50.0 into 50, which
 * DuckDB then refuses as an integer for a double property (TABLESAMPLE 50%, 1e2).
 */
function keepDoubles(tree: SerializedStatements): string {
  const mark = `cairn-double-${randomUUID()}:`;
  const json = JSON.stringify(tree, function (this: { type?: { id?: string } }, key: string, value: unknown) {
    const doubleTyped = this.type?.id === 'DOUBLE' || this.type?.id === 'FLOAT';
    return key === 'value' && doubleTyped && typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e21 ? `${mark}${value}` : value;
  });
  return json.replace(new RegExp(`"${mark}(-?\\d+)"`, 'g'), '$1.0');
}

export function isExpr(v: unknown): v is ExprNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    && typeof (v as ExprNode).class === 'string' && typeof (v as ExprNode).type === 'string' && 'query_location' in v;
}
export function isFunction(v: unknown, name?: string): v is FunctionNode {
  return isExpr(v) && v.class === 'FUNCTION' && (name === undefined || (v as FunctionNode).function_name.toLowerCase() === name);
}
export function isStringConstant(v: unknown): v is ConstantNode & { value: { value: string } } {
  return isExpr(v) && v.class === 'CONSTANT' && (v as ConstantNode).value.type.id === 'VARCHAR' && !(v as ConstantNode).value.is_null;
}

export function functionNode(name: string, children: ExprNode[], location: number): FunctionNode {
  return {
    class: 'FUNCTION', type: 'FUNCTION', alias: '', query_location: location, function_name: name, schema: '',
    children, filter: null, order_bys: { type: 'ORDER_MODIFIER', orders: [] }, distinct: false, is_operator: false,
    export_state: false, catalog: '',
  };
}
export function stringConstant(value: string, location: number): ConstantNode {
  return { class: 'CONSTANT', type: 'VALUE_CONSTANT', alias: '', query_location: location, value: { type: { id: 'VARCHAR', type_info: null }, is_null: false, value } };
}
export function integerConstant(value: number, location: number): ConstantNode {
  return { class: 'CONSTANT', type: 'VALUE_CONSTANT', alias: '', query_location: location, value: { type: { id: 'INTEGER', type_info: null }, is_null: false, value } };
}

/** 1-based character position of a 0-based UTF-8 byte offset in sql (DuckDB reports byte offsets). */
export function bytePositionToChar(sql: string, byteOffset: number): number {
  const bytes = Buffer.from(sql, 'utf8');
  if (byteOffset < 0 || byteOffset > bytes.length) return 1;
  return bytes.subarray(0, byteOffset).toString('utf8').length + 1; // UTF-16 units, as editors count
}
