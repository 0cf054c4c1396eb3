// `npm run bench:ui`: the workbench at result scale, in Chromium over `cairn serve` (decision 0050).
// - a 1M-row `SELECT *` until the result is whole (row count done, Histogram and exports enabled);
// - a 10M-row result: first page, then a jump to a row deep inside it until that row shows;
// - wheel scrolling over the 1M-row result: frame times (requestAnimationFrame gaps) and long tasks.
// Beside each, DuckDB's own time to make the same result as a table (CREATE TABLE AS on a plain instance).
// With `--case DIR` (a case holding >= 1M CloudTrail events, e.g. imported from `npm run bench` data) the
// queries read `cloudtrail`; without, a fresh case and synthetic rows (`range`, md5 text) stand in.
// `--only wheel` measures wheel scrolling alone (`--rows N` rows, default 1M); `--profile` adds where the page's
// main thread spent the wheel's time (Chromium trace and CPU profile, bench/ui-profile.ts).
// Results: a table on stdout and bench/results/ui-latest.json (full runs only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { launchChromium, openWorkbench } from '../test/e2e/browser';
import { startServe } from '../test/e2e/serve-process';
import { createCase, showQueryWorkspace, typeSql, waitForResult } from '../test/e2e/workbench-actions';
import { profileDuring, type UiProfile } from './ui-profile';

const RESULTS = join(__dirname, '..', '..', 'bench', 'results', 'ui-latest.json');
const JUMP_TO = 7_654_321;

interface UiBench {
  date: string; data: string;
  whole1M: { rows: number; uiMs: number; duckdbMs: number };
  deep10M: { rows: number; firstPageMs: number; jumpMs: number; duckdbMs: number };
  wheel: { frames: number; p50Ms: number; p95Ms: number; maxMs: number; longTasks: number; longestTaskMs: number };
  loadAverage: number[];
}

function option(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k > 0 ? process.argv[k + 1] : undefined;
}

async function main(): Promise<void> {
  const caseDir = option('--case');
  const only = option('--only');
  const profile = process.argv.includes('--profile');
  const n = Number(option('--rows') ?? 1_000_000);
  const root = mkdtempSync(join(tmpdir(), 'cairn-ui-bench-'));
  const sql1M = caseDir ? `SELECT * FROM cloudtrail LIMIT ${n}` : `SELECT range AS n, md5(range::VARCHAR) AS h, repeat('x', 40) AS pad, range % 97 AS k FROM range(${n})`;
  const sql10M = caseDir ? 'SELECT c.eventtime, c.eventname, c.sourceipaddress, c.useridentity.arn AS arn, r.range AS copy FROM cloudtrail c, range(10) r' : 'SELECT range AS n, md5(range::VARCHAR) AS h FROM range(10000000)';
  const serve = await startServe({ dataDir: join(root, 'data'), ...(caseDir ? { caseDir } : {}) });
  const browser = await launchChromium();
  try {
    const w = await openWorkbench(browser, serve.url);
    const p = w.page;
    if (!caseDir) await createCase(p, { name: 'ui-bench', examiner: 'bench', dir: join(root, 'case') });
    else await p.getByTestId('status-case').waitFor();

    await timeRun(p, 'SELECT 1'); // opens the analyst instance and loads the editor: not part of any figure
    const whole = await timeRun(p, sql1M);
    if (only === 'wheel') {
      const load = loadavg();
      let prof: UiProfile | undefined;
      const wheel = profile ? await (async () => { let w!: UiBench['wheel']; prof = await profileDuring(p, async () => { w = await wheelFrames(p); }); return w; })() : await wheelFrames(p);
      console.log(`data: ${caseDir ?? 'synthetic'}, ${whole.rows} rows (whole in ${(whole.ms / 1000).toFixed(1)} s), load average ${load.map((x) => x.toFixed(1)).join(' ')}`);
      printWheel(wheel);
      if (prof) printProfile(prof);
      return;
    }
    const load = loadavg();
    const wheel = await wheelFrames(p);
    const first10 = await timeRun(p, sql10M);
    const jumpMs = await jump(p, JUMP_TO);

    const evidence = caseDir ? join(caseDir, 'evidence.duckdb') : null;
    const result: UiBench = {
      date: new Date().toISOString(), data: caseDir ? `case ${caseDir}` : 'synthetic range() rows',
      whole1M: { rows: whole.rows, uiMs: whole.ms, duckdbMs: await duckdbTable(evidence, sql1M) },
      deep10M: { rows: first10.rows, firstPageMs: first10.ms, jumpMs, duckdbMs: await duckdbTable(evidence, sql10M) },
      wheel, loadAverage: load,
    };
    writeFileSync(RESULTS, JSON.stringify(result, null, 2) + '\n');
    const f = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(`data: ${result.data}`);
    console.log(`1M-row SELECT * whole in the UI     ${f(whole.ms)}   (DuckDB CREATE TABLE AS alone ${f(result.whole1M.duckdbMs)}, ratio ${(whole.ms / result.whole1M.duckdbMs).toFixed(2)})   target < 5 s`);
    console.log(`10M-row result: first page          ${f(first10.ms)}   (DuckDB alone ${f(result.deep10M.duckdbMs)})`);
    console.log(`10M-row result: row ${JUMP_TO} shown ${jumpMs.toFixed(0)} ms after the first page   target < 500 ms`);
    printWheel(wheel);
    console.log(`load average at the wheel: ${load.map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`written to ${RESULTS}`);
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function printWheel(wheel: UiBench['wheel']): void {
  console.log(`wheel scroll: ${wheel.frames} frames, p50 ${wheel.p50Ms.toFixed(1)} ms, p95 ${wheel.p95Ms.toFixed(1)} ms, max ${wheel.maxMs.toFixed(1)} ms; ${wheel.longTasks} long tasks, longest ${wheel.longestTaskMs.toFixed(0)} ms   target p95 < 50 ms`);
}

function printProfile(prof: UiProfile): void {
  console.log('main thread during the wheel (ms, top-level trace events):');
  for (const e of prof.mainThread) console.log(`  ${e.ms.toFixed(1).padStart(8)}  ${String(e.count).padStart(5)}x  ${e.event}`);
  console.log('rendering steps on the main thread (ms, inclusive):');
  for (const e of prof.rendering) console.log(`  ${e.ms.toFixed(1).padStart(8)}  ${String(e.count).padStart(5)}x  ${e.event}`);
  console.log('JavaScript self time (ms):');
  for (const f of prof.functions) console.log(`  ${f.ms.toFixed(1).padStart(8)}  ${f.fn}`);
}

/** From the Run click until the row count says the result is whole. */
async function timeRun(p: Page, sql: string): Promise<{ ms: number; rows: number }> {
  await showQueryWorkspace(p);
  await p.getByTestId('new-tab').click();
  await typeSql(p, sql);
  const t = performance.now();
  await p.getByTestId('run-query').click();
  await waitForResult(p, 900_000);
  const ms = performance.now() - t;
  return { ms, rows: Number(await p.getByTestId('row-count').getAttribute('data-rows')) };
}

/** Scrolls the grid so row `index` is in view and waits until its cells (not the loading mark) show. */
async function jump(p: Page, index: number): Promise<number> {
  const t = performance.now();
  await p.getByTestId('results-grid').evaluate((el: any, i: number) => {
    const rows = Number(el.getAttribute('aria-rowcount')) - 1;
    el.scrollTop = (i / rows) * (el.scrollHeight - el.clientHeight);
  }, index);
  await p.locator(`[data-testid="result-row"][data-row="${index}"] [data-testid="result-cell"]`).first().waitFor({ timeout: 60_000 });
  return performance.now() - t;
}

/** Wheel turns over the grid while the page records frame gaps and long tasks. */
async function wheelFrames(p: Page): Promise<UiBench['wheel']> {
  const grid = p.getByTestId('results-grid');
  const box = (await grid.boundingBox())!;
  await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await p.evaluate(() => {
    const g = globalThis as any;
    g.__frames = [] as number[];
    g.__tasks = [] as number[];
    new g.PerformanceObserver((list: any) => { for (const e of list.getEntries()) g.__tasks.push(e.duration); }).observe({ type: 'longtask' });
    let last = g.performance.now();
    const tick = (now: number): void => { g.__frames.push(now - last); last = now; if (!g.__stop) g.requestAnimationFrame(tick); };
    g.requestAnimationFrame(tick);
  });
  for (let k = 0; k < 120; k++) { await p.mouse.wheel(0, 600); }
  for (let k = 0; k < 40; k++) { await p.mouse.wheel(0, -900); }
  const { frames, tasks } = await p.evaluate(() => { const g = globalThis as any; g.__stop = true; return { frames: g.__frames as number[], tasks: g.__tasks as number[] }; });
  const sorted = frames.slice(1).sort((a, b) => a - b);
  const q = (x: number): number => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))] ?? 0;
  return { frames: sorted.length, p50Ms: q(0.5), p95Ms: q(0.95), maxMs: sorted[sorted.length - 1] ?? 0, longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks) };
}

/** DuckDB's own time to make the same result as an in-memory table, on a plain instance with the analyst's memory. */
async function duckdbTable(evidence: string | null, sql: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB' });
  const conn = await instance.connect();
  try {
    if (evidence) { await conn.run(`ATTACH '${evidence.replace(/'/g, "''")}' AS evidence (READ_ONLY)`); await conn.run('USE evidence'); }
    await conn.run("ATTACH ':memory:' AS res");
    const t = performance.now();
    await conn.run(`CREATE TABLE res.main.q AS ${sql}`);
    return performance.now() - t;
  } finally { conn.closeSync(); instance.closeSync(); }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
