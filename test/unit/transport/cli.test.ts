import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';

const cairn = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin', 'cairn.js'), ...args], { encoding: 'utf8' });

test('cairn import → info → query, with exit codes and machine-readable output', () => {
  const caseDir = join(tempDir(), 'case');
  const imported = cairn('import', '--case', caseDir, '--name', 'CLI case', '--examiner', 'tester', '--json', join(SAMPLES, 'cloudtrail'));
  assert.equal(imported.status, 0, imported.stderr);
  const summary = JSON.parse(imported.stdout) as { state: string; totals: { imported: number; files: number } ; files: Array<{ status: string; recordsRead: number; imported: number; rejected: number }> };
  assert.equal(summary.state, 'finished');
  assert.equal(summary.totals.imported, 30);
  assert.ok(summary.files.every((f) => f.recordsRead === f.imported + f.rejected));

  const info = cairn('info', '--case', caseDir, '--json');
  assert.equal(info.status, 0, info.stderr);
  const parsed = JSON.parse(info.stdout) as { case: { name: string; examiner: string }; evidence: unknown[]; tables: Array<{ name: string; rows: number }>; audit: { ok: boolean } };
  assert.equal(parsed.case.name, 'CLI case');
  assert.equal(parsed.evidence.length, 15);
  assert.equal(parsed.tables.find((t) => t.name === 'cloudtrail')?.rows, 30);
  assert.equal(parsed.audit.ok, true);

  const csv = cairn('query', '--case', caseDir, '--format', 'csv', "SELECT eventname, '=cmd|calc' AS formula FROM cloudtrail WHERE eventname = 'StopLogging' LIMIT 1");
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout, "eventname,formula\r\nStopLogging,'=cmd|calc\r\n");

  const json = cairn('query', '--case', caseDir, '--format', 'json', '--param', 'name=DeleteTrail', 'SELECT eventname, useridentity.arn AS arn FROM cloudtrail WHERE eventname = $name');
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), [{ eventname: 'DeleteTrail', arn: 'arn:aws:iam::847129010505:user/christophe' }]);

  const denied = cairn('query', '--case', caseDir, 'DELETE FROM cloudtrail');
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /SQL_DENIED/);
});

test('exit code 3 when a file failed, 2 for usage errors', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'broken.json.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
  const caseDir = join(tempDir(), 'case');
  const r = cairn('import', '--case', caseDir, '--quiet', dir);
  assert.equal(r.status, 3, r.stderr + r.stdout);
  assert.match(r.stdout, /failed/);
  assert.equal(cairn('query', '--case', caseDir).status, 2);
  assert.equal(cairn('frobnicate').status, 2);
  assert.equal(cairn('info').status, 2);
  assert.equal(cairn('info', '--case', join(dir, 'not-a-case')).status, 1);
});

test('exit code 5 when no file was recognised, 0 for duplicates only, 4 (integrity) when the audit chain is broken', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'noise.bin'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x01]));
  writeFileSync(join(dir, 'notes.txt'), 'just some words\n');
  const caseDir = join(tempDir(), 'case');
  const r = cairn('import', '--case', caseDir, '--quiet', dir);
  assert.equal(r.status, 5, r.stderr + r.stdout);
  assert.match(r.stdout, /unsupported/);
  assert.equal(cairn('import', '--case', caseDir, '--quiet', join(SAMPLES, 'cloudtrail')).status, 0);
  assert.equal(cairn('import', '--case', caseDir, '--quiet', join(SAMPLES, 'cloudtrail')).status, 0, 'every file a duplicate: nothing new, not an error');
  assert.equal(cairn('info', '--case', caseDir).status, 0);

  // Tampering as someone with write access to case.sqlite would: the triggers go, an entry changes.
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(caseDir, 'case.sqlite'));
  db.exec('DROP TRIGGER audit_no_update');
  db.prepare("UPDATE audit SET detail = '{\"tampered\":true}' WHERE seq = 2").run();
  db.close();
  const info = cairn('info', '--case', caseDir);
  assert.equal(info.status, 4, info.stderr + info.stdout);
  assert.match(info.stdout, /BROKEN at entry 2/);
  assert.equal(cairn('info', '--case', caseDir, '--json').status, 4);
});
