// Evidence rows changed behind Cairn's back (a direct DuckDB connection on the case's evidence database):
// `cairn verify`, `cairn info` and the report name the file and exit 4.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { runCli } from '../helpers/cli';
import { SAMPLES, tempDir } from '../helpers/temp';

/** Opens the case's evidence database directly, as someone outside Cairn would, and runs one statement. */
async function behindCairnsBack(caseDir: string, sql: string): Promise<void> {
  const db = await DuckDBInstance.create(join(caseDir, 'evidence.duckdb'));
  const conn = await db.connect();
  await conn.run(sql);
  conn.closeSync();
  db.closeSync();
}

async function importedCase(): Promise<{ dir: string; ids: Map<string, number> }> {
  const dir = join(tempDir(), 'case');
  const c = await Case.open(dir, { create: { name: 'seals', examiner: 't' } });
  await importEvidence(c, [join(SAMPLES, 'cloudtrail'), join(SAMPLES, 'vpcflow')]);
  const ids = new Map(c.forImport().store.evidence().filter((e) => e.imported > 0).map((e) => [e.relPath, e.id]));
  await c.close();
  return { dir, ids };
}

test('a fresh import verifies: every imported file is sealed and its rows match', async () => {
  const { dir, ids } = await importedCase();
  assert.ok(ids.size >= 2, 'the samples import into several files');
  const r = await runCli(['verify', '--case', dir, '--json']);
  assert.equal(r.code, 0, r.out + r.err);
  const report = JSON.parse(r.out) as { ok: boolean; seals: { sealedFiles: number; rowsChecked: number } };
  assert.equal(report.ok, true);
  assert.ok(report.seals.sealedFiles >= ids.size);
  assert.ok(report.seals.rowsChecked > 0);
});

for (const [what, change, state] of [
  ['a changed value', (id: number) => `UPDATE cloudtrail SET eventname = 'Innocent' WHERE _evidence_id = ${id} AND _ordinal = 1`, 'CHANGED'],
  ['a deleted row', (id: number) => `DELETE FROM cloudtrail WHERE _evidence_id = ${id} AND _ordinal = 1`, 'VANISHED'],
  ['an added row', (id: number) => `INSERT INTO cloudtrail SELECT * REPLACE (_ordinal + 1000000 AS _ordinal) FROM cloudtrail WHERE _evidence_id = ${id} LIMIT 1`, 'GREW'],
  ['a planted reject', (id: number) => `INSERT INTO cairn_rejects (evidence_id, source, reason) VALUES (${id}, 'cloudtrail', 'planted')`, 'GREW'],
] as const) {
  test(`${what} behind Cairn's back is named by verify, info and the report, which exit 4`, async () => {
    const { dir, ids } = await importedCase();
    const [relPath, id] = [...ids].find(([p]) => /cloudtrail/i.test(p) && !/flow/i.test(p))!;
    await behindCairnsBack(dir, change(id));

    const verify = await runCli(['verify', '--case', dir]);
    assert.equal(verify.code, 4, verify.out + verify.err);
    assert.match(verify.out, new RegExp(`${state}\\s+${relPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const others = [...ids.keys()].filter((p) => p !== relPath);
    for (const p of others) assert.ok(!verify.out.includes(` ${p}:`), `only the changed file is named, not ${p}`);

    const info = await runCli(['info', '--case', dir]);
    assert.equal(info.code, 4);
    assert.match(info.out, /FAIL verification/);

    const out = join(tempDir(), 'report.md');
    const report = await runCli(['report', '--case', dir, '--out', out]);
    assert.equal(report.code, 4);
    const md = readFileSync(out, 'utf8');
    assert.match(md, /EVIDENCE TABLES: the rows of 1 file\(s\) do not match their seals/);
    assert.ok(md.includes(relPath));
  });
}
