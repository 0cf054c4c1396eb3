// An independent evaluation of Sigma rules over raw CloudTrail records (JavaScript objects, no SQL), used to
// check the SQL Cairn generates; and a synthesiser of records that a rule's first search matches.
// Semantics: keys case-insensitive at every level, arrays searched element by element, string matches
// case-insensitive with * and ?, a missing field matches nothing (so `not` of it matches).
import { load } from 'js-yaml';

type Rec = Record<string, unknown>;
type Val = string | number | boolean | null;
interface Test { field: string | null; mods: string[]; values: Val[] }

export interface OracleRule { detection: Record<string, unknown>; condition: string; timeframe: string | null }

export function oracleRule(text: string): OracleRule {
  const doc = load(text) as { detection: Record<string, unknown> };
  const d = doc.detection;
  return { detection: d, condition: d.condition as string, timeframe: (d.timeframe as string | undefined) ?? null };
}

/** Event ids that the rule reports over these records (for correlations: the events at which the count passes). */
export function oracleHits(rule: OracleRule, records: Array<{ rec: Rec; raw: string }>): Set<string> {
  const [head, agg] = rule.condition.split('|').map((s) => s.trim());
  if (rule.timeframe && !agg) return temporalHits(rule, head!.split(/\s+and\s+/), records);
  const matching = records.filter((r) => evalCondition(head!, rule.detection, r));
  if (!agg) return new Set(matching.map((r) => String(r.rec.eventID)));
  const m = /^count\(\s*([\w.]*)\s*\)\s*(?:by\s+([\w.]+)\s*)?(>=|<=|>|<|=)\s*(\d+)$/.exec(agg)!;
  const [, countField, by, op, n] = m;
  const windowMs = rule.timeframe ? parseTimeframe(rule.timeframe) : Infinity;
  const groups = new Map<string, typeof matching>();
  for (const r of matching) {
    const k = by ? JSON.stringify(lookup(r.rec, by)[0] ?? null) : '';
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out = new Set<string>();
  for (const g of groups.values()) {
    for (const r of g) {
      const t = Date.parse(String(r.rec.eventTime));
      const inWindow = g.filter((o) => { const u = Date.parse(String(o.rec.eventTime)); return windowMs === Infinity || (u <= t && u >= t - windowMs); });
      const count = countField ? new Set(inWindow.map((o) => JSON.stringify(lookup(o.rec, countField)[0] ?? null))).size : inWindow.length;
      if (compare(count, op!, Number(n))) out.add(String(r.rec.eventID));
    }
  }
  return out;
}

/** Legacy `a and b` with a timeframe: events at which every search has matched within the window ending there. */
function temporalHits(rule: OracleRule, searches: string[], records: Array<{ rec: Rec; raw: string }>): Set<string> {
  const windowMs = parseTimeframe(rule.timeframe!);
  const seen = searches.map((s) => records.filter((r) => evalSearch(rule.detection[s], r)));
  const out = new Set<string>();
  for (const r of new Set(seen.flat())) {
    const t = Date.parse(String(r.rec.eventTime));
    const inWindow = (o: { rec: Rec }): boolean => { const u = Date.parse(String(o.rec.eventTime)); return u <= t && u >= t - windowMs; };
    if (seen.every((list) => list.some(inWindow))) out.add(String(r.rec.eventID));
  }
  return out;
}

function compare(a: number, op: string, b: number): boolean {
  return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : op === '<=' ? a <= b : a === b;
}

function parseTimeframe(tf: string): number {
  const m = /^(\d+)([smhd])$/.exec(tf)!;
  return Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as 's']!;
}

function evalCondition(cond: string, det: Record<string, unknown>, r: { rec: Rec; raw: string }): boolean {
  const toks = cond.match(/\(|\)|[^\s()]+/g)!;
  let k = 0;
  const names = Object.keys(det).filter((n) => n !== 'condition' && n !== 'timeframe');
  const search = (name: string): boolean => evalSearch(det[name], r);
  const or = (): boolean => { let v = and(); while (toks[k] === 'or') { k++; const w = and(); v = v || w; } return v; };
  const and = (): boolean => { let v = not(); while (toks[k] === 'and') { k++; const w = not(); v = v && w; } return v; };
  const not = (): boolean => { if (toks[k] === 'not') { k++; return !not(); } return prim(); };
  const prim = (): boolean => {
    const t = toks[k++]!;
    if (t === '(') { const v = or(); k++; return v; }
    if ((t === '1' || t === 'all') && toks[k] === 'of') {
      k++;
      const p = toks[k++]!;
      const re = new RegExp(`^${p.replace(/\*/g, '.*')}$`);
      const ms = p === 'them' ? names : names.filter((n) => re.test(n));
      return t === '1' ? ms.some(search) : ms.every(search);
    }
    return search(t);
  };
  return or();
}

function evalSearch(body: unknown, r: { rec: Rec; raw: string }): boolean {
  if (Array.isArray(body) && body.every((x) => typeof x === 'object' && x !== null)) return body.some((m) => evalMap(m as Rec, r));
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return evalMap(body as Rec, r);
  const kws = (Array.isArray(body) ? body : [body]) as Val[];
  return kws.some((v) => wildcard(`*${String(v)}*`).test(r.raw));
}

function evalMap(map: Rec, r: { rec: Rec; raw: string }): boolean {
  return Object.entries(map).every(([key, v]) => {
    const [field, ...mods] = key.split('|');
    return evalTest({ field: field!, mods, values: (Array.isArray(v) ? v : [v]) as Val[] }, r.rec);
  });
}

function evalTest(t: Test, rec: Rec): boolean {
  const found = lookup(rec, t.field!);
  if (t.mods.includes('exists')) return (found.length > 0) === (t.values[0] === true);
  if (t.mods.includes('fieldref')) {
    const ok = (v: Val): boolean => { const other = lookup(rec, String(v)); return found.some((a) => other.some((b) => text(a).toLowerCase() === text(b).toLowerCase())); };
    return t.mods.includes('all') ? t.values.every(ok) : t.values.some(ok);
  }
  const one = (v: Val): boolean => {
    if (v === null) return found.length === 0;
    return found.some((x) => matches(text(x), String(v), t.mods));
  };
  return t.mods.includes('all') ? t.values.every(one) : t.values.some(one);
}

function matches(x: string, v: string, mods: string[]): boolean {
  if (mods.includes('re')) return new RegExp(v, mods.includes('i') ? 'i' : '').test(x);
  const p = mods.includes('contains') ? `*${v}*` : mods.includes('startswith') ? `${v}*` : mods.includes('endswith') ? `*${v}` : v;
  return wildcard(p).test(x);
}

function wildcard(p: string): RegExp {
  let re = '';
  for (let k = 0; k < p.length; k++) {
    const c = p[k]!;
    if (c === '\\' && '*?\\'.includes(p[k + 1] ?? '')) { re += `\\${p[++k]}`; continue; }
    re += c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

const text = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));

/** Every non-null value at the path (keys case-insensitive; arrays searched element by element). */
export function lookup(rec: unknown, path: string): unknown[] {
  let cur: unknown[] = [rec];
  for (const seg of path.split('.')) {
    const next: unknown[] = [];
    for (const c of cur.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
      if (typeof c !== 'object' || c === null) continue;
      const k = Object.keys(c).find((key) => key.toLowerCase() === seg.toLowerCase());
      if (k !== undefined && (c as Rec)[k] !== null && (c as Rec)[k] !== undefined) next.push((c as Rec)[k]);
    }
    cur = next;
  }
  return cur;
}

/**
 * A record the rule's searches are likely to match (the oracle decides whether it does): every search the
 * condition does not negate, or only `only`.
 */
export function synthesise(rule: OracleRule, base: Rec, only?: string): Rec {
  const rec = structuredClone(base);
  const negated = [...rule.condition.matchAll(/not\s+(?:1 of |all of )?([\w*]+)/g)].map((m) => new RegExp(`^${m[1]!.replace(/\*/g, '.*')}$`));
  for (const [name, body] of Object.entries(rule.detection)) {
    if (name === 'condition' || name === 'timeframe' || negated.some((re) => re.test(name)) || (only !== undefined && name !== only)) continue;
    const map = (Array.isArray(body) ? body[0] : body) as unknown;
    if (typeof map !== 'object' || map === null) continue;
    for (const [key, v] of Object.entries(map as Rec)) {
      const [field, ...mods] = key.split('|');
      const first = (Array.isArray(v) ? v : [v]) as Val[];
      if (mods.includes('re') || mods.includes('fieldref') || mods.includes('expand')) continue;
      const value = mods.includes('all') ? first.map(String).join(' ') : first[0];
      if (value === null) { setPath(rec, field!, null); continue; }
      if (mods.includes('exists')) { if (value === true) setPath(rec, field!, 'present'); continue; }
      if (!field!.includes('.') && mods.includes('contains') && JSON_FIELDS.has(field!.toLowerCase())) {
        // A whole JSON field searched for text: an object whose values hold it, as CloudTrail writes them.
        setPath(rec, field!, Object.fromEntries(first.map((x, k) => [`cairnSynth${k}`, String(x).replace(/^"|"$/g, '')])));
        continue;
      }
      const s = String(value).replace(/\*/g, 'x').replace(/\?/g, 'y');
      setPath(rec, field!, mods.includes('contains') ? `pre ${s} post` : mods.includes('startswith') ? `${s}-tail` : mods.includes('endswith') ? `head-${s}` : typeof value === 'string' ? s : value);
    }
  }
  return rec;
}

const JSON_FIELDS = new Set(['requestparameters', 'responseelements', 'additionaleventdata']);

function setPath(rec: Rec, path: string, v: unknown): void {
  const segs = path.split('.');
  let cur = rec;
  for (const s of segs.slice(0, -1)) {
    const k = Object.keys(cur).find((key) => key.toLowerCase() === s.toLowerCase()) ?? s;
    if (typeof cur[k] !== 'object' || cur[k] === null || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k] as Rec;
  }
  const last = segs.at(-1)!;
  const k = Object.keys(cur).find((key) => key.toLowerCase() === last.toLowerCase()) ?? last;
  if (v === null) delete cur[k]; else cur[k] = v;
}

/**
 * Sigma 2 correlation documents, evaluated over the records with no SQL: the events at which a correlation fires.
 * Each referenced rule's matching events (a referenced correlation's firing events) are tagged with its index;
 * the group is the group-by fields' values (through aliases); the window is [t - timespan, t] at each event t.
 * event_count: distinct events; value_count: distinct present values of the field; temporal: distinct rules
 * (default: all); temporal_ordered: an event of the last rule ends a chain rule 0, 1, ... in time order (equal
 * times allowed) that starts inside the window.
 */
export function oracleCorrelationHits(docs: Rec[], corr: Rec, records: Array<{ rec: Rec; raw: string }>): Set<string> {
  const c = corr.correlation as Rec;
  const refs = c.rules as string[];
  const groupBy = (c['group-by'] as string[] | undefined) ?? [];
  const aliases = (c.aliases as Record<string, Record<string, string>> | undefined) ?? {};
  const cond = (c.condition as Record<string, unknown> | undefined) ?? { gte: refs.length };
  const m = /^(\d+)([smhd])$/.exec(String(c.timespan))!;
  const spanMs = Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as 's']!;
  const time = (r: { rec: Rec }): number => Date.parse(String(r.rec.eventTime));
  const entries: Array<{ r: { rec: Rec; raw: string }; k: number; group: string; value: string | null }> = [];
  refs.forEach((ref, k) => {
    const doc = docs.find((d) => d.name === ref) ?? docs.find((d) => d.id === ref)!;
    const field = (f: string): string => aliases[f]?.[String(doc.name)] ?? f;
    const matched = doc.correlation
      ? records.filter((r) => oracleCorrelationHits(docs, doc, records).has(String(r.rec.eventID)))
      : records.filter((r) => evalCondition(String((doc.detection as Rec).condition), doc.detection as Rec, r));
    for (const r of matched) {
      const group = JSON.stringify(groupBy.map((g) => lookup(r.rec, field(g))[0] ?? null));
      const v = cond.field ? lookup(r.rec, field(String(cond.field)))[0] : undefined;
      entries.push({ r, k, group, value: v === undefined ? null : JSON.stringify(v) });
    }
  });
  const out = new Set<string>();
  for (const x of entries) {
    const t = time(x.r);
    const win = entries.filter((e) => e.group === x.group && time(e.r) <= t && time(e.r) >= t - spanMs);
    if (c.type === 'temporal_ordered') {
      if (x.k !== refs.length - 1) continue;
      const chain = (e: (typeof entries)[number]): boolean => e.k === 0
        || win.some((p) => p.k === e.k - 1 && time(p.r) <= time(e.r) && chain(p));
      if (chain(x)) out.add(String(x.r.rec.eventID));
      continue;
    }
    const n = c.type === 'temporal' ? new Set(win.map((e) => e.k)).size
      : c.type === 'value_count' ? new Set(win.map((e) => e.value).filter((v) => v !== null)).size
        : new Set(win.map((e) => String(e.r.rec.eventID))).size;
    const ok = Object.entries(cond).every(([op, v]) => op === 'field'
      || (op === 'gt' ? n > Number(v) : op === 'gte' ? n >= Number(v) : op === 'lt' ? n < Number(v) : op === 'lte' ? n <= Number(v) : n === Number(v)));
    if (ok) out.add(String(x.r.rec.eventID));
  }
  return out;
}
