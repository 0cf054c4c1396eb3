// Runs Sigma rules over a case: each rule is converted to SQL and run on the read-only analyst view, or
// reported as not runnable with the reason; never skipped silently.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVIDENCE_CATALOG } from '../query/analyst-instance';
import { RuleError, ruleFromDocument, sigmaDocuments, type SigmaRule } from './sigma/rule';
import { NotRunnable, ruleToSql, type RuleSql } from './sigma/to-sql';
import { CorrelationError, correlationSql, parseCorrelation, type CorrelationRule, type Referenced } from './sigma/correlation';
import { techniquesOf } from './attack';
import type { HuntHit, HuntRuleResult } from '../../../shared/hunt';

export type { HuntHit, HuntRuleResult };

/** Every .yml/.yaml file under the folders, sorted by path, named from the folder's own name down. */
export function readRuleFiles(dirs: string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (root: string, dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(root, p);
      else if (/\.ya?ml$/i.test(name)) out.push({ file: join(basename(root), relative(root, p)), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs) walk(d, d);
  return out;
}

const MAX_ROWS = 1000;
const TABLE = `${EVIDENCE_CATALOG}.main.cloudtrail`;
/** What a hit shows, with its provenance. */
const HIT_COLUMNS = 't._evidence_id, t._ordinal, t.eventtime, t.eventname, t.useridentity.arn AS principal, t.sourceipaddress, t.eventid';

/**
 * The SQL one rule runs as: the events it reports (for correlations, the events at which it fires), as a
 * relation `hits` ordered oldest first; `rows` reads its first rows and `count` all of them. A window count in
 * the same query would materialise every hit (measured: most of a hunt's time; decision 0020).
 */
export function huntSql(r: RuleSql): { rows: string; count: string } {
  return queriesOver(hitsRelation(r));
}

function queriesOver(hits: string): { rows: string; count: string } {
  return {
    rows: `${hits} SELECT * EXCLUDE (event_ts) FROM hits ORDER BY event_ts, _evidence_id, _ordinal LIMIT ${MAX_ROWS}`,
    count: `${hits} SELECT count(*) FROM hits`,
  };
}

function hitsRelation(r: RuleSql): string {
  if (r.temporal) {
    const s = r.temporal.searches;
    return `WITH m AS (SELECT ${HIT_COLUMNS}, t.event_ts, ${s.map((x, k) => `${x} AS s${k}`).join(', ')} FROM ${TABLE} AS t WHERE ${r.where}),
w AS (SELECT *, ${s.map((_, k) => `max(s${k}::INT) OVER win AS w${k}`).join(', ')} FROM m WINDOW win AS (ORDER BY event_ts RANGE BETWEEN INTERVAL (${r.temporal.windowSeconds}) SECOND PRECEDING AND CURRENT ROW)),
hits AS (SELECT * EXCLUDE (${s.flatMap((_, k) => [`s${k}`, `w${k}`]).join(', ')}), NULL AS grp, ${s.length} AS n FROM w WHERE ${s.map((_, k) => `w${k} = 1`).join(' AND ')})`;
  }
  const a = r.aggregation;
  if (!a) return `WITH hits AS (SELECT ${HIT_COLUMNS}, t.event_ts FROM ${TABLE} AS t WHERE ${r.where})`;
  const frame = a.windowSeconds === null
    ? 'PARTITION BY grp'
    : `PARTITION BY grp ORDER BY event_ts RANGE BETWEEN INTERVAL (${a.windowSeconds}) SECOND PRECEDING AND CURRENT ROW`;
  const counted = a.countField ? `count(DISTINCT cf) OVER (${frame})` : `count(*) OVER (${frame})`;
  return `WITH m AS (SELECT ${HIT_COLUMNS}, t.event_ts, ${a.groupSql ?? 'NULL'} AS grp, ${a.countField ?? 'NULL'} AS cf FROM ${TABLE} AS t WHERE ${r.where}),
w AS (SELECT *, ${counted} AS n FROM m),
hits AS (SELECT * EXCLUDE (cf) FROM w WHERE n ${a.op} ${a.value})`;
}

/** One YAML document of a rule file: a detection rule, a correlation, or why it could not be read. */
type RuleDoc = { label: string } & ({ rule: SigmaRule; corr?: undefined; error?: undefined } | { corr: CorrelationRule; rule?: undefined; error?: undefined }
  | { error: string; title?: string; id?: string; rule?: undefined; corr?: undefined });

/** A file's documents; a file of several is labelled file#1, file#2, ... */
function readDocuments(file: string, text: string): RuleDoc[] {
  let docs: unknown[];
  try { docs = sigmaDocuments(text); } catch (e) { return [{ label: file, error: (e as Error).message }]; }
  if (docs.length === 0) return [{ label: file, error: 'not a Sigma rule (the file holds no YAML document)' }];
  return docs.map((doc, k) => {
    const label = docs.length === 1 ? file : `${file}#${k + 1}`;
    try {
      const isCorrelation = typeof doc === 'object' && doc !== null && 'correlation' in doc;
      return isCorrelation ? { label, corr: parseCorrelation(label, doc as Record<string, unknown>) } : { label, rule: ruleFromDocument(label, doc) };
    } catch (e) {
      if (e instanceof RuleError) {
        const named = (doc ?? {}) as { title?: unknown; id?: unknown };
        return { label, error: e.message, ...(typeof named.title === 'string' ? { title: named.title } : {}), ...(typeof named.id === 'string' ? { id: named.id } : {}) };
      }
      throw e;
    }
  });
}

/**
 * Runs every document of every file. A rule or correlation that a correlation of the same file refers to runs only as
 * part of it, unless one of those correlations says `generate: true` (Sigma 2); every other one runs or says why not.
 */
export async function runSigmaRules(conn: DuckDBConnection, files: Array<{ file: string; text: string }>): Promise<HuntRuleResult[]> {
  const docs = files.flatMap(({ file, text }) => readDocuments(file, text).map((d) => ({ ...d, file })));
  const byRef = new Map<string, typeof docs>();
  for (const d of docs) {
    const item = d.rule ?? d.corr;
    for (const key of item ? [item.id, item.name] : []) if (key) byRef.set(key, [...(byRef.get(key) ?? []), d]);
  }
  /** A reference by name or id: the same file's document first, then any other folder's. */
  const find = (ref: string, from: { file: string }): (typeof docs)[number] | undefined => {
    const all = byRef.get(ref) ?? [];
    return all.find((d) => d.file === from.file) ?? all[0];
  };
  const referrers = new Map<(typeof docs)[number], CorrelationRule[]>();
  for (const d of docs) {
    if (!d.corr) continue;
    // Only a document of the same file is the correlation's own part; a rule file of its own still runs as itself.
    for (const ref of d.corr.rules) { const t = find(ref, d); if (t?.file === d.file) referrers.set(t, [...(referrers.get(t) ?? []), d.corr]); }
  }
  const fileOf = new Map(docs.flatMap((d) => (d.corr ? [[d.corr, d.file] as const] : [])));
  const resolve = (ref: string, corr: CorrelationRule): Referenced => resolveReference(find(ref, { file: fileOf.get(corr) ?? '' }), ref, corr);
  const out: HuntRuleResult[] = [];
  for (const d of docs) {
    const by = referrers.get(d);
    if (by && !by.some((c) => c.generate)) continue;
    out.push(await runDocument(conn, d, resolve));
  }
  return out;
}

function resolveReference(d: RuleDoc | undefined, ref: string, corr: CorrelationRule): Referenced {
  if (!d) throw new CorrelationError(`correlation ${corr.title} refers to ${ref}, which no rule file defines (by name or id)`);
  if (d.error !== undefined) throw new CorrelationError(`correlation ${corr.title} refers to ${ref} (${d.label}), which cannot be read: ${d.error}`);
  if (d.corr) return { kind: 'correlation', corr: d.corr };
  let sql: RuleSql;
  try { sql = ruleToSql(d.rule); } catch (e) {
    if (e instanceof NotRunnable) throw new CorrelationError(`correlation ${corr.title} refers to ${ref}, which is not runnable: ${e.message}`);
    throw e;
  }
  if (sql.aggregation || sql.temporal) throw new CorrelationError(`correlation ${corr.title} refers to ${ref}, a legacy aggregation rule; refer to its searches' rule instead`);
  return { kind: 'rule', rule: d.rule, where: sql.where };
}

async function runDocument(conn: DuckDBConnection, d: RuleDoc, resolve: (ref: string, from: CorrelationRule) => Referenced): Promise<HuntRuleResult> {
  const started = Date.now();
  const meta = d.rule ?? d.corr;
  const unread = d.error !== undefined ? d : undefined;
  const result = (extra: Partial<HuntRuleResult>): HuntRuleResult => ({
    file: d.label, id: meta?.id ?? unread?.id ?? null, title: meta?.title ?? unread?.title ?? null, level: meta?.level ?? null, author: meta?.author ?? null,
    techniques: meta ? techniquesOf(meta.tags) : [], runnable: false, reason: null, kind: null, hits: 0, rows: [], sql: null,
    ...extra, elapsedMs: Date.now() - started,
  });
  if (d.error !== undefined) return result({ reason: d.error });
  let kind: NonNullable<HuntRuleResult['kind']>;
  let q: { rows: string; count: string };
  try {
    if (d.corr) {
      kind = d.corr.type;
      const c = correlationSql(d.corr, resolve, TABLE);
      q = queriesOver(`WITH ${c.ctes.join(',\n')},\nhits AS (SELECT ${HIT_COLUMNS}, t.event_ts, t._grp AS grp, t._n AS n FROM ${c.hits} AS t)`);
    } else {
      const sql = ruleToSql(d.rule);
      kind = sql.temporal ? 'temporal' : !sql.aggregation ? 'match' : sql.aggregation.countField ? 'value_count' : 'event_count';
      q = huntSql(sql);
    }
  } catch (e) {
    if (e instanceof NotRunnable || e instanceof CorrelationError) return result({ reason: e.message });
    throw e;
  }
  try {
    const rows = (await conn.runAndReadAll(q.rows)).getRows();
    const hits = rows.length < MAX_ROWS ? rows.length : Number((await conn.runAndReadAll(q.count)).getRows()[0]![0]);
    return result({ runnable: true, kind, sql: q.rows, hits, rows: rows.map((r) => toHit(r, kind !== 'match')) });
  } catch (e) {
    return result({ kind, sql: q.rows, reason: `DuckDB could not run the rule's SQL: ${(e as Error).message.split('\n')[0]}` });
  }
}

function toHit(r: unknown[], correlated: boolean): HuntHit {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const hit: HuntHit = { evidenceId: Number(r[0]), ordinal: Number(r[1]), eventTime: text(r[2]), eventName: text(r[3]), principal: text(r[4]), sourceIp: text(r[5]), eventId: text(r[6]) };
  if (correlated) { hit.groupValue = text(r[7]); hit.windowCount = Number(r[8]); }
  return hit;
}
