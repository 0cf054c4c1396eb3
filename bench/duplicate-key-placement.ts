// Where the duplicate-key scan of record lines runs (decision 0030): on the staging thread that cuts the records
// (what ships), or on the main thread beside DuckDB's insert (the way before). Imports a data folder into a fresh
// case in this process and prints the import's time and CPU and the flags found, which must not differ.
// Usage: node dist/bench/duplicate-key-placement.js <data dir> [--scan staging|main]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Case } from '../electron/core/case/case';
import { importEvidence } from '../electron/core/import/import-service';
import { TRAIL_RECORD_ARRAY } from '../electron/core/sources/cloudtrail/import-cloudtrail';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { scan: { type: 'string', default: 'staging' } } });
  const data = positionals[0];
  if (!data || (values.scan !== 'staging' && values.scan !== 'main')) throw new Error('usage: duplicate-key-placement <data dir> [--scan staging|main]');
  // Without the rule's flag the staging thread does not scan, and the importer scans the record lines itself.
  if (values.scan === 'main') TRAIL_RECORD_ARRAY.duplicateKeys = false;
  const root = mkdtempSync(join(tmpdir(), 'cairn-dupkey-'));
  const c = await Case.open(join(root, 'case'), { create: { name: 'duplicate-key placement', examiner: 'bench' } });
  try {
    const t = performance.now();
    const u = process.cpuUsage();
    const summary = await importEvidence(c, [data]);
    const d = process.cpuUsage(u);
    const flags = await c.readEvidence(async (conn) => Number((await conn.runAndReadAll('SELECT count(*) FROM cairn_record_flags')).getRows()[0]![0]));
    console.log(JSON.stringify({
      scan: values.scan, files: summary.totals.files, imported: summary.totals.imported, flags,
      importMs: Math.round(performance.now() - t), importCpuMs: Math.round((d.user + d.system) / 1000),
    }));
  } finally {
    await c.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
