// The workbench's seal status (decision 0005): a full check runs in the background and is shown while nothing
// changed since; a change to the evidence database or to the recorded seals is never hidden by the cache.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SealStatus } from '../../../shared/types';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { SAMPLES, tempDir } from '../../helpers/temp';

/** Asks until the background check has ended (the workbench polls the same way). */
async function settled(c: Case): Promise<SealStatus> {
  for (let i = 0; i < 600; i++) {
    const s = c.sealStatus();
    if (s.state !== 'verifying') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the seal check never ended');
}

async function importedCase(): Promise<{ dir: string; victim: { id: number; relPath: string } }> {
  const dir = join(tempDir(), 'case');
  const c = await Case.open(dir, { create: { name: 'seal status', examiner: 't' } });
  await importEvidence(c, [join(SAMPLES, 'cloudtrail')]);
  const victim = c.manifest.evidence().find((e) => e.imported > 0)!;
  await c.close();
  return { dir, victim };
}

test('open: verifying, then verified and kept while nothing changes; a write through the instance makes it verify again and fail', async () => {
  const { dir, victim } = await importedCase();
  const c = await Case.open(dir);
  try {
    const first = c.sealStatus();
    assert.equal(first.state, 'verifying');
    assert.equal(first.check, null);
    const done = await settled(c);
    assert.equal(done.state, 'verified', JSON.stringify(done));
    assert.equal(done.current, true);
    assert.ok(done.check!.rowsChecked > 0);
    assert.deepEqual(c.sealStatus(), done, 'kept: no second check while nothing changed');

    await c.forImport().conn.run(`UPDATE cloudtrail SET sourceipaddress = '203.0.113.66' WHERE _evidence_id = ${victim.id}`);
    const after = c.sealStatus();
    assert.equal(after.state, 'verifying', 'the cached "verified" is not shown once the file changed');
    assert.equal(after.current, false);
    const failed = await settled(c);
    assert.equal(failed.state, 'failed');
    assert.deepEqual(failed.check!.problems.map((p) => [p.relPath, p.state]), [[victim.relPath, 'changed']]);
  } finally {
    await c.close();
  }
});

test('rows changed while the case was closed are found by the check on open', async () => {
  const { dir, victim } = await importedCase();
  const db = await DuckDBInstance.create(join(dir, 'evidence.duckdb'));
  const conn = await db.connect();
  await conn.run(`DELETE FROM cloudtrail WHERE _evidence_id = ${victim.id} AND _ordinal = 1`);
  conn.closeSync();
  db.closeSync();
  const c = await Case.open(dir);
  try {
    const s = await settled(c);
    assert.equal(s.state, 'failed');
    assert.deepEqual(s.check!.problems.map((p) => [p.relPath, p.state]), [[victim.relPath, 'vanished']]);
  } finally {
    await c.close();
  }
});

test('a seal removed from case.sqlite while the case is open is not hidden by the cache', async () => {
  const { dir, victim } = await importedCase();
  const c = await Case.open(dir);
  try {
    assert.equal((await settled(c)).state, 'verified');
    const sqlite = new Database(join(dir, 'case.sqlite'));
    sqlite.prepare('DELETE FROM evidence_seals WHERE evidence_id = ?').run(victim.id);
    sqlite.close();
    assert.equal(c.sealStatus().state, 'verifying');
    const s = await settled(c);
    assert.equal(s.state, 'failed');
    assert.ok(s.check!.problems.some((p) => p.evidenceId === victim.id), JSON.stringify(s.check!.problems));
  } finally {
    await c.close();
  }
});

test('a full check (cairn verify, a report) is kept for the status; closing stops a running check', async () => {
  const { dir } = await importedCase();
  const c = await Case.open(dir);
  const full = await c.verifySeals();
  assert.equal(full.ok, true);
  const s = c.sealStatus();
  assert.equal(s.state, 'verified');
  assert.deepEqual(s.check, full);
  await c.close();

  const d = await Case.open(dir);
  assert.equal(d.sealStatus().state, 'verifying');
  await d.close(); // must not hang or leave the check running on a closed instance
});
