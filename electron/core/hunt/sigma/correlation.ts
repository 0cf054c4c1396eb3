// Sigma 2 correlation rules (SigmaHQ correlation specification 2.0): a YAML document with a `correlation:`
// section that names detection rules (or other correlations) by `name` or `id`, as DuckDB SQL over the
// cloudtrail table. Every row of every referenced rule's matches carries its rule's index, the group key (the
// `group-by` fields, through `aliases` per rule) and the counted field; a RANGE window per group ending at each
// event decides whether the correlation fires there. Semantics and limits: decision 0020.
import { cloudTrailField, FieldError } from './cloudtrail-fields';
import type { SigmaRule } from './rule';
import { RuleError } from './rule';

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];
const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' } as const;

export interface CorrelationRule {
  file: string;
  id: string;
  name: string | null;
  title: string;
  level: string | null;
  author: string | null;
  tags: string[];
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespanSeconds: number;
  /** Each a comparison of the count with a number, all of which must hold; null: temporal's default (every rule). */
  condition: Array<{ op: string; value: number }> | null;
  /** value_count: the field whose distinct values are counted. */
  field: string | null;
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
}

export class CorrelationError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Reads a document's correlation section; throws RuleError naming what is wrong. */
export function parseCorrelation(file: string, doc: Record<string, unknown>): CorrelationRule {
  const c = doc.correlation;
  if (!isRecord(c)) throw new RuleError('the correlation section is not a map');
  const type = str(c.type);
  if (!type || !(CORRELATION_TYPES as readonly string[]).includes(type)) {
    throw new RuleError(`correlation type ${JSON.stringify(c.type)} is not one Cairn runs (${CORRELATION_TYPES.join(', ')})`);
  }
  const rules = Array.isArray(c.rules) ? c.rules.filter((r): r is string => typeof r === 'string') : [];
  if (rules.length === 0 || rules.length !== (c.rules as unknown[]).length) throw new RuleError('correlation rules: needs a list of rule names or ids');
  const groupBy = c['group-by'] === undefined ? [] : Array.isArray(c['group-by']) ? c['group-by'].map(String) : [String(c['group-by'])];
  const timespan = str(c.timespan);
  const m = timespan ? /^(\d+)([smhd])$/.exec(timespan.trim()) : null;
  if (!m) throw new RuleError(`correlation timespan ${JSON.stringify(c.timespan ?? null)} is not a number followed by s, m, h or d`);
  let condition: CorrelationRule['condition'] = null;
  let field: string | null = null;
  if (c.condition !== undefined) {
    if (!isRecord(c.condition)) throw new RuleError('correlation condition: needs a map such as {gte: 10}');
    condition = [];
    for (const [k, v] of Object.entries(c.condition)) {
      if (k === 'field') { field = Array.isArray(v) ? null : str(v); if (!field) throw new RuleError('correlation condition field: needs one field name'); continue; }
      const op = OPS[k as keyof typeof OPS];
      if (!op || typeof v !== 'number' || !Number.isInteger(v)) throw new RuleError(`correlation condition ${k}: ${JSON.stringify(v)} is not gt, gte, lt, lte or eq with a whole number`);
      condition.push({ op, value: v });
    }
    if (condition.length === 0) throw new RuleError('correlation condition: needs gt, gte, lt, lte or eq');
  }
  if ((type === 'event_count' || type === 'value_count') && !condition) throw new RuleError(`a ${type} correlation needs a condition`);
  if (type === 'value_count' && !field) throw new RuleError('a value_count correlation needs the field to count in its condition');
  const aliases: CorrelationRule['aliases'] = {};
  if (c.aliases !== undefined) {
    if (!isRecord(c.aliases)) throw new RuleError('correlation aliases: needs a map of alias to {rule name: field}');
    for (const [alias, perRule] of Object.entries(c.aliases)) {
      if (!isRecord(perRule) || !Object.values(perRule).every((f) => typeof f === 'string')) throw new RuleError(`correlation alias ${alias}: needs a map of rule name to field`);
      aliases[alias] = perRule as Record<string, string>;
    }
  }
  return {
    file, id: str(doc.id) ?? file, name: str(doc.name), title: str(doc.title) ?? file, level: str(doc.level), author: str(doc.author),
    tags: Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [],
    type: type as CorrelationType, rules, groupBy, timespanSeconds: Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's'],
    condition, field, aliases, generate: doc.generate === true || c.generate === true,
  };
}

/** What a correlation's reference resolves to: a detection rule (its predicate over alias t) or a correlation. */
export type Referenced = { kind: 'rule'; rule: SigmaRule; where: string } | { kind: 'correlation'; corr: CorrelationRule };

export interface CorrelationSql {
  /** `name AS (...)` CTEs, in dependency order; the last one is the correlation's firing events. */
  ctes: string[];
  /** The CTE holding the firing events: the table's columns plus _grp (text) and _n (the count when it fired). */
  hits: string;
}

/**
 * The SQL of one correlation. `resolve` finds a reference (throws CorrelationError when it cannot); `table` is
 * the cloudtrail table. Chained correlations become CTEs of their own, named from `prefix`.
 */
export function correlationSql(corr: CorrelationRule, resolve: (ref: string, from: CorrelationRule) => Referenced, table: string, prefix = 'c', seen: string[] = []): CorrelationSql {
  if (seen.includes(corr.id)) throw new CorrelationError(`correlation ${corr.title} refers to itself through ${seen.join(' -> ')}`);
  const ctes: string[] = [];
  const branches = corr.rules.map((ref, k) => {
    const target = resolve(ref, corr);
    const name = target.kind === 'rule' ? target.rule.name : target.corr.name;
    const cols = `${k} AS _r, ${groupSql(corr, name, ref)} AS _grp, ${corr.field ? `CAST(${fieldFor(corr, corr.field, name, ref)} AS VARCHAR)` : 'NULL'} AS _cf`;
    if (target.kind === 'rule') return `SELECT t.*, ${cols} FROM ${table} AS t WHERE ${target.where}`;
    const inner = correlationSql(target.corr, resolve, table, `${prefix}${k}_`, [...seen, corr.id]);
    ctes.push(...inner.ctes);
    return `SELECT t.* EXCLUDE (_grp, _n), ${cols} FROM ${inner.hits} AS t`;
  });
  const m = `${prefix}m`, w = `${prefix}w`, hits = `${prefix}hits`;
  ctes.push(`${m} AS (${branches.join('\nUNION ALL BY NAME\n')})`);
  const frame = `PARTITION BY _grp ORDER BY event_ts RANGE BETWEEN INTERVAL (${corr.timespanSeconds}) SECOND PRECEDING AND CURRENT ROW`;
  const n = corr.rules.length;
  let counted: string;
  let fires: string;
  let extra: string[] = [];
  if (corr.type === 'temporal_ordered') {
    if (corr.condition && !(corr.condition.length === 1 && corr.condition[0]!.op === '>=' && corr.condition[0]!.value === n)) {
      throw new CorrelationError('a temporal_ordered condition other than every rule in order (gte: the number of rules) is not supported');
    }
    // s<k>: at a row of rule k, the latest start (epoch seconds of a rule-0 event) of a chain rule 0 .. rule k in time order.
    let prev = m;
    extra = Array.from({ length: n }, (_, k) => `_s${k}`);
    for (let k = 0; k < n; k++) {
      const name = `${prefix}s${k}`;
      const s = k === 0 ? `CASE WHEN _r = 0 THEN epoch(event_ts) END`
        : `CASE WHEN _r = ${k} THEN max(_s${k - 1}) OVER (PARTITION BY _grp ORDER BY event_ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END`;
      ctes.push(`${name} AS (SELECT *, ${s} AS _s${k} FROM ${prev})`);
      prev = name;
    }
    ctes.push(`${w} AS (SELECT *, CASE WHEN _s${n - 1} >= epoch(event_ts) - ${corr.timespanSeconds} THEN ${n} ELSE 0 END AS _n FROM ${prev})`);
    fires = `_r = ${n - 1} AND _n = ${n}`;
  } else {
    if (corr.type === 'temporal') {
      counted = Array.from({ length: n }, (_, k) => `max((_r = ${k})::INT) OVER win`).join(' + ');
    } else if (corr.type === 'value_count') {
      counted = 'count(DISTINCT _cf) OVER win';
    } else {
      counted = n === 1 ? 'count(*) OVER win' : 'count(DISTINCT struct_pack(e := _evidence_id, o := _ordinal)) OVER win';
    }
    ctes.push(`${w} AS (SELECT *, ${counted} AS _n FROM ${m} WINDOW win AS (${frame}))`);
    const cond = corr.condition ?? [{ op: '>=', value: n }];
    fires = cond.map((c) => `_n ${c.op} ${c.value}`).join(' AND ');
  }
  // One row per event (an event may match several of the rules).
  ctes.push(`${hits} AS (SELECT * EXCLUDE (_r, _cf${extra.map((x) => `, ${x}`).join('')}) FROM ${w} WHERE ${fires}
QUALIFY row_number() OVER (PARTITION BY _evidence_id, _ordinal ORDER BY _n DESC, _grp) = 1)`);
  return { ctes, hits };
}

/** group-by fields, through the aliases for the rule named `name` (or referred to as `ref`), as one text. */
function groupSql(corr: CorrelationRule, name: string | null, ref: string): string {
  if (corr.groupBy.length === 0) return 'NULL';
  const parts = corr.groupBy.map((g) => `CAST(${fieldFor(corr, g, name, ref)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0]! : `CAST(to_json(list_value(${parts.join(', ')})) AS VARCHAR)`;
}

function fieldFor(corr: CorrelationRule, field: string, name: string | null, ref: string): string {
  const alias = corr.aliases[field];
  let actual = field;
  if (alias) {
    const mapped = (name !== null ? alias[name] : undefined) ?? alias[ref];
    if (mapped === undefined) throw new CorrelationError(`alias ${field} names no field for rule ${name ?? ref}`);
    actual = mapped;
  }
  try { return cloudTrailField(actual).scalar; } catch (e) { if (e instanceof FieldError) throw new CorrelationError(e.message); throw e; }
}
