// The field summary's cost on a 1M-row result, against DuckDB's own GROUP BY over the same table in the same run
// (decision 0060). Usage: node dist/bench/field-summary-bench.js [ROWS]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Case } from '../electron/core/case/case';
import { fieldSummary } from '../electron/core/query/field-summary';

const ROWS = Number(process.argv[2] ?? 1_000_000);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-fs-bench-'));
  const c = await Case.open(join(dir, 'case'), { create: { name: 'bench', examiner: 'bench' } });
  try {
    const r = await c.queries.run(`SELECT i % 1000 AS few, md5(CAST(i AS VARCHAR)) AS unique_text FROM range(${ROWS}) t(i)`);
    const table = c.queries.cache(r.queryId)!;
    for (const column of ['few', 'unique_text']) {
      const ours = await timed(() => fieldSummary(c.queries, r.queryId, column));
      const duck = await timed(() => table.aggregate((t) => `SELECT count(*) FROM (SELECT ${column}, count(*) FROM ${t} GROUP BY ALL)`));
      console.log(`${column}: ${ROWS} rows, ${ours.value.distinct} distinct: field summary ${ours.ms.toFixed(0)} ms (process CPU ${ours.cpuMs.toFixed(0)} ms), `
        + `DuckDB GROUP BY alone ${duck.ms.toFixed(0)} ms (${duck.cpuMs.toFixed(0)} ms); ratio ${(ours.ms / duck.ms).toFixed(2)}`);
    }
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
