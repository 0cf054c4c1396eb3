// Where Cairn's import time goes: runs importEvidence in this process with timers wrapped around its
// parts (staging = hash + gunzip + staged write, the source's importBatch, every DuckDB statement the
// importer runs on the import connection, and the case store's SQLite writes).
// Usage: node dist/bench/profile-import.js [--unlocked] <data dir> [case dir] (--unlocked: see unlock-config.ts). Staging overlaps with the previous
// batch's DuckDB work, so the parts can add up to more than the wall time.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Case } from '../electron/core/case/case';
import { CaseStore } from '../electron/core/case/case-store';
import { importEvidence } from '../electron/core/import/import-service';
import { StagingPool } from '../electron/core/intake/staging-pool';
import { SOURCES } from '../electron/core/sources/registry';
import { disableConfigLock } from './unlock-config';

const spent = new Map<string, { ms: number; calls: number }>();
function add(key: string, ms: number): void {
  const e = spent.get(key) ?? { ms: 0, calls: 0 };
  e.ms += ms; e.calls++;
  spent.set(key, e);
}

// The order of events in time: when each batch starts and ends against how many files are staged by then.
const timeline: string[] = [];
let origin = performance.now();
let stagedCount = 0;
let recordLinesCount = 0;
let numberedLinesCount = 0;
function mark(what: string): void {
  const cpu = process.cpuUsage();
  const rss = `rss ${String(Math.round(process.memoryUsage.rss() / 2 ** 20)).padStart(5)} MiB (peak ${String(Math.round(process.resourceUsage().maxRSS / 1024)).padStart(5)})`;
  timeline.push(`${((performance.now() - origin) / 1000).toFixed(2).padStart(7)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5)} s  ${rss}  staged ${String(stagedCount).padStart(5)} (${recordLinesCount} as record lines, ${numberedLinesCount} as numbered lines)  ${what}`);
}

function walBytes(caseDir: string): number {
  try { return statSync(join(caseDir, 'evidence.duckdb.wal')).size; } catch { return 0; }
}

function timeAsync<A extends unknown[], R>(key: string | ((...a: A) => string), fn: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  return async (...a: A) => {
    const t = performance.now();
    try { return await fn(...a); } finally { add(typeof key === 'string' ? key : key(...a), performance.now() - t); }
  };
}

function wrapConn(conn: DuckDBConnection): void {
  const label = (sql: unknown): string => `duckdb: ${String(sql).replace(/--[^\n]*\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60)}`;
  for (const m of ['run', 'runAndReadAll', 'prepare'] as const) {
    const orig = (conn[m] as (...a: unknown[]) => Promise<unknown>).bind(conn);
    (conn as unknown as Record<string, unknown>)[m] = timeAsync((sql: unknown) => label(sql), orig);
  }
}

/**
 * CPU per thread, read from /proc (Linux): the staging thread ends before the import returns, so its task
 * is sampled while it runs. All are named "node"; start order tells them apart (main first, DuckDB's
 * workers with the case, the staging thread with the import).
 */
function sampleThreads(): { stop(): void; report(): string } {
  const seen = new Map<string, { name: string; ticks: number }>();
  const sample = (): void => {
    let tids: string[] = [];
    try { tids = readdirSync('/proc/self/task'); } catch { return; }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        seen.set(tid, { name, ticks: Number(f[11]) + Number(f[12]) });
      } catch { /* the thread ended */ }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop() { sample(); clearInterval(timer); },
    report() {
      return [...seen].filter(([, t]) => t.ticks >= 10).sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([tid, t]) => `${(t.ticks / 100).toFixed(1).padStart(8)} CPU-s  thread ${tid} (${t.name})`).join('\n');
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--unlocked') { args.shift(); disableConfigLock(); }
  const [dataDir, caseArg] = args;
  if (!dataDir) throw new Error('usage: profile-import [--unlocked] <data dir> [case dir]');
  const caseDir = caseArg ?? mkdtempSync(join(tmpdir(), 'cairn-profile-'));
  const stageOnThread = StagingPool.prototype.stage;
  StagingPool.prototype.stage = async function (this: StagingPool, ...a) {
    const timed = timeAsync('stage (on a staging thread, waited for): hash + gunzip + write staged copy', stageOnThread.bind(this));
    try {
      const staged = await timed(...a);
      if (staged.recordLines) recordLinesCount++;
      if (staged.numberedLines) numberedLinesCount++;
      return staged;
    } finally { stagedCount++; }
  };
  for (const src of SOURCES) {
    const timed = timeAsync(`${src.id}.importBatch (total)`, src.importBatch.bind(src));
    src.importBatch = async (ctx, files) => {
      mark(`${src.id} batch of ${files.length} files starts`);
      try { return await timed(ctx, files); } finally { mark(`${src.id} batch ends`); }
    };
  }
  // Outermost calls only (audit() and the statement cache run inside others), and not transaction(), whose
  // callback is the intake's own work (detection among it).
  let inStore = 0;
  for (const name of Object.getOwnPropertyNames(CaseStore.prototype)) {
    const orig = (CaseStore.prototype as unknown as Record<string, unknown>)[name];
    if (name === 'constructor' || name === 'transaction' || typeof orig !== 'function') continue;
    (CaseStore.prototype as unknown as Record<string, unknown>)[name] = function (this: unknown, ...a: unknown[]) {
      if (inStore > 0) return (orig as (...x: unknown[]) => unknown).apply(this, a);
      inStore++;
      const t = performance.now();
      try { return (orig as (...x: unknown[]) => unknown).apply(this, a); } finally { inStore--; add('sqlite: case store', performance.now() - t); }
    };
  }
  const t0 = performance.now();
  origin = t0;
  const c = await Case.open(caseDir, { create: { name: 'profile', examiner: 'bench' } });
  wrapConn(c.forImport().conn);
  const threads = sampleThreads();
  const summary = await importEvidence(c, [dataDir]);
  threads.stop();
  mark(`import returns; closing the case (DuckDB WAL ${(walBytes(caseDir) / 2 ** 20).toFixed(0)} MiB)`);
  await c.close();
  mark('case closed');
  const wall = performance.now() - t0;
  process.stdout.write(`wall ${(wall / 1000).toFixed(2)} s, ${summary.totals.imported} records imported, ${summary.totals.files} files\n`);
  for (const [k, v] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    process.stdout.write(`${(v.ms / 1000).toFixed(2).padStart(8)} s  ${String(v.calls).padStart(6)} calls  ${k}\n`);
  }
  process.stdout.write(`${timeline.join('\n')}\n`);
  process.stdout.write(`CPU by thread, in start order, over 0.1 CPU-s (sampled every 100 ms: a thread's last 100 ms can be missed):\n${threads.report()}\n`);
  if (!caseArg) rmSync(caseDir, { recursive: true, force: true });
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; });
