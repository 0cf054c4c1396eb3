// What contains($cidr, ip) with the CIDR as a bound parameter costs: the post's "connections from an IP"
// (resources/queries/post-connections-from-ip.sql) through Cairn's engine beside its hand translation on plain
// DuckDB over the same evidence file, alternating, CPU and wall time (decision 0022).
// Usage: node dist/bench/cidr-param-bench.js <case dir with flow logs> [runs]
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Case, EVIDENCE_DB } from '../electron/core/case/case';
import { postQueries } from './post-queries';

interface Sample { wallMs: number; cpuMs: number; rows: number }

async function timed(f: () => Promise<number>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await f();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, rows };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const runs = Number(process.argv[3] ?? 3);
  if (!dir) throw new Error('usage: cidr-param-bench <case dir> [runs]');
  const q = postQueries().find((x) => x.id === 'post-connections-from-ip')!;
  const cairn: Sample[] = [];
  const direct: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    const c = await Case.open(dir);
    try {
      cairn.push(await timed(async () => {
        const page = await c.queries.run(q.athena, { pageSize: 1, params: q.params });
        await c.queries.close(page.queryId);
        return page.rowCount;
      }));
    } finally { await c.close(); }
    const instance = await DuckDBInstance.create(join(dir, EVIDENCE_DB), { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      await conn.run("SET TimeZone = 'UTC'");
      direct.push(await timed(async () => (await conn.runAndReadAll(q.duckdb, q.params)).getRows().length));
    } finally { conn.closeSync(); instance.closeSync(); }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = (s: Sample[]) => ({ wallMs: Math.round(median(s.map((x) => x.wallMs))), cpuMs: Math.round(median(s.map((x) => x.cpuMs))), rows: s[0]!.rows });
  const a = m(cairn), d = m(direct);
  if (a.rows !== d.rows) throw new Error(`Cairn returned ${a.rows} rows, DuckDB ${d.rows}`);
  console.log(JSON.stringify({ query: q.id, origin: q.origin, params: q.params, runs, cairn: a, direct: d,
    cpuRatio: +(a.cpuMs / d.cpuMs).toFixed(2), wallRatio: +(a.wallMs / d.wallMs).toFixed(2) }, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
