// What a hunt costs: every shipped Sigma rule over a case (e.g. the bench's 1M CloudTrail events), wall and CPU
// time, in this process (decision 0020; results in bench/results/README.md).
// Usage: node dist/bench/hunt-bench.js <case dir> [rule dir...]  (rule dirs: run those instead of the shipped rules,
// e.g. bench/sigma-correlations)
import { join } from 'node:path';
import { Case } from '../electron/core/case/case';
import { huntCase } from '../electron/core/hunt/hunt-case';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: hunt-bench <case dir> [rule dir...]');
  const ruleDirs = process.argv.slice(3);
  const c = await Case.open(dir);
  try {
    const rows = (await c.tables()).find((t) => t.name === 'cloudtrail')?.rows ?? 0;
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const s = await huntCase(c, { resourcesDir: join(__dirname, '..', '..', 'resources'), ...(ruleDirs.length ? { ruleDirs, shipped: false } : {}) });
    const wallMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const slowest = [...s.results].sort((a, b) => b.elapsedMs - a.elapsedMs).slice(0, 5).map((r) => `${r.file.split('/').at(-1)} ${r.elapsedMs} ms`);
    console.log(JSON.stringify({ events: rows, rules: s.rules, runnable: s.runnable, hits: s.hits, notRunnable: s.results.filter((r) => !r.runnable).map((r) => `${r.file}: ${r.reason}`),
      perRule: ruleDirs.length ? s.results.map((r) => `${r.title} (${r.kind}): ${r.hits} hits, ${r.elapsedMs} ms`) : undefined, wallMs: Math.round(wallMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), slowest }, null, 2));
  } finally {
    await c.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
