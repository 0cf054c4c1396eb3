import { jodaToStrftime, mysqlToStrftime, UnsupportedFormat, type Direction } from './datetime-formats';
import { parseCidr } from './cidr';
import { functionNode, integerConstant, isFunction, isStringConstant, stringConstant, type ExprNode, type FunctionNode } from './parse-tree';
import { instantiate, type Templates } from './templates';

/** A construct Cairn refuses; location is DuckDB's 0-based byte offset in the original statement. */
export class Unsupported extends Error {
  constructor(message: string, readonly location: number) { super(message); }
}

export interface RewriteContext {
  templates: Templates;
  /** Lambdas around the node being rewritten: DuckDB refuses a subquery inside a lambda. */
  lambdaDepth?: number;
  /** Aggregate functions and macros (duckdb_functions()), loaded when a statement calls cardinality(). */
  aggregateOrMacro?: ReadonlySet<string>;
}
type Rule = (fn: FunctionNode, ctx: RewriteContext) => ExprNode | undefined;

// Same name in DuckDB, different meaning: call our presto_* macro (presto-macros.sql) instead.
// arity: only calls with that many arguments are Presto's (date_add(ts, interval) is DuckDB's own form).
const RENAMES: Record<string, { to: string; arity?: number[] }> = {
  date_add: { to: 'presto_date_add', arity: [3] },
  date_diff: { to: 'presto_date_diff', arity: [3] },
  split_part: { to: 'presto_split_part', arity: [3] },
  element_at: { to: 'presto_element_at', arity: [2] },
  array_distinct: { to: 'presto_array_distinct', arity: [1] },
  array_position: { to: 'presto_array_position', arity: [2] },
  regexp_extract: { to: 'presto_regexp_extract', arity: [2, 3] },
  millisecond: { to: 'presto_millisecond', arity: [1] },
  repeat: { to: 'presto_repeat', arity: [2] },
  transform: { to: 'list_transform', arity: [2] }, // DuckDB has no transform(); macros cannot take lambdas
  substr: { to: 'presto_substr', arity: [2, 3] },
  substring: { to: 'presto_substr', arity: [2, 3] },
  format: { to: 'printf' }, // Presto's format() is Java's String.format; DuckDB's format() is fmt-style {}.
};

// Same arguments in Presto and DuckDB: any other count is refused in Presto's terms.
const SUBSTR = new Set(['substr', 'substring']);

// Only the strict cast can be unwrapped (cairn_ip_key is as strict); TRY_CAST must keep turning bad input into NULL.
const IP_CAST_FUNCTIONS = new Set(['cairn_ipaddress']);

function renamed(fn: FunctionNode, to: string): FunctionNode {
  return { ...fn, function_name: to, schema: '', catalog: '' };
}

function constantArg(fn: FunctionNode, i: number, what: string): string {
  const arg = fn.children[i];
  if (!isStringConstant(arg)) throw new Unsupported(`${fn.function_name}(): the ${what} must be a string literal`, fn.query_location);
  return arg.value.value;
}

function convertFormat(fn: FunctionNode, kind: 'mysql' | 'joda', dir: Direction): ExprNode {
  const fmt = constantArg(fn, 1, 'format');
  try {
    const converted = kind === 'mysql' ? mysqlToStrftime(fmt, dir) : jodaToStrftime(fmt, dir);
    return stringConstant(converted, fn.children[1]!.query_location);
  } catch (e) {
    if (e instanceof UnsupportedFormat) throw new Unsupported(`${fn.function_name}(): ${e.message}`, fn.children[1]!.query_location);
    throw e;
  }
}

/** Java replacement syntax ($1, \$) to RE2's (\1, $). */
function javaReplacementToRe2(fn: FunctionNode, s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\') { const next = s[++i]; if (next === undefined) break; out += next === '\\' ? '\\\\' : next; continue; }
    if (ch === '$') {
      const m = /^\d+/.exec(s.slice(i + 1));
      if (!m || m[0].length > 1) throw new Unsupported(`regexp_replace(): replacement '${s}' uses a group reference Cairn cannot translate (only $0-$9)`, fn.query_location);
      out += '\\' + m[0];
      i += m[0].length;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Presto JSONPath accepts $["key"] and $['key']; DuckDB wants $."key". */
function normaliseJsonPath(fn: FunctionNode): FunctionNode {
  const path = fn.children[1];
  if (!isStringConstant(path) || !/\[\s*["']/.test(path.value.value)) return fn;
  const fixed = path.value.value.replace(/\[\s*(["'])((?:(?!\1).)*)\1\s*\]/g, (_m, _q: string, key: string) => `."${key.replace(/"/g, '\\"')}"`);
  const children = [...fn.children];
  children[1] = stringConstant(fixed, path.query_location);
  return { ...fn, children };
}

const RULES: Record<string, Rule> = {
  contains(fn, ctx) {
    if (fn.children.length !== 2) return undefined;
    const [first, second] = fn.children as [ExprNode, ExprNode];
    // Athena's contains('10.0.0.0/8', ip). Presto has no contains(varchar, ...) otherwise, so a string
    // literal first argument can only mean a CIDR.
    if (isStringConstant(first)) {
      const ip = isFunction(second) && IP_CAST_FUNCTIONS.has(second.function_name) ? second.children[0]! : second;
      const cidr = parseCidr(first.value.value);
      // An invalid CIDR keeps the generic macro, which raises Athena's "Invalid CIDR" error at run time.
      if (!cidr) return functionNode('cairn_cidr_contains', [first, ip], fn.query_location);
      const loc = first.query_location;
      return functionNode('cairn_ip_in_prefix', [ip, integerConstant(cidr.bits, loc), stringConstant(cidr.prefix.toString(), loc)], fn.query_location);
    }
    // contains($cidr, ip): DuckDB folds no parameter, so the CIDR is parsed once in a scalar subquery rather
    // than on every row (decision 0022).
    if (sameOnEveryRow(first) && !ctx.lambdaDepth) {
      const ip = isFunction(second) && IP_CAST_FUNCTIONS.has(second.function_name) ? second.children[0]! : second;
      return instantiate(ctx.templates, 'cidr_contains_once', { cidr: first, ip }, fn.query_location);
    }
    return renamed(fn, 'presto_contains');
  },
  cardinality(fn, ctx) {
    if (fn.children.length !== 1) return undefined;
    return renamed(fn, mayBeUntyped(fn.children[0]!, ctx) ? 'presto_cardinality_any' : 'presto_cardinality');
  },
  regexp_replace(fn) {
    if (fn.children.length === 2) return { ...fn, children: [...fn.children, stringConstant('', fn.query_location), stringConstant('g', fn.query_location)] };
    if (fn.children.length !== 3) return undefined; // 4 arguments: DuckDB's own form with options
    const replacement = constantArg(fn, 2, 'replacement');
    const children = [fn.children[0]!, fn.children[1]!, stringConstant(javaReplacementToRe2(fn, replacement), fn.children[2]!.query_location), stringConstant('g', fn.query_location)];
    return { ...fn, children };
  },
  date_parse: (fn) => fn.children.length === 2 ? functionNode('strptime', [fn.children[0]!, convertFormat(fn, 'mysql', 'parse')], fn.query_location) : undefined,
  date_format: (fn) => fn.children.length === 2 ? functionNode('strftime', [fn.children[0]!, convertFormat(fn, 'mysql', 'format')], fn.query_location) : undefined,
  format_datetime: (fn) => fn.children.length === 2 ? functionNode('strftime', [fn.children[0]!, convertFormat(fn, 'joda', 'format')], fn.query_location) : undefined,
  parse_datetime: (fn, ctx) => fn.children.length === 2
    ? instantiate(ctx.templates, 'parse_datetime', { s: fn.children[0]!, fmt: convertFormat(fn, 'joda', 'parse') }, fn.query_location) : undefined,
  any_match: (fn, ctx) => lambdaTemplate(fn, ctx, 'any_match'),
  all_match: (fn, ctx) => lambdaTemplate(fn, ctx, 'all_match'),
  none_match: (fn, ctx) => lambdaTemplate(fn, ctx, 'none_match'),
  reduce(fn, ctx) {
    if (fn.children.length !== 4) return undefined;
    const [arr, init, f, out] = fn.children as [ExprNode, ExprNode, ExprNode, ExprNode];
    return instantiate(ctx.templates, 'reduce', { arr, init, fn: f, out }, fn.query_location);
  },
  // Presto: NULL if any argument is NULL. DuckDB's concat/greatest/least skip NULLs.
  concat: nullIfAnyNull, greatest: nullIfAnyNull, least: nullIfAnyNull,
  json_extract: normaliseJsonPath, json_extract_scalar: normaliseJsonPath, json_size: normaliseJsonPath,
  json_array_length: normaliseJsonPath,
  // Presto's replace(s, x) removes x; a non-empty literal search string needs nothing but DuckDB's replace.
  replace(fn) {
    arity(fn, [2, 3]);
    if (fn.children.length === 2) return { ...fn, children: [...fn.children, stringConstant('', fn.query_location)] };
    if (fn.children.length !== 3) return undefined;
    const search = fn.children[1];
    return isStringConstant(search) && search.value.value !== '' ? undefined : renamed(fn, 'presto_replace');
  },
  // Macros (presto-macros.sql): a wrong argument count is named here, not in DuckDB's macro wording.
  levenshtein_distance: (fn) => arity(fn, [2]),
  map_agg: (fn) => arity(fn, [2]),
  split(fn) {
    if (fn.children.length === 3) throw new Unsupported('split() with a limit argument is not supported', fn.query_location);
    return undefined;
  },
};

/** Whether DuckDB may expand a macro around e before knowing e's type: e holds a window, an aggregate or a macro. */
function mayBeUntyped(e: unknown, ctx: RewriteContext): boolean {
  if (Array.isArray(e)) return e.some((x) => mayBeUntyped(x, ctx));
  if (typeof e !== 'object' || e === null) return false;
  const node = e as Record<string, unknown>;
  if (node.class === 'WINDOW') return true;
  if (node.class === 'FUNCTION' && (ctx.aggregateOrMacro?.has(String(node.function_name).toLowerCase()) ?? true)) return true;
  return Object.values(node).some((x) => mayBeUntyped(x, ctx));
}

/** A $parameter, possibly cast or concatenated with literals: one value for the whole statement. */
function sameOnEveryRow(e: ExprNode): boolean {
  if (e.class === 'PARAMETER') return true;
  if (e.class === 'CAST') return sameOnEveryRow(e.child as ExprNode);
  if (isFunction(e) && ['||', 'concat'].includes(e.function_name.toLowerCase())) {
    return e.children.some((c) => c.class === 'PARAMETER') && e.children.every((c) => c.class === 'CONSTANT' || sameOnEveryRow(c));
  }
  return false;
}

function arity(fn: FunctionNode, counts: number[]): undefined {
  if (counts.includes(fn.children.length)) return undefined;
  const want = counts.join(' or ');
  throw new Unsupported(`${fn.function_name}() takes ${want} argument${want === '1' ? '' : 's'}, not ${fn.children.length}`, fn.query_location);
}

function lambdaTemplate(fn: FunctionNode, ctx: RewriteContext, name: string): ExprNode | undefined {
  if (fn.children.length !== 2) return undefined;
  return instantiate(ctx.templates, name, { arr: fn.children[0]!, fn: fn.children[1]! }, fn.query_location);
}

function nullIfAnyNull(fn: FunctionNode, ctx: RewriteContext): ExprNode | undefined {
  if (fn.children.length < 2) return undefined;
  const list = functionNode('list_value', fn.children.map((c) => structuredClone(c)), fn.query_location);
  return instantiate(ctx.templates, 'null_if_any_null', { list, call: fn }, fn.query_location);
}

/** The Presto meaning of one function call, or undefined to keep it as it is. */
export function rewriteFunction(fn: FunctionNode, ctx: RewriteContext): ExprNode | undefined {
  const name = fn.function_name.toLowerCase();
  // SUBSTRING(s FROM n) comes out of DuckDB's parser as main.substring.
  if ((fn.schema !== '' && !(name === 'substring' && fn.schema === 'main')) || fn.is_operator) return undefined;
  const rename = RENAMES[name];
  if (rename && SUBSTR.has(name)) arity(fn, rename.arity!);
  if (rename) return !rename.arity || rename.arity.includes(fn.children.length) ? renamed(fn, rename.to) : undefined;
  const rule = RULES[name];
  return rule ? rule(fn, ctx) : undefined;
}

/** Names whose presence makes a statement worth parsing (anything else passes through untouched). */
export const REWRITTEN_FUNCTIONS = [...Object.keys(RENAMES), ...Object.keys(RULES)];
