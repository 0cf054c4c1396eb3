// `cairn export parquet` goes through the contract like the workbench: the CLI's --out may be any new or empty
// folder (its user typed it), the export verifies, a non-empty folder is refused and the evidence is untouched.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { SAMPLES, tempDir } from '../../helpers/temp';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

test('cairn export parquet writes a verifiable export where --out says, and refuses a folder that holds files', async () => {
  const root = tempDir();
  const caseDir = join(root, 'case');
  const imported = await runCli(['import', '--case', caseDir, '--name', 'export cli', '--examiner', 't', '--quiet', join(SAMPLES, 'cloudtrail', 'cloudtrail.json')]);
  assert.equal(imported.code, 0, imported.err);
  const db = join(caseDir, 'evidence.duckdb');
  const before = sha(db);

  const out = join(root, 'parquet-out');
  const r = await runCli(['export', 'parquet', '--case', caseDir, '--out', out, '--location', 's3://bucket/case', '--json', '--quiet']);
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as { outDir: string; files: number; tables: { name: string; rows: number }[] };
  assert.equal(summary.outDir, out);
  assert.ok(summary.tables.some((t) => t.name === 'cloudtrail' && t.rows > 0), r.out);
  assert.match(readFileSync(join(out, 'ddl', 'athena.sql'), 'utf8'), /s3:\/\/bucket\/case\/cloudtrail/);
  const verified = await runCli(['verify', '--export', out]);
  assert.equal(verified.code, 0, verified.out);
  assert.equal(sha(db), before, 'exporting is read-only on the evidence');

  const full = join(root, 'full');
  mkdirSync(full);
  writeFileSync(join(full, 'keep.txt'), 'not ours');
  const refused = await runCli(['export', 'parquet', '--case', caseDir, '--out', full, '--quiet']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.err + refused.out, /not empty/);
  assert.equal(readFileSync(join(full, 'keep.txt'), 'utf8'), 'not ours');
  assert.equal(existsSync(join(full, 'manifest.json')), false);
});
