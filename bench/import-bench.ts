// Times one import method over one data set in a fresh child process: Cairn's real CLI
// (`cairn import --case DIR --quiet --json PATH`), DuckDB's native import (native-import.ts) or, for
// CloudTrail, the naive Node + SQLite importer (naive-import.ts).
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataSet } from './generate-data';
import { measureChild } from './measure-child';
import { median } from './query-bench';

export type Method = 'cairn' | 'duckdb-native' | 'naive-node-sqlite';

export interface ImportTiming {
  method: Method; kind: 'cloudtrail' | 'flowlogs';
  /** What ran: the real CLI, or the bench launcher without the configuration lock (see cairn-cli-unlocked.ts). */
  launcher: string;
  records: number; wallMs: number; wallRunsMs: number[]; peakRssBytes: number;
  recordsPerSec: number; gzMBPerSec: number; rawMBPerSec: number;
}

const REPO = join(__dirname, '..', '..');

/** The script a method runs in its child process (Cairn's is chosen once per data set: chooseCli). */
function launcherFor(method: Method, cli: string): string {
  return method === 'cairn' ? cli : join(__dirname, method === 'naive-node-sqlite' ? 'naive-import.js' : 'native-import.js');
}

/** Arguments after the script: Cairn imports into a case folder; the others write one database file. */
function argsFor(method: Method, kind: 'cloudtrail' | 'flowlogs', data: DataSet, target: string, dbFile: string): string[] {
  if (method === 'cairn') return ['import', '--case', target, '--quiet', '--json', data.dir];
  if (method === 'naive-node-sqlite') return [data.dir, dbFile];
  // Only CloudTrail's reader needs the largest file (a {"Records":[...]} file is one JSON object to it).
  return [kind, data.dir, dbFile, ...(kind === 'cloudtrail' && data.maxFileRawBytes ? [String(data.maxFileRawBytes)] : [])];
}

/**
 * Times each method `runs` times, the methods taking turns run by run (native, Cairn, naive, native, ...): the
 * machines drift by ±15% within minutes, and runs in blocks leaned each ratio toward whichever method ran in
 * the faster minutes. The last Cairn run imports into caseDir (kept for the query benchmark; for flow logs it
 * already holds the CloudTrail import, as when an analyst adds flow logs to a case); earlier runs use fresh
 * scratch folders. Native and naive runs always write a fresh database file.
 */
export async function benchImports(methods: Method[], kind: 'cloudtrail' | 'flowlogs', data: DataSet, caseDir: string, runs: number, workDir: string): Promise<Map<Method, ImportTiming>> {
  const cli = methods.includes('cairn') ? await chooseCli(data, workDir) : '';
  const seen = new Map<Method, { walls: number[]; peak: number; records: number }>(methods.map((m) => [m, { walls: [], peak: 0, records: 0 }]));
  for (let r = 0; r < runs; r++) {
    for (const method of methods) {
      const acc = seen.get(method)!;
      const label = `${method}-${kind}-${r}`;
      const target = method === 'cairn' && r === runs - 1 ? caseDir : join(workDir, `scratch-${label}`);
      const dbFile = `db-${label}.duckdb`; // the naive importer's is an SQLite file under the same name
      const run = await measureChild(launcherFor(method, cli), argsFor(method, kind, data, target, join(workDir, dbFile)), { cwd: REPO, probeDir: workDir, label });
      acc.records = method === 'cairn' ? checkCairn(run.exitCode, run.stdout, run.stderr, data) : checkNative(run.exitCode, run.stdout, run.stderr, data);
      acc.walls.push(run.wallMs);
      acc.peak = Math.max(acc.peak, run.peakRssBytes);
      if (target !== caseDir) rmSync(target, { recursive: true, force: true });
      for (const f of [dbFile, `${dbFile}.wal`, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(join(workDir, f), { force: true });
    }
  }
  const timings = new Map<Method, ImportTiming>();
  for (const [method, { walls, peak, records }] of seen) {
    const wallMs = median(walls);
    timings.set(method, {
      method, kind, launcher: relative(REPO, launcherFor(method, cli)), records, wallMs, wallRunsMs: walls, peakRssBytes: peak,
      recordsPerSec: records / (wallMs / 1000), gzMBPerSec: data.gzBytes / 1e6 / (wallMs / 1000), rawMBPerSec: data.rawBytes / 1e6 / (wallMs / 1000),
    });
  }
  return timings;
}

export const LOCK_BUG = 'configuration has been locked';

/**
 * Imports one file of the data set with the real CLI first. If the importer trips over the case's
 * configuration lock, the timed runs use the bench launcher without the lock (and the report says so).
 */
async function chooseCli(data: DataSet, workDir: string): Promise<string> {
  const real = join(REPO, 'bin', 'cairn.js');
  const one = firstFile(data.dir);
  const probeCase = join(workDir, 'probe-case');
  try {
    const run = await measureChild(real, ['import', '--case', probeCase, '--quiet', '--json', one], { cwd: REPO, probeDir: workDir, label: 'probe' });
    return run.stdout.includes(LOCK_BUG) ? join(__dirname, 'cairn-cli-unlocked.js') : real;
  } finally {
    rmSync(probeCase, { recursive: true, force: true });
  }
}

function firstFile(dir: string): string {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isFile()) return p;
    if (e.isDirectory()) { const f = firstFile(p); if (f) return f; }
  }
  return '';
}

function checkCairn(code: number | null, stdout: string, stderr: string, data: DataSet): number {
  if (code !== 0 && code !== 3) throw new Error(`cairn import exited ${code}:\n${stderr.slice(-2000)}`);
  const summary = JSON.parse(stdout) as { state: string; totals: { recordsRead: number; imported: number; rejected: number; failed: number } };
  const t = summary.totals;
  if (summary.state !== 'finished' || t.failed > 0 || t.imported !== data.records) {
    throw new Error(`cairn import did not import every generated record: state ${summary.state}, expected ${data.records}, read ${t.recordsRead}, imported ${t.imported}, rejected ${t.rejected}, failed files ${t.failed}`);
  }
  return t.imported;
}

function checkNative(code: number | null, stdout: string, stderr: string, data: DataSet): number {
  if (code !== 0) throw new Error(`native import exited ${code}:\n${stderr.slice(-2000)}`);
  const rows = (JSON.parse(stdout) as { rows: number }).rows;
  if (rows !== data.records) throw new Error(`native import read ${rows} rows, expected ${data.records}`);
  return rows;
}
