// Prints the benchmark as tables and writes the same numbers as JSON (bench/results/latest.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSet } from './generate-data';
import type { ImportTiming } from './import-bench';
import type { QueryTiming } from './query-bench';
import type { ExportTiming } from './export-bench';
import type { SourceResult } from './sources-bench';

export interface ImportComparison {
  kind: 'cloudtrail' | 'flowlogs';
  cairn: ImportTiming; native: ImportTiming;
  /** Cairn's speed as a fraction of DuckDB's native import (native wall / Cairn wall); target >= 0.7. */
  speedRatio: number;
  rssRatio: number;
  /** CloudTrail only: the naive Node + SQLite importer, and Cairn's speed against it (target >= 2). */
  naive?: ImportTiming;
  naiveRatio?: number;
}

/** The per-source imports of one shape of evidence (one plain file, or many .gz objects). */
export interface SourceShape { label: string; files: number; gzip: boolean; results: SourceResult[] }

export interface BenchResult {
  when: string; machine: { cpus: number; memGiB: number; node: string; duckdb: string };
  flags: Record<string, unknown>;
  data: { cloudtrail: DataSet; flowlogs: DataSet };
  imports: ImportComparison[];
  targets: { name: string; value: number; target: string; met: boolean }[];
  queries: QueryTiming[] | null;
  /** cairn export parquet beside DuckDB's COPY ... PARTITION_BY of the same tables (export-bench.ts). */
  exportParquet?: ExportTiming;
  /** Why the export was not measured, when a run failed. */
  exportError?: string;
  sources?: SourceShape[];
  totalMs: number;
}

const MiB = 1024 * 1024;
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);
const k = (n: number): string => `${Math.round(n / 1000)}k`;

export function formatReport(r: BenchResult): string {
  const out: string[] = [];
  const { cloudtrail: ct, flowlogs: fl } = r.data;
  out.push(`Cairn benchmark ${r.when}  (${r.machine.cpus} CPUs, ${r.machine.memGiB} GiB, Node ${r.machine.node}, DuckDB ${r.machine.duckdb})`);
  out.push(`Data: CloudTrail ${ct.records} events in ${ct.files} files (${r.flags.cloudtrailSizes} sizes), ${f1(ct.gzBytes / 1e6)} MB gz / ${f1(ct.rawBytes / 1e6)} MB raw${genNote(ct)}`);
  out.push(`      VPC flow  ${fl.records} lines in ${fl.files} files, ${f1(fl.gzBytes / 1e6)} MB gz / ${f1(fl.rawBytes / 1e6)} MB raw${genNote(fl)}`);
  out.push('', 'Import (whole child process: wall time and peak RSS)');
  out.push(table(['data', 'method', 'records', 'wall s', 'records/s', 'gz MB/s', 'peak RSS MiB', 'speed vs native', 'RSS vs native'],
    r.imports.flatMap((c) => [
      [c.kind, 'duckdb native', String(c.native.records), f2(c.native.wallMs / 1000), k(c.native.recordsPerSec), f1(c.native.gzMBPerSec), String(Math.round(c.native.peakRssBytes / MiB)), '1.00x', '1.00x'],
      [c.kind, 'cairn import', String(c.cairn.records), f2(c.cairn.wallMs / 1000), k(c.cairn.recordsPerSec), f1(c.cairn.gzMBPerSec), String(Math.round(c.cairn.peakRssBytes / MiB)), `${f2(c.speedRatio)}x`, `${f2(c.rssRatio)}x`],
      ...(c.naive ? [[c.kind, 'naive node+sqlite', String(c.naive.records), f2(c.naive.wallMs / 1000), k(c.naive.recordsPerSec), f1(c.naive.gzMBPerSec), String(Math.round(c.naive.peakRssBytes / MiB)),
        `${f2(c.native.wallMs / c.naive.wallMs)}x`, `${f2(c.naive.peakRssBytes / c.native.peakRssBytes)}x`]] : []),
    ])));
  for (const c of r.imports.filter((x) => x.cairn.launcher.includes('unlocked'))) {
    out.push(`  note: ${c.kind} ran through ${c.cairn.launcher}: with the real CLI its importer fails on the case's configuration lock`);
  }
  if (r.queries) {
    out.push('', 'Queries (AWS post samples; median ms; first page = 200 rows, full = every row into JS)');
    out.push(table(['query', 'rows', 'cairn first', 'direct first', 'ratio', 'cairn full', 'direct full', 'ratio', 'cairn ran'],
      r.queries.map((q) => [q.id, String(q.rows), f1(q.cairnFirstMs), f1(q.directFirstMs), `${f2(q.firstRatio)}x`, f1(q.cairnFullMs), f1(q.directFullMs), `${f2(q.fullRatio)}x`, q.cairnRan])));
    out.push('', 'The compatibility layer alone (both through Cairn\'s engine: Athena text vs the hand-translated DuckDB text)');
    out.push(table(['query', 'athena first', 'duckdb-text first', 'ratio', 'athena full', 'duckdb-text full', 'ratio'],
      r.queries.map((q) => [q.id, f1(q.cairnFirstMs), f1(q.engineDuckFirstMs), `${f2(q.dialectFirstRatio)}x`, f1(q.cairnFullMs), f1(q.engineDuckFullMs), `${f2(q.dialectFullRatio)}x`])));
  }
  if (r.exportParquet) {
    const e = r.exportParquet;
    out.push('', 'Parquet export (median wall; Cairn also writes the case tables, hashes every file, lists sources, DDL)');
    out.push(table(['method', 'rows', 'wall s', 'MB', 'speed vs native'], [
      ['duckdb COPY PARTITION_BY', String(e.rows), f2(e.nativeMs / 1000), f1(e.nativeBytes / 1e6), '1.00x'],
      ['cairn export parquet', String(e.rows), f2(e.cairnMs / 1000), f1(e.bytes / 1e6), `${f2(e.speedRatio)}x`],
    ]));
  }
  if (r.exportError) out.push('', `Parquet export not measured: ${r.exportError}`);
  for (const s of r.sources ?? []) {
    out.push('', `Log sources, ${s.label} each (process CPU and wall; ratio = DuckDB's reader / Cairn's import)`);
    out.push(table(['source', 'records', 'MB', 'duckdb CPU s', 'cairn CPU s', 'CPU ratio', 'duckdb wall s', 'cairn wall s', 'wall ratio'],
      s.results.map((x) => [x.source, String(x.imported), f1(x.bytes / 1e6), f2(x.nativeCpuMs / 1000), f2(x.cairnCpuMs / 1000), `${f2(x.cpuRatio)}x`,
        f2(x.nativeMs / 1000), f2(x.cairnMs / 1000), `${f2(x.ratio)}x`])));
  }
  out.push('', 'Targets');
  out.push(table(['target', 'value', 'wanted', 'met'], r.targets.map((t) => [t.name, f2(t.value), t.target, t.met ? 'yes' : 'NO'])));
  out.push('', `Total bench time ${f1(r.totalMs / 1000)} s`);
  return out.join('\n') + '\n';
}

function genNote(d: DataSet): string {
  return d.reused ? ' (reused)' : ` (generated in ${f1(d.generateMs / 1000)} s, ${f1(d.rawBytes / 1e6 / (d.generateMs / 1000))} MB/s raw)`;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Text columns read better left-aligned, numbers right-aligned.
  const text = head.map((_h, i) => rows.some((r) => !/^[\d.]/.test(r[i] ?? '')));
  const line = (cells: string[]): string => cells.map((c, i) => (text[i] ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeJson(path: string, r: BenchResult): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(r, null, 2) + '\n');
}
