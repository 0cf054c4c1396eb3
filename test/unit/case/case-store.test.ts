import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { CaseStore } from '../../../electron/core/case/case-store';
import { MIGRATIONS } from '../../../electron/core/case/migrations';
import { tempDir } from '../../helpers/temp';

const versions = { tool: '0.1.0-test', duckdb: 'v1.5.6' };

test('a new store is migrated to the latest version, in WAL mode with full sync', () => {
  const store = new CaseStore(join(tempDir(), 'case.sqlite'), versions);
  assert.equal(store.pragma('user_version'), MIGRATIONS.length);
  assert.equal(store.pragma('journal_mode'), 'wal');
  assert.equal(store.pragma('synchronous'), 2); // FULL
  store.close();
});

test('the audit log is append-only and its hash chain verifies', () => {
  const store = new CaseStore(join(tempDir(), 'case.sqlite'), versions);
  store.audit('case.created', { name: 'x' });
  store.audit('evidence.added', { sha256: 'ab' });
  const e = store.audit('query.run', { sql: 'select 1' });
  assert.equal(e.seq, 3);
  assert.equal(e.toolVersion, '0.1.0-test');
  assert.equal(e.duckdbVersion, 'v1.5.6');
  assert.match(e.at, /Z$/);
  const v = store.verifyAudit();
  assert.equal(v.ok, true);
  assert.throws(() => store.statement("UPDATE audit SET action = 'x' WHERE seq = 1").run(), /append-only/);
  assert.throws(() => store.statement('DELETE FROM audit WHERE seq = 2').run(), /append-only/);
  store.close();
});

for (const [what, tamper, brokenAt] of [
  ['an edited detail', "UPDATE audit SET detail = '{\"sql\":\"select 2\"}' WHERE seq = 3", 3],
  ['a deleted entry', 'DELETE FROM audit WHERE seq = 2', 3],
  ['a re-hashed entry', "UPDATE audit SET action = 'forged', hash = '" + 'f'.repeat(64) + "' WHERE seq = 1", 1],
] as const) {
  test(`tampering is detected: ${what}`, () => {
    const path = join(tempDir(), 'case.sqlite');
    const store = new CaseStore(path, versions);
    for (const a of ['one', 'two', 'three', 'four']) store.audit(a, { sql: 'select 1' });
    store.close();
    // An attacker with the file bypasses our triggers.
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    raw.exec(tamper);
    raw.close();
    const reopened = new CaseStore(path, versions);
    const v = reopened.verifyAudit();
    assert.equal(v.ok, false);
    if (!v.ok) assert.equal(v.brokenAt, brokenAt);
    reopened.close();
  });
}

test('a store from a newer Cairn is refused rather than mangled', () => {
  const path = join(tempDir(), 'case.sqlite');
  const raw = new Database(path);
  raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  raw.close();
  assert.throws(() => new CaseStore(path, versions), /newer than this Cairn/);
});
