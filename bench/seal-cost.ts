// What sealing and verifying cost: imports a data folder into a fresh case in this process with the time spent
// in sealBatch summed, then times verifySeals on the result (decision 0003; results in bench/results/README.md).
// Usage: node dist/bench/seal-cost.js <data dir> [case dir]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Case } from '../electron/core/case/case';
import * as seals from '../electron/core/duck/seals';
import { importEvidence } from '../electron/core/import/import-service';

async function main(): Promise<void> {
  const [data, caseArg] = process.argv.slice(2);
  if (!data) throw new Error('usage: seal-cost <data dir> [case dir]');
  const caseDir = caseArg ?? join(mkdtempSync(join(tmpdir(), 'cairn-seal-cost-')), 'case');
  let sealMs = 0;
  let batches = 0;
  const original = seals.sealBatch;
  (seals as { sealBatch: typeof original }).sealBatch = async (...a) => {
    const t = performance.now();
    try { return await original(...a); } finally { sealMs += performance.now() - t; batches++; }
  };
  const c = await Case.open(caseDir, { create: { name: 'seal cost', examiner: 'bench' } });
  try {
    const t = performance.now();
    const summary = await importEvidence(c, [data]);
    const importMs = performance.now() - t;
    const v = await c.verifySeals();
    console.log(JSON.stringify({
      files: summary.totals.files, imported: summary.totals.imported, importMs: Math.round(importMs), sealMs: Math.round(sealMs), batches,
      sealShare: `${((100 * sealMs) / importMs).toFixed(1)} %`, verifyMs: v.elapsedMs, verifyRows: v.rowsChecked, verifyOk: v.ok,
      verifyPer10M: `${((v.elapsedMs / Math.max(1, v.rowsChecked)) * 1e7 / 1000).toFixed(1)} s`,
    }, null, 2));
  } finally {
    await c.close();
    if (!caseArg) rmSync(join(caseDir, '..'), { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
