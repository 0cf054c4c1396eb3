// Sigma detection to DuckDB SQL over the case's cloudtrail table. Sigma's semantics: string matches are
// case-insensitive with * and ? wildcards; a list is any of its values (all of them with |all); a missing field
// matches nothing, so under `not` it matches (each test is coalesced to false, never left NULL).
import { cloudTrailField, FieldError, literal, type FieldSql } from './cloudtrail-fields';
import { ConditionError, parseCondition, searchesMatching, type Aggregation, type Condition } from './condition';
import type { FieldTest, SigmaRule, SigmaValue } from './rule';

export class NotRunnable extends Error {}

export interface RuleSql {
  /** The matching events' predicate over alias t. */
  where: string;
  aggregation: (Aggregation & { windowSeconds: number | null; groupSql: string | null }) | null;
  /** A legacy rule with a timeframe and searches joined by `and`: each search seen within the window. */
  temporal: { searches: string[]; windowSeconds: number } | null;
}

const STRING_MODS = new Set(['contains', 'startswith', 'endswith']);
const KNOWN_MODS = new Set([...STRING_MODS, 'all', 're', 'cidr', 'exists', 'fieldref', 'windash', 'i', 'm', 's']);

export function ruleToSql(rule: SigmaRule): RuleSql {
  const source = rule.logsource;
  if (source.product !== 'aws' || source.service !== 'cloudtrail') {
    throw new NotRunnable(`logsource ${[source.product, source.service, source.category].filter(Boolean).join('/')} is not a source Cairn imports for Sigma (aws/cloudtrail)`);
  }
  let parsed;
  try { parsed = parseCondition(rule.condition); } catch (e) { if (e instanceof ConditionError) throw new NotRunnable(e.message); throw e; }
  const names = [...rule.searches.keys()];
  if (rule.timeframe && !parsed.aggregation) return temporal(rule, parsed.condition, names);
  const where = wrapErrors(() => condition(parsed.condition, rule, names));
  if (!parsed.aggregation) return { where, aggregation: null, temporal: null };
  const a = parsed.aggregation;
  return {
    where,
    aggregation: {
      ...a,
      windowSeconds: rule.timeframe ? timeframeSeconds(rule.timeframe) : null,
      groupSql: a.groupBy ? wrapErrors(() => cloudTrailField(a.groupBy!).scalar) : null,
      countField: a.countField ? wrapErrors(() => cloudTrailField(a.countField!).scalar) : null,
    },
    temporal: null,
  };
}

/**
 * Legacy rules such as `selection1 and selection2` with a timeframe meant two events close in time (one event
 * cannot match both); Sigma 2 writes that as a temporal correlation, and so Cairn runs it.
 */
function temporal(rule: SigmaRule, c: Condition, names: string[]): RuleSql {
  const parts = c.kind === 'and' ? c.items : [c];
  if (!parts.every((x) => x.kind === 'search')) throw new NotRunnable('a timeframe without an aggregation is run as a temporal correlation, which needs searches joined by and');
  const searches = parts.map((x) => wrapErrors(() => condition(x, rule, names)));
  return { where: any(searches), aggregation: null, temporal: { searches, windowSeconds: timeframeSeconds(rule.timeframe!) } };
}

function wrapErrors<T>(f: () => T): T {
  try { return f(); } catch (e) { if (e instanceof FieldError) throw new NotRunnable(e.message); throw e; }
}

function condition(c: Condition, rule: SigmaRule, names: string[]): string {
  switch (c.kind) {
    case 'search': {
      const s = rule.searches.get(c.name);
      if (!s) throw new NotRunnable(`the condition names ${c.name}, which the detection does not define`);
      if (s.kind === 'map') return all(s.tests.map(fieldTest));
      if (s.kind === 'any') return any(s.maps.map((m) => all(m.map(fieldTest))));
      return fieldTest(s.test);
    }
    case 'and': return all(c.items.map((x) => condition(x, rule, names)));
    case 'or': return any(c.items.map((x) => condition(x, rule, names)));
    case 'not': return `(NOT ${condition(c.item, rule, names)})`;
    case 'of': {
      const matched = searchesMatching(c.pattern, names);
      if (matched.length === 0) throw new NotRunnable(`${c.quantifier === 'one' ? '1' : 'all'} of ${c.pattern} matches no search`);
      const parts = matched.map((n) => condition({ kind: 'search', name: n }, rule, names));
      return c.quantifier === 'one' ? any(parts) : all(parts);
    }
  }
}

const all = (xs: string[]): string => (xs.length === 1 ? xs[0]! : `(${xs.join(' AND ')})`);
const any = (xs: string[]): string => (xs.length === 1 ? xs[0]! : `(${xs.join(' OR ')})`);

function fieldTest(test: FieldTest): string {
  for (const m of test.modifiers) {
    if (!KNOWN_MODS.has(m)) throw new NotRunnable(`modifier |${m} is not supported${m === 'expand' ? ' (a placeholder needs a value list the rule does not carry)' : ''}`);
  }
  const field: FieldSql = test.field === null ? { scalar: 't._raw', list: null } : cloudTrailField(test.field);
  const mods = new Set(test.modifiers);
  if (mods.has('exists')) {
    const want = test.values[0] === true || test.values[0] === 'true';
    return `(${field.scalar} IS ${want ? 'NOT ' : ''}NULL)`;
  }
  if (mods.has('fieldref')) {
    const parts = test.values.map((v) => `coalesce(lower(${field.scalar}) = lower(${cloudTrailField(String(v)).scalar}), false)`);
    return mods.has('all') ? all(parts) : any(parts);
  }
  const keyword = test.field === null;
  const parts = test.values.map((v) => valueTest(field, v, mods, keyword));
  return mods.has('all') ? all(parts) : any(parts);
}

function valueTest(field: FieldSql, v: SigmaValue, mods: Set<string>, keyword: boolean): string {
  if (v === null) return `(${field.scalar} IS NULL)`;
  const one = (x: string): string => `coalesce(${match(x, String(v), mods, keyword)}, false)`;
  if (!field.list) return one(field.scalar);
  return `(${one(field.scalar)} OR coalesce(list_bool_or(list_transform(${field.list}, _e -> ${one('_e')})), false))`;
}

function match(x: string, v: string, mods: Set<string>, keyword: boolean): string {
  if (mods.has('re')) {
    const flags = `${mods.has('i') ? 'i' : ''}${mods.has('m') ? 'm' : ''}${mods.has('s') ? 's' : ''}`;
    return `regexp_matches(${x}, ${literal(v)}${flags ? `, ${literal(flags)}` : ''})`;
  }
  if (mods.has('cidr')) {
    if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(v)) throw new NotRunnable(`|cidr value ${JSON.stringify(v)} is not a CIDR`);
    return `CASE WHEN cairn_try_ip_key(${x}) IS NOT NULL THEN cairn_cidr_contains(${literal(v)}, ${x}) END`;
  }
  const variants = mods.has('windash') ? windash(v) : [v];
  const like = (p: string): string => `${x} ILIKE ${literal(p)} ESCAPE '\\'`;
  const patterns = variants.map((s) => {
    let p = likePattern(s);
    if (keyword || mods.has('contains')) p = `%${p}%`;
    else if (mods.has('startswith')) p = `${p}%`;
    else if (mods.has('endswith')) p = `%${p}`;
    return like(p);
  });
  return patterns.length === 1 ? patterns[0]! : `(${patterns.join(' OR ')})`;
}

/** Sigma wildcards (* and ?, backslash-escaped) as an ILIKE pattern with \ as its escape. */
export function likePattern(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (c === '\\' && k + 1 < s.length && '*?\\'.includes(s[k + 1]!)) { out += escapeLike(s[++k]!); continue; }
    if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else out += escapeLike(c);
  }
  return out;
}

const escapeLike = (c: string): string => (c === '%' || c === '_' || c === '\\' ? `\\${c}` : c);

/** |windash: a leading - or / of each option, in both spellings (and the en dash). */
function windash(v: string): string[] {
  const out = new Set([v]);
  for (const alt of ['-', '/', '\u2013']) out.add(v.replace(/(^|\s)[-/\u2013]/g, `$1${alt}`));
  return [...out];
}

function timeframeSeconds(tf: string): number {
  const m = /^(\d+)\s*([smhdM])$/.exec(tf.trim());
  if (!m) throw new NotRunnable(`timeframe ${JSON.stringify(tf)} is not N followed by s, m, h, d or M`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, M: 2_592_000 }[m[2] as 's' | 'm' | 'h' | 'd' | 'M'];
}
