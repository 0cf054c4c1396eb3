import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isExpr, serializeSql, type ExprNode } from './parse-tree';

const TEMPLATE_SQL = readFileSync(join(__dirname, 'rewrite-templates.sql'), 'utf8');

export type Templates = Map<string, ExprNode | TableRef>;
export interface TableRef { type: string; alias: string; column_name_alias?: string[]; [key: string]: unknown }

const MAX_UNNEST_ARGS = 4;

/**
 * UNNEST shapes DuckDB's own unnest table function does not cover, as lateral subqueries:
 * several arrays zipped (NULL-padded, like Presto), an array of ROWs expanded into one column per field,
 * and WITH ORDINALITY on either. Generated here, never from user text.
 */
function unnestTemplateSql(n: number, ordinality: boolean, expandRows: boolean): string {
  const args = Array.from({ length: n }, (_, i) => `__a${i + 1}`);
  const items = args.map((a) => (expandRows ? `unnest(${a}, max_depth := 2)` : `unnest(${a})`));
  if (ordinality) items.push(`unnest(range(1, ${n === 1 ? `len(${args[0]})` : `greatest(${args.map((a) => `len(${a})`).join(', ')})`} + 1))`);
  return `SELECT * FROM (SELECT ${items.join(', ')}) AS u`;
}
export function unnestTemplateName(n: number, ordinality: boolean, expandRows: boolean): string {
  return `unnest:${n}:${ordinality ? 1 : 0}:${expandRows ? 1 : 0}`;
}

let cached: Promise<Templates> | undefined;

/** Parses rewrite-templates.sql once per process (the trees do not depend on the connection). */
export function loadTemplates(conn: DuckDBConnection): Promise<Templates> {
  cached ??= parseTemplates(conn).catch((e: unknown) => { cached = undefined; throw e; });
  return cached;
}

async function parseTemplates(conn: DuckDBConnection): Promise<Templates> {
  const out: Templates = new Map();
  for (const part of TEMPLATE_SQL.split(/^-- template: /m).slice(1)) {
    const name = part.slice(0, part.indexOf('\n')).trim();
    const body = part.slice(part.indexOf('\n') + 1).replace(/^--.*$/gm, '').trim();
    const tree = await serializeSql(conn, body);
    const node = tree.error ? undefined : (tree.statements[0]?.node as { select_list?: unknown[] } | undefined)?.select_list?.[0];
    if (!isExpr(node)) throw new Error(`rewrite template ${name} does not parse`);
    out.set(name, node);
  }
  for (let n = 1; n <= MAX_UNNEST_ARGS; n++) {
    for (const ordinality of [false, true]) {
      for (const expand of n === 1 ? [false, true] : [false]) {
        const tree = await serializeSql(conn, unnestTemplateSql(n, ordinality, expand));
        const from = tree.error ? undefined : (tree.statements[0]?.node as { from_table?: TableRef } | undefined)?.from_table;
        if (!from) throw new Error('unnest template does not parse');
        out.set(unnestTemplateName(n, ordinality, expand), from);
      }
    }
  }
  return out;
}

/** A copy of template `name` with every placeholder column __x replaced by a copy of args[x]. */
export function instantiate<T = ExprNode>(templates: Templates, name: string, args: Record<string, ExprNode>, location: number): T {
  const template = templates.get(name);
  if (!template) throw new Error(`no rewrite template ${name}`);
  const fill = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fill);
    if (typeof v !== 'object' || v === null) return v;
    if (isExpr(v) && v.class === 'COLUMN_REF') {
      const names = (v as { column_names?: string[] }).column_names ?? [];
      const key = names.length === 1 && names[0]?.startsWith('__') ? names[0].slice(2) : undefined;
      if (key !== undefined) {
        const arg = args[key];
        if (!arg) throw new Error(`template ${name}: no argument for __${key}`);
        return structuredClone(arg);
      }
    }
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) copy[k] = k === 'query_location' ? location : fill(x);
    return copy;
  };
  return fill(template) as T;
}
