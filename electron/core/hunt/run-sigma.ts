// Runs Sigma rules over a case: each rule is converted to SQL and run on the read-only analyst view, or
// reported as not runnable with the reason; never skipped silently.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVIDENCE_CATALOG } from '../query/analyst-instance';
import { parseSigmaRule, RuleError, type SigmaRule } from './sigma/rule';
import { NotRunnable, ruleToSql, type RuleSql } from './sigma/to-sql';
import { techniquesOf } from './attack';

export interface HuntHit {
  evidenceId: number; ordinal: number; eventId: string | null; eventTime: string | null; eventName: string | null; principal: string | null; sourceIp: string | null;
  /** Correlations: the group's value (count() by field) and the events in the window when it fired. */
  groupValue?: string | null; windowCount?: number;
}

export interface HuntRuleResult {
  file: string;
  id: string | null;
  title: string | null;
  level: string | null;
  author: string | null;
  techniques: string[];
  runnable: boolean;
  /** Why a rule could not run (not runnable, or DuckDB refused its SQL). */
  reason: string | null;
  kind: 'match' | 'event_count' | 'value_count' | 'temporal' | null;
  hits: number;
  /** The first hits, oldest first, with provenance (evidence id and ordinal). */
  rows: HuntHit[];
  sql: string | null;
  elapsedMs: number;
}

const MAX_ROWS = 1000;
const TABLE = `${EVIDENCE_CATALOG}.main.cloudtrail`;
const HIT_COLUMNS = 't._evidence_id, t._ordinal, t.eventtime, t.eventname, t.useridentity.arn, t.sourceipaddress, t.eventid';

/** Every .yml/.yaml file under the folders, sorted by path, with the text it holds. */
export function readRuleFiles(dirs: string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (root: string, dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(root, p);
      else if (/\.ya?ml$/i.test(name)) out.push({ file: join(relative(join(root, '..'), root), relative(root, p)), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs) walk(d, d);
  return out;
}

/** The SQL a rule runs as (exported for tests and `cairn hunt --show-sql`). */
export function huntSql(r: RuleSql): string {
  if (r.temporal) {
    const seen = r.temporal.searches.map((_, k) => `max(s${k}::INT) OVER win AS w${k}`).join(', ');
    return `WITH m AS (SELECT ${HIT_COLUMNS}, t.event_ts, ${r.temporal.searches.map((s, k) => `${s} AS s${k}`).join(', ')} FROM ${TABLE} AS t WHERE ${r.where}),
w AS (SELECT *, ${seen} FROM m WINDOW win AS (ORDER BY event_ts RANGE BETWEEN INTERVAL (${r.temporal.windowSeconds}) SECOND PRECEDING AND CURRENT ROW)),
f AS (SELECT * FROM w WHERE ${r.temporal.searches.map((_, k) => `w${k} = 1`).join(' AND ')})
SELECT * EXCLUDE (event_ts, ${r.temporal.searches.flatMap((_, k) => [`s${k}`, `w${k}`]).join(', ')}), NULL AS grp, ${r.temporal.searches.length} AS n, count(*) OVER () AS hits FROM f ORDER BY event_ts, _evidence_id, _ordinal LIMIT ${MAX_ROWS}`;
  }
  const a = r.aggregation;
  if (!a) {
    return `SELECT ${HIT_COLUMNS}, count(*) OVER () AS hits FROM ${TABLE} AS t WHERE ${r.where} ORDER BY t.event_ts, t._evidence_id, t._ordinal LIMIT ${MAX_ROWS}`;
  }
  const frame = a.windowSeconds === null
    ? 'PARTITION BY grp'
    : `PARTITION BY grp ORDER BY event_ts RANGE BETWEEN INTERVAL (${a.windowSeconds}) SECOND PRECEDING AND CURRENT ROW`;
  const counted = a.countField ? `count(DISTINCT cf) OVER (${frame})` : `count(*) OVER (${frame})`;
  return `WITH m AS (SELECT ${HIT_COLUMNS}, t.event_ts, ${a.groupSql ?? 'NULL'} AS grp, ${a.countField ?? 'NULL'} AS cf FROM ${TABLE} AS t WHERE ${r.where}),
w AS (SELECT *, ${counted} AS n FROM m),
f AS (SELECT * FROM w WHERE n ${a.op} ${a.value})
SELECT * EXCLUDE (event_ts, cf, n), grp, n, count(*) OVER () AS hits FROM f ORDER BY event_ts, _evidence_id, _ordinal LIMIT ${MAX_ROWS}`;
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
  const query = huntSql(sql);
  try {
    const rows = (await conn.runAndReadAll(query)).getRows();
    const hits = rows.length ? Number(rows[0]!.at(-1)) : 0;
    return result({ runnable: true, kind, sql: query, hits, rows: rows.map((r) => toHit(r, kind !== 'match')) });
  } catch (e) {
    return result({ kind, sql: query, reason: `DuckDB could not run the rule's SQL: ${(e as Error).message.split('\n')[0]}` });
  }
}

function toHit(r: unknown[], correlated: boolean): HuntHit {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const hit: HuntHit = { evidenceId: Number(r[0]), ordinal: Number(r[1]), eventTime: text(r[2]), eventName: text(r[3]), principal: text(r[4]), sourceIp: text(r[5]), eventId: text(r[6]) };
  if (correlated) { hit.groupValue = text(r[7]); hit.windowCount = Number(r[8]); }
  return hit;
}
