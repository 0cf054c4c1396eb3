import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Case, EVIDENCE_DB } from '../../../electron/core/case/case';
import { WriteBehind } from '../../../electron/core/duck/write-behind';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

test('write-behind flushes while the work runs, stops when it settles, and gives its result or error', async () => {
  const file = join(dir, 'db.bin');
  writeFileSync(file, Buffer.alloc(1024 * 1024, 7));
  const wb = new WriteBehind(file, 20);
  assert.equal(await wb.during(async () => { await sleep(300); return 'done'; }), 'done');
  const flushed = wb.flushes;
  assert.ok(flushed >= 3, `flushed ${flushed} times in 300 ms at 20 ms`);
  await sleep(100);
  assert.equal(wb.flushes, flushed, 'no flush after the work settled');
  await assert.rejects(wb.during(async () => { await sleep(60); throw new Error('batch failed'); }), /batch failed/);
  await sleep(60);
  const afterError = wb.flushes;
  await sleep(60);
  assert.equal(wb.flushes, afterError, 'no flush after the work failed');
  await wb.close();
  await wb.during(() => sleep(80));
  assert.equal(wb.flushes, afterError, 'no flush once closed');
});

test('write-behind over a file that is not there does nothing and does not fail the work', async () => {
  const wb = new WriteBehind(join(dir, 'missing.duckdb'), 10);
  assert.equal(await wb.during(async () => { await sleep(80); return 42; }), 42);
  assert.equal(wb.flushes, 0);
  await wb.close();
});

/** Whether another process can open the evidence database: DuckDB's own file lock says no while a case has it. */
function otherProcessCanOpen(path: string): boolean {
  const script = `require('@duckdb/node-api').DuckDBInstance.create(${JSON.stringify(path)}).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(9); })`;
  try {
    execFileSync(process.execPath, ['-e', script], { stdio: 'pipe', cwd: process.cwd() });
    return true;
  } catch (e) {
    assert.equal((e as { status: number }).status, 9, String((e as { stderr: Buffer }).stderr));
    assert.match(String((e as { stderr: Buffer }).stderr), /lock/i);
    return false;
  }
}

test("the case's write-behind leaves DuckDB's lock on the evidence database in place until the case closes", async () => {
  const caseDir = join(dir, 'case');
  const c = await Case.open(caseDir, { create: { name: 'wb', examiner: 't' } });
  const path = join(caseDir, EVIDENCE_DB);
  try {
    await c.forImport().writeBehind.during(() => sleep(1200));
    assert.ok(c.forImport().writeBehind.flushes >= 1, 'the write-behind opened the file and flushed it');
    assert.equal(otherProcessCanOpen(path), false, 'DuckDB still holds its lock');
  } finally {
    await c.close();
  }
  assert.equal(otherProcessCanOpen(path), true, 'the lock went with the case');
});
