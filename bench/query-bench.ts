// Times the AWS post's five queries over the benchmark case three ways: the Athena text through Cairn's
// QueryEngine (dialect translation, the statement gate, the paged result cache, the audit entry), the
// hand-translated DuckDB text through the same engine (so the dialect's own cost shows apart from the
// engine's), and that DuckDB text directly on a plain DuckDB connection to the same evidence file. Blocks alternate (Cairn, direct, Cairn,
// direct) so machine drift hits both; each block warms each query once, then keeps `reps` timings (at
// least FAST_REPS for a query under FAST_MS; the Athena and DuckDB texts alternate run by run; a query
// slower than SLOW_MS keeps its warm-up run as the block's one sample).
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Case, EVIDENCE_DB } from '../electron/core/case/case';
import { CairnError } from '../electron/core/errors';
import { postQueries, type PostQuery } from './post-queries';

const FIRST_PAGE = 200;
const LATER_PAGE = 5000;

export interface QueryTiming {
  id: string; title: string; rows: number;
  /** Where the text Cairn ran came from (the query library file, or the bench's fallback). */
  origin: string;
  /** 'as written' when Cairn ran the Athena text; otherwise why not, and the DuckDB text was timed instead. */
  cairnRan: string;
  cairnFirstMs: number; cairnFullMs: number; directFirstMs: number; directFullMs: number;
  firstRatio: number; fullRatio: number;
  /** The hand-translated DuckDB text through the same engine (gate, paging, audit): isolates the dialect. */
  engineDuckFirstMs: number; engineDuckFullMs: number;
  /** Athena text vs DuckDB text, both through Cairn's engine: what the compatibility layer itself costs. */
  dialectFirstRatio: number; dialectFullRatio: number;
}

interface Sample { firstMs: number; fullMs: number; rows: number }

export async function benchQueries(caseDir: string, reps: number, blocks = 2): Promise<QueryTiming[]> {
  const POST_QUERIES = postQueries();
  const cairn = new Map<string, Sample[]>();
  const engineDuck = new Map<string, Sample[]>();
  const direct = new Map<string, Sample[]>();
  const ran = new Map<string, string>();
  for (let b = 0; b < blocks; b++) {
    const c = await Case.open(caseDir);
    try {
      for (const q of POST_QUERIES) {
        const sql = await chooseCairnSql(c, q, ran);
        // Interleaved run by run: the dialect's cost is a few percent at most, less than the drift
        // between two back-to-back series of the same query.
        await timeReps([cairn, engineDuck], q.id, reps, [() => cairnOnce(c, sql, q.params), () => cairnOnce(c, q.duckdb, q.params)]);
      }
    } finally { await c.close(); }

    const instance = await DuckDBInstance.create(join(caseDir, EVIDENCE_DB), { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      await conn.run("SET TimeZone = 'UTC'");
      for (const q of POST_QUERIES) {
        await timeReps([direct], q.id, reps, [() => directOnce(conn, q.duckdb, q.params)]);
      }
    } finally { conn.closeSync(); instance.closeSync(); }
  }
  return POST_QUERIES.map((q) => {
    const a = cairn.get(q.id)!, d = direct.get(q.id)!, e = engineDuck.get(q.id)!;
    const cf = median(a.map((s) => s.firstMs)), cF = median(a.map((s) => s.fullMs));
    const ef = median(e.map((s) => s.firstMs)), eF = median(e.map((s) => s.fullMs));
    const df = median(d.map((s) => s.firstMs)), dF = median(d.map((s) => s.fullMs));
    if (a[0]!.rows !== d[0]!.rows) throw new Error(`${q.id}: Cairn returned ${a[0]!.rows} rows, DuckDB ${d[0]!.rows}`);
    return { id: q.id, title: q.title, rows: d[0]!.rows, origin: q.origin, cairnRan: ran.get(q.id)!, cairnFirstMs: cf, cairnFullMs: cF, directFirstMs: df, directFullMs: dF, firstRatio: cf / df, fullRatio: cF / dF,
      engineDuckFirstMs: ef, engineDuckFullMs: eF, dialectFirstRatio: cf / ef, dialectFullRatio: cF / eF };
  });
}

/** The Athena text if Cairn runs it as written; else the DuckDB text, with the reason recorded. */
async function chooseCairnSql(c: Case, q: PostQuery, ran: Map<string, string>): Promise<string> {
  const known = ran.get(q.id);
  if (known !== undefined) return known === 'as written' ? q.athena : q.duckdb;
  try {
    const page = await c.queries.run(q.athena, { pageSize: 1, params: q.params });
    await c.queries.close(page.queryId);
    ran.set(q.id, 'as written');
    return q.athena;
  } catch (e) {
    const why = e instanceof CairnError ? `${e.code}: ${e.message}` : String(e);
    ran.set(q.id, `DuckDB text (Athena text failed: ${why.split('\n')[0]!.slice(0, 160)})`);
    return q.duckdb;
  }
}

async function cairnOnce(c: Case, sql: string, params: Record<string, string>): Promise<Sample> {
  const t0 = performance.now();
  let page = await c.queries.run(sql, { pageSize: FIRST_PAGE, params });
  const firstMs = performance.now() - t0;
  let offset = page.rows.length;
  while (!(page.done && offset >= page.rowCount)) {
    page = await c.queries.page(page.queryId, offset, LATER_PAGE);
    if (page.rows.length === 0) break;
    offset += page.rows.length;
  }
  const fullMs = performance.now() - t0;
  await c.queries.close(page.queryId);
  return { firstMs, fullMs, rows: offset };
}

async function directOnce(conn: DuckDBConnection, sql: string, params: Record<string, string>): Promise<Sample> {
  const t0 = performance.now();
  const reader = await conn.streamAndReadUntil(sql, FIRST_PAGE, Object.keys(params).length > 0 ? params : undefined);
  reader.getRowsJson().slice(0, FIRST_PAGE);
  const firstMs = performance.now() - t0;
  await reader.readAll();
  const rows = reader.getRowsJson().length;
  return { firstMs, fullMs: performance.now() - t0, rows };
}

/** Slower than this, a warm-up run is as good a sample as any and repeating it only costs minutes. */
const SLOW_MS = 3000;
/** A query this fast is timed at least this many times: a millisecond of jitter is 10% of it. */
const FAST_MS = 50;
const FAST_REPS = 21;
const MEDIUM_MS = 500;
const MEDIUM_REPS = 8;

/**
 * One warm-up of each variant, then `reps` rounds running each variant once (more rounds for a fast
 * query); a slow query's warm-up is its only sample in this block.
 */
async function timeReps(ms: Map<string, Sample[]>[], id: string, reps: number, onces: (() => Promise<Sample>)[]): Promise<void> {
  const warm: Sample[] = [];
  for (const once of onces) warm.push(await once());
  const slowest = Math.max(...warm.map((w) => w.fullMs));
  if (slowest > SLOW_MS) { warm.forEach((w, i) => push(ms[i]!, id, w)); return; }
  const rounds = slowest < FAST_MS ? Math.max(reps, FAST_REPS) : slowest < MEDIUM_MS ? Math.max(reps, MEDIUM_REPS) : reps;
  // The order flips every round: whichever variant runs right after the other's full read pays for it.
  for (let k = 0; k < rounds; k++) {
    const order = [...onces.keys()];
    if (k % 2 === 1) order.reverse();
    for (const i of order) push(ms[i]!, id, await onces[i]!());
  }
}

function push(m: Map<string, Sample[]>, k: string, s: Sample): void {
  const list = m.get(k) ?? [];
  list.push(s);
  m.set(k, list);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
