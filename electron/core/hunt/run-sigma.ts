// Runs Sigma rules over a case: each rule is converted to SQL and run on the read-only analyst view, or
// reported as not runnable with the reason; never skipped silently.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVIDENCE_CATALOG } from '../query/analyst-instance';
import { parseSigmaRule, RuleError, type SigmaRule } from './sigma/rule';
import { NotRunnable, ruleToSql, type RuleSql } from './sigma/to-sql';
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
  const hits = hitsRelation(r);
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

export async function runSigmaRules(conn: DuckDBConnection, files: Array<{ file: string; text: string }>): Promise<HuntRuleResult[]> {
  const out: HuntRuleResult[] = [];
  for (const { file, text } of files) out.push(await runOne(conn, file, text));
  return out;
}

async function runOne(conn: DuckDBConnection, file: string, text: string): Promise<HuntRuleResult> {
  const started = Date.now();
  let rule: SigmaRule | null = null;
  const result = (extra: Partial<HuntRuleResult>): HuntRuleResult => ({
    file, id: rule?.id ?? null, title: rule?.title ?? null, level: rule?.level ?? null, author: rule?.author ?? null,
    techniques: rule ? techniquesOf(rule.tags) : [], runnable: false, reason: null, kind: null, hits: 0, rows: [], sql: null,
    ...extra, elapsedMs: Date.now() - started,
  });
  let sql: RuleSql;
  try {
    rule = parseSigmaRule(file, text);
    sql = ruleToSql(rule);
  } catch (e) {
    if (e instanceof RuleError || e instanceof NotRunnable) return result({ reason: e.message });
    throw e;
  }
  const kind = sql.temporal ? 'temporal' : !sql.aggregation ? 'match' : sql.aggregation.countField ? 'value_count' : 'event_count';
  const q = huntSql(sql);
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
