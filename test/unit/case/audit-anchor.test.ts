// An audit trail that holds (#26): every report records the chain head, signed with the examiner's Ed25519
// key, and `cairn verify --against REPORT` proves the case's log still extends it. Before, deleting the last
// entries, deleting all of them, or editing one and recomputing every later hash passed as "chain verified".
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runCli } from '../../helpers/cli';
import { coverageEvidence } from '../../helpers/coverage-evidence';
import { tempDir } from '../../helpers/temp';
import { auditHashInput } from '../../../electron/core/case/case-store';
import { fingerprintOf, loadExaminerKey } from '../../../electron/core/examiner/examiner-key';

/** A case with evidence and a JSON report (and its .sig); returns their paths. */
async function reportedCase(): Promise<{ caseDir: string; report: string }> {
  const ev = tempDir('cairn-evidence-');
  coverageEvidence(ev);
  const caseDir = join(tempDir(), 'case');
  assert.equal((await runCli(['import', '--case', caseDir, '--quiet', ev])).code, 0);
  const report = join(tempDir(), 'report.json');
  const r = await runCli(['report', '--case', caseDir, '--out', report]);
  assert.equal(r.code, 0, r.out + r.err);
  // Work goes on after the report: the log grows past the head it recorded.
  assert.equal((await runCli(['query', '--case', caseDir, 'SELECT count(*) FROM cloudtrail'])).code, 0);
  return { caseDir, report };
}

/** Edits case.sqlite as someone with write access would: the append-only triggers go first. */
function tamper(caseDir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(caseDir, 'case.sqlite'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    fn(db);
  } finally { db.close(); }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Rewrites entry `seq` and recomputes every later hash, so the chain verifies again on its own. */
function editAndRecompute(db: Database.Database, seq: number): void {
  db.prepare("UPDATE audit SET detail = '{\"rewritten\":true}' WHERE seq = ?").run(seq);
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Array<{ seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string; prev_hash: string; hash: string }>;
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = sha256(auditHashInput({ ...r, prev_hash: prev }));
    db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

const dropCaseAnchor = (db: Database.Database): void => { db.prepare("DELETE FROM meta WHERE key = 'audit_anchor'").run(); };

test('a report records the signed chain head; verify --against it passes on an untouched case', async () => {
  const { caseDir, report } = await reportedCase();
  const model = JSON.parse(readFileSync(report, 'utf8')) as { attestation: { auditAnchor: { entries: number; head: string; signature: string; fingerprint: string }; examinerKey: { fingerprint: string; publicKey: string } } };
  const key = loadExaminerKey();
  assert.equal(model.attestation.examinerKey.fingerprint, key.fingerprint);
  assert.equal(fingerprintOf(model.attestation.examinerKey.publicKey), key.fingerprint);
  assert.ok(model.attestation.auditAnchor.signature.length > 0);
  assert.ok(existsSync(`${report}.sig`));
  const r = await runCli(['verify', '--case', caseDir, '--against', report, '--json']);
  assert.equal(r.code, 0, r.out + r.err);
  const v = JSON.parse(r.out) as { auditTrail: { ok: boolean; anchors: Array<{ source: string; extended: boolean; signatureOk: boolean; entries: number }> }; reportSignature: { ok: boolean } };
  const fromReport = v.auditTrail.anchors.find((a) => a.source.startsWith('report'))!;
  assert.deepEqual([fromReport.extended, fromReport.signatureOk, fromReport.entries], [true, true, model.attestation.auditAnchor.entries]);
  assert.equal(v.reportSignature.ok, true);
  // The key lives in the profile folder (CAIRN_EXAMINER_KEY_DIR here), never in the case, private part 0600.
  const keyFile = join(process.env.CAIRN_EXAMINER_KEY_DIR!, 'examiner-ed25519.pem');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  assert.ok(!readFileSync(join(caseDir, 'case.sqlite')).includes(Buffer.from('PRIVATE KEY')));
});

for (const [what, change] of [
  ['the last entries deleted', (db: Database.Database) => { db.prepare('DELETE FROM audit WHERE seq > (SELECT max(seq) - 4 FROM audit)').run(); }],
  ['every entry deleted', (db: Database.Database) => { db.prepare('DELETE FROM audit').run(); }],
  ['one entry edited and every later hash recomputed', (db: Database.Database) => editAndRecompute(db, 3)],
] as const) {
  test(`${what} after a report: verify --against the report exits 4, and so does the case's own signed head`, async () => {
    const { caseDir, report } = await reportedCase();
    tamper(caseDir, change);
    const own = await runCli(['verify', '--case', caseDir]);
    assert.equal(own.code, 4, own.out + own.err);
    assert.match(own.out, /audit log: BROKEN/);
    // Also with the case's own anchor removed: the report, outside the case, still catches it.
    tamper(caseDir, dropCaseAnchor);
    const r = await runCli(['verify', '--case', caseDir, '--against', report]);
    assert.equal(r.code, 4, r.out + r.err);
    assert.match(r.out, /report report\.json: (recorded \d+ entries, the log now has|entry \d+ no longer has the recorded hash)|audit log is empty/);
    assert.equal((await runCli(['info', '--case', caseDir])).code, what === 'every entry deleted' ? 4 : 0, 'info alone sees the empty log; the others need the report');
  });
}

test('a report changed after it was signed, or a forged signature, fails verify --against (exit 4)', async () => {
  const { caseDir, report } = await reportedCase();
  writeFileSync(report, readFileSync(report, 'utf8').replace('"generatedAt"', '"generatedAt" ') );
  const r = await runCli(['verify', '--case', caseDir, '--against', report]);
  assert.equal(r.code, 4, r.out + r.err);
  assert.match(r.out, /the report changed after it was signed/);

  const { caseDir: c2, report: r2 } = await reportedCase();
  const sig = JSON.parse(readFileSync(`${r2}.sig`, 'utf8')) as { auditAnchor: { entries: number } };
  sig.auditAnchor.entries -= 1; // claim an earlier head without the key to sign it
  writeFileSync(`${r2}.sig`, JSON.stringify(sig));
  const v = await runCli(['verify', '--case', c2, '--against', r2]);
  assert.equal(v.code, 4, v.out + v.err);
  assert.match(v.out, /report report\.json: the signature over the recorded chain head \(\d+ entries\) does not verify/);
});

test('a forged anchor in the case (head rewritten without the key) makes info, verify and report exit 4', async () => {
  const { caseDir } = await reportedCase();
  tamper(caseDir, (db) => {
    editAndRecompute(db, 2);
    // The forger also rewrites the case's anchor to the new head, but cannot sign it.
    const a = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'audit_anchor'").get() as { value: string }).value) as { entries: number; head: string };
    a.head = (db.prepare('SELECT hash FROM audit WHERE seq = ?').get(a.entries) as { hash: string }).hash;
    db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_anchor'").run(JSON.stringify(a));
  });
  const info = await runCli(['info', '--case', caseDir]);
  assert.equal(info.code, 4, info.out + info.err);
  assert.match(info.err, /signature over the recorded chain head/);
  assert.equal((await runCli(['verify', '--case', caseDir])).code, 4);
  const rep = await runCli(['report', '--case', caseDir, '--out', join(tempDir(), 'r.html')]);
  assert.equal(rep.code, 4, rep.out + rep.err);
});

test('a report from before signed heads is checked on its recorded head and entry count', async () => {
  const { caseDir, report } = await reportedCase();
  const m = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
  delete m.attestation;
  const old = join(tempDir(), 'old.json');
  writeFileSync(old, JSON.stringify(m));
  assert.equal((await runCli(['verify', '--case', caseDir, '--against', old])).code, 0);
  tamper(caseDir, (db) => { editAndRecompute(db, 2); dropCaseAnchor(db); });
  assert.equal((await runCli(['verify', '--case', caseDir, '--against', old])).code, 4);
});
