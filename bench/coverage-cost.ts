// What the coverage ledger costs at case size (#26 target: 10M events under 5 s, so it can refresh after every
// import). Importing 10M events takes minutes and is measured elsewhere; this fills a fresh case's cloudtrail
// table with synthetic rows straight in DuckDB (accounts x regions x hours, files of ~1,000 events, a few hours
// left empty), then times computeCoverage (Case.coverage) several times. Results: bench/results/README.md.
// Usage: node dist/bench/coverage-cost.js [events=10000000] [runs=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Case } from '../electron/core/case/case';

// 20 accounts x 4 regions = 80 streams over 30 days; each stream's events in time order, in files of 1,000
// consecutive events (as CloudTrail delivers: a file holds minutes of one account and region); every 97th hour
// left empty; one StopLogging per 100,000 events so the logging-change query has work too.
const FILL_SQL = (n: number): string => `
  INSERT INTO cloudtrail (eventtime, eventname, awsregion, recipientaccountid, event_ts, requestparameters, _evidence_id, _ordinal)
  SELECT strftime(ts, '%Y-%m-%dT%H:%M:%SZ'), CASE WHEN i % 100000 = 0 THEN 'StopLogging' ELSE 'GetObject' END, region, account, ts,
         CASE WHEN i % 100000 = 0 THEN '{"name":"trail-1"}' END, (stream * 1000000 + k // 1000)::INTEGER, k % 1000 + 1
  FROM (
    SELECT i, i % 80 AS stream, i // 80 AS k, lpad(((i % 20) + 100000000000)::VARCHAR, 12, '0') AS account,
           ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'][(i % 80) // 20 + 1] AS region,
           TIMESTAMP '2024-05-01 00:00:00' + to_seconds(((i // 80) * (720 * 3600) // (${n} // 80 + 1))) AS ts
    FROM range(${n}) t(i)
  ) WHERE (epoch(ts)::BIGINT // 3600) % 97 <> 0`;

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 10_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-coverage-cost-'));
  process.env.CAIRN_EXAMINER_KEY_DIR ??= join(dir, 'key');
  const c = await Case.open(join(dir, 'case'), { create: { name: 'coverage cost', examiner: 'bench' } });
  try {
    const t = performance.now();
    await c.forImport().conn.run(FILL_SQL(events));
    await c.forImport().conn.run('CHECKPOINT');
    const rows = Number((await c.forImport().conn.runAndReadAll('SELECT count(*) FROM cloudtrail')).getRowsJS()[0]![0]);
    const fillMs = performance.now() - t;
    const times: number[] = [];
    const cpu: number[] = [];
    let last = await c.coverage();
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      const u = process.cpuUsage();
      last = await c.coverage();
      times.push(Math.round(performance.now() - s));
      const d = process.cpuUsage(u);
      cpu.push(Math.round((d.user + d.system) / 1000)); // all threads, DuckDB's included: what it costs without contention for cores
    }
    console.log(JSON.stringify({
      rows, fillMs: Math.round(fillMs), coverageMs: times, cpuMs: cpu, best: Math.min(...times), loadAverage: (await import('node:os')).loadavg().map((x) => x.toFixed(1)), streams: last.streams.length, cells: last.cells.length,
      gapHours: last.gaps.reduce((n, g) => n + g.hours, 0), changes: last.changes.length, windows: last.windows.length, cpus: (await import('node:os')).cpus().length,
    }, null, 2));
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
