// What sealing and verifying cost: imports a data folder into a fresh case in this process with the time spent
// in sealBatch summed, then times verifySeals on the result (decision 0003; results in bench/results/README.md).
// Usage: node dist/bench/seal-cost.js <data dir> [--seals stored|readback|off] [--no-verify] [--case DIR]
//   stored (what ships): the CloudTrail INSERT stores each row's hash and the seal sums them;
//   readback: no stored hash, the seal reads the batch's rows back and hashes them (the way before);
//   off: no hash and no seal at all, the yardstick for an A/B pair of whole processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Case } from '../electron/core/case/case';
import * as seals from '../electron/core/duck/seals';
import { importEvidence } from '../electron/core/import/import-service';
import * as cloudtrailSql from '../electron/core/sources/cloudtrail/sql';

const STORED_HASH = 'SELECT r.*, hash(r) AS _row_hash FROM (';

function setMode(mode: string): void {
  if (mode === 'stored') return;
  if (mode !== 'readback' && mode !== 'off') throw new Error(`--seals stored|readback|off, not ${mode}`);
  const insert = cloudtrailSql.insertEventsSql;
  (cloudtrailSql as { insertEventsSql: typeof insert }).insertEventsSql = (...a) => {
    const sql = insert(...a);
    if (!sql.includes(STORED_HASH)) throw new Error('insert-events.sql no longer stores the hash as this bench expects');
    return sql.replace(STORED_HASH, 'SELECT r.* FROM (');
  };
  const seal = seals.sealBatch;
  (seals as { sealBatch: typeof seal }).sealBatch = mode === 'off' ? async () => [] : async (conn, files) => seal(conn, files, new Set());
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seals: { type: 'string', default: 'stored' }, 'no-verify': { type: 'boolean', default: false }, case: { type: 'string' } } });
  const data = positionals[0];
  if (!data) throw new Error('usage: seal-cost <data dir> [--seals stored|readback|off] [--no-verify] [--case DIR]');
  setMode(values.seals!);
  const caseDir = values.case ?? join(mkdtempSync(join(tmpdir(), 'cairn-seal-cost-')), 'case');
  let sealMs = 0;
  let sealCpuMs = 0;
  let batches = 0;
  const original = seals.sealBatch;
  (seals as { sealBatch: typeof original }).sealBatch = async (...a) => {
    const t = performance.now();
    const u = process.cpuUsage();
    try { return await original(...a); } finally {
      sealMs += performance.now() - t;
      const d = process.cpuUsage(u);
      sealCpuMs += (d.user + d.system) / 1000;
      batches++;
    }
  };
  const c = await Case.open(caseDir, { create: { name: 'seal cost', examiner: 'bench' } });
  try {
    const t = performance.now();
    const u = process.cpuUsage();
    const summary = await importEvidence(c, [data]);
    const importMs = performance.now() - t;
    const du = process.cpuUsage(u);
    const importCpuMs = (du.user + du.system) / 1000;
    const out: Record<string, unknown> = {
      seals: values.seals, files: summary.totals.files, imported: summary.totals.imported, importMs: Math.round(importMs), importCpuMs: Math.round(importCpuMs),
      sealMs: Math.round(sealMs), sealCpuMs: Math.round(sealCpuMs), batches, sealShare: `${((100 * sealMs) / importMs).toFixed(1)} %`,
    };
    if (!values['no-verify']) {
      const vu = process.cpuUsage();
      const v = await c.verifySeals();
      const vd = process.cpuUsage(vu);
      Object.assign(out, {
        verifyMs: v.elapsedMs, verifyCpuMs: Math.round((vd.user + vd.system) / 1000), verifyRows: v.rowsChecked, verifyOk: v.ok,
        verifyPer10M: `${((v.elapsedMs / Math.max(1, v.rowsChecked)) * 1e7 / 1000).toFixed(1)} s`,
      });
    }
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await c.close();
    if (!values.case) rmSync(join(caseDir, '..'), { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
