import type { DuckDBConnection } from '@duckdb/node-api';
import { CairnError } from '../errors';
import {
  bytePositionToChar, deserializeSql, functionNode, isExpr, isFunction, serializeSql, type ExprNode, type SerializedStatements,
} from './parse-tree';
import { mayHaveUnnamedItem, nameOutputs, resolveMarkers } from './output-names';
import { rewritePrestoSyntax } from './presto-syntax';
import { REWRITTEN_FUNCTIONS, rewriteFunction, Unsupported, type RewriteContext } from './rewrite-functions';
import { instantiate, loadTemplates, unnestTemplateName, type TableRef } from './templates';

// A statement is parsed only if one of these words occurs in it or a select item may lack a name (Athena
// names those _col<N>); everything else runs exactly as written. A false positive only costs a parse.
const TRIGGER = new RegExp(`\\b(${[...REWRITTEN_FUNCTIONS, 'ipaddress', 'ipprefix', 'unnest', 'json'].join('|')})\\b`, 'i');

/**
 * Rewrites one Athena (Presto/Trino) statement so DuckDB gives it Athena's meaning. Works on DuckDB's own
 * parse tree (json_serialize_sql → rewrite → json_deserialize_sql), never on SQL text, so identifiers and
 * string literals cannot be damaged. Returns the statement unchanged when nothing needed rewriting and for
 * statements DuckDB cannot serialize (anything but SELECT): the sandbox judges those. Throws CairnError
 * SQL_SYNTAX / SQL_UNSUPPORTED with a 1-based position in `sql` for what it cannot run faithfully.
 * The connection must be one where installDialect() ran.
 */
export async function translateAthena(sql: string, conn: DuckDBConnection): Promise<string> {
  const presto = rewritePrestoSyntax(sql);
  const text = presto.text;
  if (!presto.changed && !TRIGGER.test(text) && !mayHaveUnnamedItem(text)) return sql;
  const at = (byteOffset: number) => presto.toOriginal(bytePositionToChar(text, byteOffset) - 1) + 1;
  const tree = await serializeSql(conn, text);
  if (tree.error) {
    if (tree.error_type === 'parser') {
      throw new CairnError('SQL_SYNTAX', `syntax error: ${tree.error_message}`, tree.position === undefined ? undefined : at(Number(tree.position)));
    }
    return text; // "Only SELECT statements can be serialized": not ours to translate.
  }
  const ctx: RewriteContext & { changed: boolean } = { templates: await loadTemplates(conn), changed: false };
  if (/\bcardinality\b/i.test(text)) ctx.aggregateOrMacro = await aggregatesAndMacros(conn);
  try {
    tree.statements = tree.statements.map((st) => ({ ...st, node: rewriteTree(st.node, ctx) }));
  } catch (e) {
    if (e instanceof Unsupported) throw new CairnError('SQL_UNSUPPORTED', e.message, at(e.location));
    throw e;
  }
  const names = tree.statements.map((st) => nameOutputs(st.node));
  if (!ctx.changed && !names.some((n) => n.named)) return text;
  const out = await deserializeSql(conn, tree as SerializedStatements);
  if (!names.some((n) => n.markers)) return out;
  // A star before an unnamed item: its position is known once DuckDB has bound the statement.
  await resolveMarkers(tree.statements[0]?.node, out, conn);
  return deserializeSql(conn, tree as SerializedStatements);
}

const AGGREGATES_AND_MACROS_SQL = "SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type IN ('aggregate', 'macro')";
const aggregateNames = new WeakMap<DuckDBConnection, Promise<ReadonlySet<string>>>();

function aggregatesAndMacros(conn: DuckDBConnection): Promise<ReadonlySet<string>> {
  let names = aggregateNames.get(conn);
  if (!names) {
    names = conn.runAndReadAll(AGGREGATES_AND_MACROS_SQL).then((r) => new Set(r.getRows().map((row) => String(row[0]))));
    aggregateNames.set(conn, names);
  }
  return names;
}

/** Post-order walk: children first, so rules see already-translated arguments. */
function rewriteTree(v: unknown, ctx: RewriteContext & { changed: boolean }): unknown {
  if (Array.isArray(v)) return v.map((x) => rewriteTree(x, ctx));
  if (typeof v !== 'object' || v === null) return v;
  const lambda = isExpr(v) && v.class === 'LAMBDA';
  if (lambda) ctx.lambdaDepth = (ctx.lambdaDepth ?? 0) + 1;
  const node: Record<string, unknown> = {};
  try {
    for (const [k, x] of Object.entries(v)) node[k] = rewriteTree(x, ctx);
  } finally {
    if (lambda) ctx.lambdaDepth! -= 1;
  }
  const out = rewriteNode(node, ctx);
  if (out === node) return node;
  ctx.changed = true;
  // A replacement expression keeps the original's alias (SELECT CAST(ip AS IPADDRESS) AS ip).
  if (isExpr(node) && isExpr(out) && node.alias !== '') return { ...out, alias: node.alias };
  return out;
}

function rewriteNode(node: Record<string, unknown>, ctx: RewriteContext): unknown {
  if (node.type === 'TABLE_FUNCTION') return rewriteUnnest(node as TableRef, ctx);
  if (Array.isArray(node.orders)) return rewriteOrders(node);
  if (!isExpr(node)) return node;
  if (node.class === 'FUNCTION') return rewriteFunction(node as ExprNode as Parameters<typeof rewriteFunction>[0], ctx) ?? node;
  if (node.class === 'CAST') return rewriteCast(node);
  if (node.class === 'COMPARISON') return rewriteIpComparison(node, ['left', 'right']);
  if (node.class === 'BETWEEN') return rewriteIpComparison(node, ['input', 'lower', 'upper']);
  return node;
}

const IP_CASTS: Record<string, string> = { cairn_ipaddress: 'cairn_ip_key', cairn_try_ipaddress: 'cairn_try_ip_key' };

function rewriteCast(node: ExprNode): ExprNode {
  const castType = node.cast_type as { id: string; type_info?: { name?: string } | null };
  const name = castType.id === 'UNBOUND' ? (castType.type_info?.name ?? '').toLowerCase() : '';
  const child = node.child as ExprNode;
  if (name === 'ipaddress') return functionNode(node.try_cast ? 'cairn_try_ipaddress' : 'cairn_ipaddress', [child], node.query_location);
  if (name === 'ipprefix') throw new Unsupported('the IPPREFIX type is not supported (use contains(\'cidr\', ip) for CIDR checks)', node.query_location);
  // Presto CAST(x AS JSON) encodes x as JSON (a string becomes a JSON string); DuckDB's parses the string.
  if (name === 'json') return functionNode('to_json', [child], node.query_location);
  return node;
}

/** Ordering of IPADDRESS follows the address, not the text: compare 128-bit keys. */
function ipKey(e: ExprNode): ExprNode {
  if (isFunction(e) && e.function_name in IP_CASTS) return functionNode(IP_CASTS[e.function_name]!, e.children, e.query_location);
  return functionNode('cairn_ip_key', [e], e.query_location);
}
function isIpCast(e: unknown): boolean {
  return isFunction(e) && e.function_name in IP_CASTS;
}
function rewriteIpComparison(node: ExprNode, keys: string[]): ExprNode {
  if (!keys.some((k) => isIpCast(node[k]))) return node;
  const out: ExprNode = { ...node };
  for (const k of keys) out[k] = ipKey(node[k] as ExprNode);
  return out;
}
function rewriteOrders(node: Record<string, unknown>): Record<string, unknown> {
  const orders = node.orders as Array<{ expression?: unknown }>;
  if (!orders.some((o) => isIpCast(o.expression))) return node;
  return { ...node, orders: orders.map((o) => (isIpCast(o.expression) ? { ...o, expression: ipKey(o.expression as ExprNode) } : o)) };
}

/**
 * Presto's UNNEST: several arrays are zipped, and an array of ROWs becomes one column per field.
 * DuckDB's unnest table function does neither, so those shapes become a lateral subquery.
 */
function rewriteUnnest(ref: TableRef, ctx: RewriteContext): TableRef {
  const fn = ref.function;
  if (!isFunction(fn, 'unnest')) return ref;
  const args = fn.children;
  const ordinality = ref.with_ordinality === 'WITH_ORDINALITY';
  const aliases = ref.column_name_alias ?? [];
  const expandRows = args.length === 1 && aliases.length > 1 + (ordinality ? 1 : 0);
  if (args.length === 1 && !expandRows) return ref;
  if (args.length > 4) throw new Unsupported('UNNEST of more than 4 arrays is not supported', fn.query_location);
  const named: Record<string, ExprNode> = {};
  args.forEach((a, i) => { named[`a${i + 1}`] = a; });
  const sub = instantiate<TableRef>(ctx.templates, unnestTemplateName(args.length, ordinality, expandRows), named, fn.query_location);
  return { ...sub, alias: ref.alias, column_name_alias: aliases };
}
