import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { CaseStore } from '../../../electron/core/case/case-store';
import { FindingsStore } from '../../../electron/core/findings/findings-store';
import { canonicalSnapshot, snapshotHash } from '../../../electron/core/findings/row-snapshot';
import { tempDir } from '../../helpers/temp';

const versions = { tool: '0.1.0-test', duckdb: 'v1.5.6' };
const columns = [{ name: 'who', type: 'STRUCT("arn" VARCHAR, "type" VARCHAR)' }, { name: 'n', type: 'BIGINT' }, { name: 't', type: 'TIMESTAMP' }];

test('snapshot hash: stable for the same row (struct key order aside), different when any value changes', () => {
  const a = { columns, values: [{ arn: 'arn:aws:iam::1:user/x', type: 'IAMUser' }, '12', '2024-07-31 13:06:24'] };
  const b = { columns, values: [{ type: 'IAMUser', arn: 'arn:aws:iam::1:user/x' }, '12', '2024-07-31 13:06:24'] };
  assert.equal(snapshotHash(a), snapshotHash(b));
  // The canonical text is documented (docs/report-schema.json); a verifier can recompute it by hand.
  const byHand = '{"columns":[{"name":"who","type":"STRUCT(\\"arn\\" VARCHAR, \\"type\\" VARCHAR)"},{"name":"n","type":"BIGINT"},{"name":"t","type":"TIMESTAMP"}],' +
    '"values":[{"arn":"arn:aws:iam::1:user/x","type":"IAMUser"},"12","2024-07-31 13:06:24"]}';
  assert.equal(canonicalSnapshot(a), byHand);
  assert.equal(snapshotHash(a), createHash('sha256').update(byHand).digest('hex'));
  for (const changed of [
    { columns, values: [{ arn: 'arn:aws:iam::1:user/y', type: 'IAMUser' }, '12', '2024-07-31 13:06:24'] },
    { columns, values: [{ arn: 'arn:aws:iam::1:user/x', type: 'IAMUser' }, '13', '2024-07-31 13:06:24'] },
    { columns, values: [{ arn: 'arn:aws:iam::1:user/x', type: 'IAMUser' }, 12, '2024-07-31 13:06:24'] },
    { columns: [...columns.slice(0, 2), { name: 'time', type: 'TIMESTAMP' }], values: a.values },
  ]) assert.notEqual(snapshotHash(changed), snapshotHash(a));
});

function storeWithFinding(): { path: string; store: CaseStore; findings: FindingsStore; id: number } {
  const path = join(tempDir(), 'case.sqlite');
  const store = new CaseStore(path, versions);
  const findings = new FindingsStore(store);
  const id = findings.create({ title: 'Root console login', severity: 'high', tags: ['initial-access'] },
    { sql: 'SELECT 1', params: { p: 'v' }, columns: [{ name: 'x', type: 'INTEGER' }], rows: [[1], [2]] }, 'first note');
  findings.update({ id, severity: 'critical' });
  findings.notes.save({ body: 'case note' });
  findings.remove(id);
  return { path, store, findings, id };
}

test('finding rows are frozen: the database refuses to change or delete them', () => {
  const { store } = storeWithFinding();
  assert.throws(() => store.statement("UPDATE finding_rows SET snapshot = '{}'").run(), /never change/);
  assert.throws(() => store.statement('DELETE FROM finding_rows').run(), /never change/);
  // Deleting a finding keeps it, flagged, with its rows.
  assert.equal((store.statement('SELECT count(*) AS n FROM finding_rows').get() as { n: number }).n, 2);
  assert.equal((store.statement('SELECT deleted FROM findings').get() as { deleted: number }).deleted, 1);
  store.close();
});

for (const action of ['finding.created', 'finding.rows_added', 'finding.updated', 'finding.deleted', 'tag.created', 'note.created']) {
  test(`tampering with a ${action} audit entry is detected`, () => {
    const { path, store } = storeWithFinding();
    assert.equal(store.verifyAudit().ok, true);
    const seq = (store.statement('SELECT seq FROM audit WHERE action = ?').get(action) as { seq: number }).seq;
    store.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    raw.prepare("UPDATE audit SET detail = replace(detail, '\"', '\"x') WHERE seq = ?").run(seq);
    raw.close();
    const reopened = new CaseStore(path, versions);
    const v = reopened.verifyAudit();
    assert.equal(v.ok, false);
    if (!v.ok) assert.equal(v.brokenAt, seq);
    reopened.close();
  });
}
