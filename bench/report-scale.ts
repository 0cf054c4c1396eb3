// The report at case size (#25): generates N small CloudTrail files (generate-small-files.ts), imports them
// for real (timed: what a 10^5-file import costs), records two findings and a note, then exports the report in
// every format and times each export, with the PDF's page count (pdfinfo) and the manifest CSV's rows.
// Each export's wall time, this process's CPU time and the load average at its start (the machine may be shared).
// Results go to docs/decisions/0040-report-at-scale.md.
// Usage: node dist/bench/report-scale.js [--files N] [--data DIR] [--case DIR] [--formats html,md,json,pdf]
//   --data and --case are reused when they exist (generate and import once, export many times).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportFormat } from '../shared/report';
import { Case } from '../electron/core/case/case';
import { pickRows } from '../electron/core/findings/pick-rows';
import { importEvidence } from '../electron/core/import/import-service';
import { exportReport } from '../electron/core/report/export-report';
import { generateSmallFiles } from './generate-small-files';
import { Rng } from './rng';

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

async function main(): Promise<void> {
  const files = Number(arg('files') ?? 100_000);
  const scratch = mkdtempSync(join(tmpdir(), 'cairn-report-scale-'));
  const data = arg('data') ?? join(scratch, 'data');
  const caseDir = arg('case') ?? join(scratch, 'case');
  const formats = (arg('formats') ?? 'json,html,md,pdf').split(',').filter(Boolean) as ReportFormat[];
  const out: Record<string, unknown> = { files, data, caseDir, cpus: cpus().length };

  if (!existsSync(data)) {
    const t = performance.now();
    out.generated = { ...generateSmallFiles(data, files, new Rng(20240301)), ms: Math.round(performance.now() - t) };
  }
  const fresh = !existsSync(join(caseDir, 'case.sqlite'));
  const c = await Case.open(caseDir, { create: { name: `Report at scale (${files} files)`, examiner: 'bench' } });
  try {
    if (fresh) {
      const t = performance.now();
      const s = await importEvidence(c, [data]);
      const ms = performance.now() - t;
      out.import = { ms: Math.round(ms), filesPerSec: Math.round(s.totals.files / (ms / 1000)), ...s.totals };
      for (const [title, sql] of [
        ['Console logins', "SELECT eventtime, useridentity.arn, sourceipaddress, _evidence_id, _ordinal FROM cloudtrail WHERE eventname = 'ConsoleLogin' ORDER BY eventtime LIMIT 40"],
        ['Role assumptions', "SELECT eventtime, useridentity.arn, eventname, _evidence_id, _ordinal FROM cloudtrail WHERE eventname = 'AssumeRole' ORDER BY eventtime LIMIT 40"],
      ] as const) {
        const page = await c.queries.run(sql);
        const picked = await pickRows(c.queries, { queryId: page.queryId, all: true });
        await c.queries.close(page.queryId);
        c.findings.create({ title, severity: 'high', tags: ['bench'] }, picked, 'Found by the report-at-scale bench.');
      }
    }
    out.evidenceFiles = c.manifest.evidence().length;
    const exports: Record<string, unknown> = {};
    for (const format of formats) {
      const load = loadavg()[0]!;
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const r = await exportReport(c, format);
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const csvRows = readFileSync(r.manifestCsv!.path, 'utf8').trimEnd().split('\n').length - 1;
      const pages = format === 'pdf' ? Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [r.path], { encoding: 'utf8' }))?.[1]) : undefined;
      // CPU time of this process (Chromium's, for the PDF, is not in it): on a shared machine the wall time says as much about the neighbours.
      exports[format] = { ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), loadAvg1m: Number(load.toFixed(1)), bytes: r.bytes, csvRows, ...(pages !== undefined ? { pages } : {}) };
      console.error(`${format}: ${Math.round(ms)} ms`);
    }
    out.exports = exports;
  } finally {
    await c.close();
  }
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
