// Parquet export from the workbench (#29): the Evidence view's dialog exports the open case into a folder of its
// exports/ folder with progress, and the manifest verifies with `cairn verify --export`'s code; the evidence
// database is not changed; a name that is a path is refused; Cancel leaves nothing behind.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureData } from '../../bench/generate-data';
import { verifyExport } from '../../electron/core/export/verify-export';
import type { Watched } from './browser';
import { screenshot } from './browser';
import { CLOUDTRAIL_DIR, VPCFLOW_DIR } from './sample-oracle';
import { useWorkbenchSession } from './workbench-session';
import { createCase, importPaths } from './workbench-actions';

let root: string;
let w: Watched;
useWorkbenchSession('cairn-e2e-parquet-', (s) => { ({ root, w } = s); });

const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function openDialog(): Promise<void> {
  await w.page.getByTestId('nav-evidence').click();
  await w.page.getByTestId('export-parquet-open').click();
  await w.page.getByTestId('parquet-export-dialog').waitFor();
}

test('export the case as Parquet from the Evidence view; the manifest verifies and the case is unchanged', { timeout: 300_000 }, async () => {
  const p = w.page;
  const caseDir = join(root, 'case');
  await createCase(p, { name: 'IR-parquet', examiner: 'E2E Analyst', dir: caseDir });
  assert.equal(await (await importPaths(p, [CLOUDTRAIL_DIR, VPCFLOW_DIR])).getAttribute('data-state'), 'finished');
  const before = sha256File(join(caseDir, 'evidence.duckdb'));

  // A name that is a path is refused, and nothing is made outside the case.
  await openDialog();
  await p.getByTestId('parquet-export-name').fill('../escaped');
  await p.getByTestId('parquet-export-start').click();
  await p.getByTestId('parquet-export-error').waitFor();
  assert.equal(existsSync(join(caseDir, 'escaped')), false);

  await p.getByTestId('parquet-export-name').fill('for-athena');
  await p.getByTestId('parquet-export-start').click();
  const result = p.getByTestId('parquet-export-result');
  await result.waitFor({ timeout: 240_000 });
  const outDir = join(caseDir, 'exports', 'for-athena');
  assert.equal(await p.getByTestId('parquet-export-manifest').textContent(), join(outDir, 'manifest.json'));
  await screenshot(p, 'parquet-export-finished');

  const check = await verifyExport(outDir);
  assert.deepEqual(check.problems, []);
  assert.equal(check.ok, true);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { files: unknown[]; tables: Array<{ name: string; kind: string; rows: number }> };
  assert.equal(Number(await result.getAttribute('data-files')), manifest.files.length);
  const evidenceRows = manifest.tables.filter((t) => !['cairn_manifest', 'cairn_case_seals', 'cairn_findings', 'cairn_finding_queries', 'cairn_finding_rows', 'cairn_tags', 'cairn_finding_tags', 'cairn_notes'].includes(t.name)).reduce((n, t) => n + t.rows, 0);
  assert.equal(Number(await result.getAttribute('data-rows')), evidenceRows);
  assert.ok((manifest.tables.find((t) => t.name === 'cloudtrail')?.rows ?? 0) > 0, 'the CloudTrail samples are in the export');
  assert.equal(sha256File(join(caseDir, 'evidence.duckdb')), before, 'exporting did not change the evidence database');
  await p.getByTestId('parquet-export-close').click();
  assert.deepEqual(w.pageErrors, []);
});

test('Cancel stops a running export and leaves no folder behind', { timeout: 600_000 }, async () => {
  const p = w.page;
  // Enough rows that the export is still writing when Cancel lands.
  const data = await ensureData(join(root, 'gen'), 'cloudtrail', 100_000, 29);
  assert.equal(await (await importPaths(p, [data.dir])).getAttribute('data-state'), 'finished');
  await openDialog();
  await p.getByTestId('parquet-export-name').fill('cancelled-one');
  await p.getByTestId('parquet-export-start').click();
  await p.locator('[data-testid="parquet-export-progress"][data-state="running"]').waitFor();
  await p.getByTestId('parquet-export-cancel').click();
  await p.locator('[data-testid="parquet-export-progress"][data-state="cancelled"]').waitFor({ timeout: 120_000 });
  assert.equal(existsSync(join(root, 'case', 'exports', 'cancelled-one')), false, 'a cancelled export leaves nothing');
  await p.getByTestId('parquet-export-close').click();

  // The slot is free again: the next export runs to the end and verifies.
  await openDialog();
  await p.getByTestId('parquet-export-name').fill('after-cancel');
  await p.getByTestId('parquet-export-start').click();
  await p.getByTestId('parquet-export-result').waitFor({ timeout: 400_000 });
  assert.equal((await verifyExport(join(root, 'case', 'exports', 'after-cancel'))).ok, true);
  assert.deepEqual(w.pageErrors, []);
});
