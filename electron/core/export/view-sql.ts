import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../duck/evidence-db';
import { quoteName, renderType, type ColumnType, type Dialect } from './column-types';

export interface RelationShape { name: string; columns: Array<{ name: string; type: ColumnType }> }

type Node = Record<string, unknown> & { type?: string };
interface Item { name: string; sql: string; type?: ColumnType }

/** A form the translation does not know: the view is left out of the DDL and the manifest says why. */
export class ViewNotTranslatable extends Error {}

/**
 * Translates one of the case's views into a dialect, from DuckDB's own parse tree of its definition (never
 * from its text). Knows the forms Cairn's views use: one table or view, stars (with EXCLUDE) expanded to that
 * relation's columns in the case, column references and struct fields, constants, arithmetic and ||, comparisons,
 * AND/OR/NOT, IS [NOT] NULL, CASE, [TRY_]CAST to plain types, list elements, coalesce and a few functions
 * that mean the same everywhere, strftime and make_timestamp, and UNION ALL [BY NAME] (columns aligned by
 * name, NULL of the view's type where a side lacks one). Anything else throws ViewNotTranslatable rather than
 * guess at a meaning. TRY_CAST of text to a timestamp accepts what each engine accepts.
 */
export async function translateView(conn: DuckDBConnection, createSql: string, d: Dialect, shapes: Map<string, RelationShape>): Promise<string> {
  const body = createSql.replace(/^\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\s+("(?:[^"]|"")+"|\S+)\s+AS\s+/i, '').replace(/;\s*$/, '');
  const r = await conn.runAndReadAll(`SELECT json_serialize_sql(${quoteLiteral(body)})`);
  const tree = JSON.parse(String(r.getRows()[0]![0])) as { error: boolean; error_message?: string; statements: Array<{ node: Node }> };
  if (tree.error || tree.statements.length !== 1) throw new ViewNotTranslatable(`cannot read its definition: ${tree.error_message ?? 'not one SELECT'}`);
  return query(tree.statements[0]!.node, d, shapes).sql;
}

function query(node: Node, d: Dialect, shapes: Map<string, RelationShape>, needNames = true): { sql: string; items: Item[] } {
  if ((node.modifiers as unknown[] | undefined)?.length) throw new ViewNotTranslatable('ORDER BY or LIMIT in a view');
  if (Object.keys((node.cte_map as { map?: unknown[] } | undefined)?.map ?? {}).length && ((node.cte_map as { map: unknown[] }).map).length) throw new ViewNotTranslatable('WITH in a view');
  if (node.type === 'SELECT_NODE') return select(node, d, shapes, needNames);
  if (node.type === 'SET_OPERATION_NODE') {
    if (!node.setop_all) throw new ViewNotTranslatable('UNION without ALL');
    const left = query(node.left as Node, d, shapes, needNames);
    // A plain UNION ALL takes its names from the first SELECT; BY NAME needs every side's.
    const right = query(node.right as Node, d, shapes, node.setop_type === 'UNION_BY_NAME');
    if (node.setop_type === 'UNION') return { sql: `${left.sql}\nUNION ALL\n${right.sql}`, items: left.items };
    if (node.setop_type !== 'UNION_BY_NAME') throw new ViewNotTranslatable(`${String(node.setop_type)} in a view`);
    // DuckDB's order: the left side's columns, then those only the right side has.
    const names: Item[] = [...left.items];
    for (const it of right.items) if (!names.some((n) => n.name.toLowerCase() === it.name.toLowerCase())) names.push(it);
    const side = (s: { items: Item[]; from: string }): string => `SELECT ${names.map((n) => {
      const mine = s.items.find((i) => i.name.toLowerCase() === n.name.toLowerCase());
      if (mine) return `${mine.sql} AS ${quoteName(n.name, quoteDialect(d))}`;
      if (!n.type) throw new ViewNotTranslatable(`the type of ${n.name} is not known for the side that lacks it`);
      return `CAST(NULL AS ${renderType(n.type, castDialect(d))}) AS ${quoteName(n.name, quoteDialect(d))}`;
    }).join(', ')}\nFROM ${s.from}`;
    return { sql: `${side({ items: left.items, from: fromOf(node.left as Node, d) })}\nUNION ALL\n${side({ items: right.items, from: fromOf(node.right as Node, d) })}`, items: names };
  }
  throw new ViewNotTranslatable(`${String(node.type)} in a view`);
}

function fromOf(node: Node, d: Dialect): string {
  if (node.type !== 'SELECT_NODE') throw new ViewNotTranslatable('a nested set operation under UNION BY NAME');
  const t = node.from_table as Node;
  return quoteName(String(t.table_name), quoteDialect(d));
}

function select(node: Node, d: Dialect, shapes: Map<string, RelationShape>, needNames: boolean): { sql: string; items: Item[] } {
  for (const k of ['where_clause', 'having', 'qualify', 'sample']) if (node[k]) throw new ViewNotTranslatable(`${k.replace('_clause', '').toUpperCase()} in a view`);
  if ((node.group_expressions as unknown[]).length) throw new ViewNotTranslatable('GROUP BY in a view');
  const from = node.from_table as Node;
  if (from.type !== 'BASE_TABLE' || from.schema_name || from.catalog_name || (from.column_name_alias as unknown[]).length) throw new ViewNotTranslatable('a view must read one table or view by name');
  const source = shapes.get(String(from.table_name).toLowerCase());
  if (!source) throw new ViewNotTranslatable(`it reads ${String(from.table_name)}, which is not exported`);
  const items: Item[] = [];
  for (const e of node.select_list as Node[]) {
    if (e.type === 'STAR') {
      if (e.relation_name || e.expr || e.columns || (e.replace_list as unknown[]).length || (e.rename_list as unknown[]).length || (e.qualified_exclude_list as unknown[]).length) throw new ViewNotTranslatable('a star with REPLACE, RENAME, COLUMNS or a relation name');
      const exclude = new Set((e.exclude_list as string[]).map((x) => x.toLowerCase()));
      for (const c of source.columns) if (!exclude.has(c.name.toLowerCase())) items.push({ name: c.name, sql: quoteName(c.name, quoteDialect(d)), type: c.type });
      continue;
    }
    const name = String(e.alias || (e.type === 'COLUMN_REF' ? (e.column_names as string[]).at(-1) : ''));
    if (!name && needNames) throw new ViewNotTranslatable('an unnamed expression where the view takes its column names');
    const type = e.type === 'COLUMN_REF' && !e.alias ? source.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.type : e.type === 'COLUMN_REF' ? source.columns.find((c) => c.name.toLowerCase() === String((e.column_names as string[]).at(-1)).toLowerCase())?.type : undefined;
    items.push({ name, sql: expr(e, d), type });
  }
  return { sql: `SELECT\n${items.map((i) => `  ${!i.name || i.sql === quoteName(i.name, quoteDialect(d)) ? i.sql : `${i.sql} AS ${quoteName(i.name, quoteDialect(d))}`}`).join(',\n')}\nFROM ${quoteName(source.name, quoteDialect(d))}`, items };
}

/** Athena's views are Presto SQL (double quotes), unlike its Hive DDL. */
function quoteDialect(d: Dialect): Dialect { return d === 'athena' ? 'trino' : d; }
function castDialect(d: Dialect): Dialect { return d === 'athena' ? 'trino' : d; }

const OPERATORS = new Set(['+', '-', '*', '/', '||']);
/** Functions with the same name, arguments and meaning in DuckDB, Trino/Athena and Spark. */
const SAME_FUNCTIONS = new Set(['coalesce', 'lower', 'upper', 'length', 'abs', 'regexp_extract', 'nullif']);
const COMPARISONS: Record<string, string> = {
  COMPARE_EQUAL: '=', COMPARE_NOTEQUAL: '<>', COMPARE_LESSTHAN: '<', COMPARE_GREATERTHAN: '>', COMPARE_LESSTHANOREQUALTO: '<=', COMPARE_GREATERTHANOREQUALTO: '>=',
};
const CAST_TYPES: Record<string, ColumnType> = {
  VARCHAR: { kind: 'scalar', name: 'string' }, INTEGER: { kind: 'scalar', name: 'int' }, BIGINT: { kind: 'scalar', name: 'bigint' },
  DOUBLE: { kind: 'scalar', name: 'double' }, BOOLEAN: { kind: 'scalar', name: 'boolean' }, TIMESTAMP: { kind: 'scalar', name: 'timestamp' }, DATE: { kind: 'scalar', name: 'date' },
};

function kids(e: Node, d: Dialect): string[] { return (e.children as Node[]).map((c) => expr(c, d)); }
/** strftime patterns whose letters mean the same in Trino's date_format (MySQL's) and map to Spark's (Java's). */
const SPARK_PATTERN: Record<string, string> = { '%Y': 'yyyy', '%m': 'MM', '%d': 'dd', '%H': 'HH' };

function expr(e: Node, d: Dialect): string {
  switch (e.type) {
    case 'COLUMN_REF': // a column, or a struct field under it (useridentity.arn): the same dot in every dialect
      return (e.column_names as string[]).map((p) => quoteName(p, quoteDialect(d))).join('.');
    case 'OPERATOR_COALESCE': return `coalesce(${kids(e, d).join(', ')})`;
    case 'OPERATOR_IS_NULL': return `(${kids(e, d)[0]} IS NULL)`;
    case 'OPERATOR_IS_NOT_NULL': return `(${kids(e, d)[0]} IS NOT NULL)`;
    case 'OPERATOR_NOT': return `(NOT ${kids(e, d)[0]})`;
    case 'CONJUNCTION_AND': case 'CONJUNCTION_OR': return `(${kids(e, d).join(e.type === 'CONJUNCTION_AND' ? ' AND ' : ' OR ')})`;
    case 'CASE_EXPR': {
      const checks = (e.case_checks as Array<{ when_expr: Node; then_expr: Node }>).map((c) => `WHEN ${expr(c.when_expr, d)} THEN ${expr(c.then_expr, d)}`);
      return `CASE ${checks.join(' ')} ELSE ${expr(e.else_expr as Node, d)} END`;
    }
    case 'OPERATOR_CAST': {
      const to = CAST_TYPES[String((e.cast_type as { id: string }).id)];
      if (!to) throw new ViewNotTranslatable(`a cast to ${String((e.cast_type as { id: string }).id)}`);
      return `${e.try_cast ? 'TRY_CAST' : 'CAST'}(${expr(e.child as Node, d)} AS ${renderType(to, castDialect(d))})`;
    }
    case 'STRUCT_EXTRACT': {
      const [base, field] = e.children as Node[];
      if (field?.type !== 'VALUE_CONSTANT') throw new ViewNotTranslatable('a struct field that is not a name');
      return `${expr(base!, d)}.${quoteName(String((field.value as { value: unknown }).value), quoteDialect(d))}`;
    }
    case 'ARRAY_EXTRACT': {
      // 1-based like DuckDB's x[i]; element_at gives NULL past the end where Trino's x[i] fails the query.
      const [list, index] = kids(e, d);
      return d === 'duckdb' ? `${list}[${index}]` : `element_at(${list}, ${index})`;
    }
    case 'VALUE_CONSTANT': {
      const v = e.value as { type: { id: string }; is_null: boolean; value: unknown };
      if (v.is_null) return 'NULL';
      if (v.type.id === 'BOOLEAN') return v.value ? 'true' : 'false';
      if (v.type.id === 'VARCHAR') return quoteLiteral(String(v.value));
      if (['INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT'].includes(v.type.id)) return String(v.value);
      throw new ViewNotTranslatable(`a ${v.type.id} constant`);
    }
    case 'FUNCTION': {
      const fn = String(e.function_name).toLowerCase();
      const args = (e.children as Node[]).map((c) => expr(c, d));
      if (e.filter || e.distinct || (e.order_bys as { orders: unknown[] }).orders.length) throw new ViewNotTranslatable(`${fn} with FILTER, DISTINCT or ORDER BY`);
      if (e.is_operator && OPERATORS.has(fn) && args.length === 2) return `(${args[0]} ${fn} ${args[1]})`;
      if (SAME_FUNCTIONS.has(fn)) return `${fn}(${args.join(', ')})`;
      if (fn === 'left' && args.length === 2) return d === 'trino' || d === 'athena' ? `substr(${args[0]}, 1, ${args[1]})` : `left(${args[0]}, ${args[1]})`;
      if (fn === 'strftime' && args.length === 2) {
        const fmt = (e.children as Node[])[1]!;
        const pattern = fmt.type === 'VALUE_CONSTANT' ? String((fmt.value as { value: unknown }).value) : null;
        if (pattern === null || !/^(%[YmdH]|[-/: T])*$/.test(pattern)) throw new ViewNotTranslatable(`strftime with the pattern ${pattern ?? '(not a constant)'}`);
        if (d === 'duckdb') return `strftime(${args[0]}, ${args[1]})`;
        if (d === 'spark') return `date_format(${args[0]}, ${quoteLiteral(pattern.replace(/%[YmdH]/g, (m) => SPARK_PATTERN[m]!))})`;
        return `date_format(${args[0]}, ${args[1]})`; // Presto's date_format: MySQL's letters, the same as strftime's for %Y %m %d %H
      }
      if ((fn === '->>' || fn === 'json_extract_string') && args.length === 2) {
        // JSON text to a scalar's text by a JSONPath: the same path syntax in each engine for plain $.a.b paths.
        const path = (e.children as Node[])[1]!;
        const p = path.type === 'VALUE_CONSTANT' ? String((path.value as { value: unknown }).value) : null;
        if (p === null || !/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(p)) throw new ViewNotTranslatable(`${fn} with the path ${p ?? '(not a constant)'}`);
        if (d === 'duckdb') return `(${args[0]} ->> ${args[1]})`;
        return d === 'spark' ? `get_json_object(${args[0]}, ${args[1]})` : `json_extract_scalar(${args[0]}, ${args[1]})`;
      }
      if (fn === 'make_timestamp' && args.length === 1) {
        // Microseconds since the epoch, as a UTC time.
        if (d === 'duckdb') return `make_timestamp(${args[0]})`;
        if (d === 'spark') return `timestamp_micros(${args[0]})`;
        return `CAST(from_unixtime(CAST(${args[0]} AS double) / 1000000, 'UTC') AS timestamp)`; // naive UTC, as DuckDB's
      }
      throw new ViewNotTranslatable(`the function ${fn}`);
    }
    default: {
      const cmp = COMPARISONS[String(e.type)];
      if (cmp) return `(${expr(e.left as Node, d)} ${cmp} ${expr(e.right as Node, d)})`;
      throw new ViewNotTranslatable(`a ${String(e.type)} expression`);
    }
  }
}
