import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { REPO, tempDir } from '../../helpers/temp';

const FILES = 40;
const PER_FILE = 3000;

test('a process killed mid-import leaves no partial file, and importing again completes without duplicates', async () => {
  const evidence = tempDir();
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: PER_FILE }, (_, i) => ({
      eventVersion: '1.09', eventTime: `2024-03-0${1 + (f % 9)}T12:00:${String(i % 60).padStart(2, '0')}Z`, eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances', eventID: `${f}-${i}`, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 7}` },
    }));
    writeFileSync(join(evidence, `part-${String(f).padStart(3, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  const caseDir = join(tempDir(), 'case');
  const child = spawn(process.execPath, [join(REPO, 'bin', 'cairn.js'), 'import', '--case', caseDir, '--quiet', '--batch-mb', '1', evidence], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));

  // Watch the manifest from outside (WAL lets a reader in) and kill the importer once some files committed.
  let importedBeforeKill = 0;
  for (let i = 0; i < 600 && importedBeforeKill < 2; i++) {
    await sleep(25);
    try {
      const db = new Database(join(caseDir, 'case.sqlite'), { readonly: true, fileMustExist: true });
      importedBeforeKill = (db.prepare("SELECT count(*) AS n FROM evidence WHERE status = 'imported'").get() as { n: number }).n;
      db.close();
    } catch { /* not created yet */ }
  }
  child.kill('SIGKILL');
  await exited;
  assert.ok(importedBeforeKill >= 2, 'the importer made progress before it was killed');
  assert.ok(importedBeforeKill < FILES, 'it was killed before the end');

  const c = await Case.open(caseDir); // the dead process's lock is taken over
  try {
    const rows = Number((await c.forImport().conn.runAndReadAll('SELECT count(*) FROM cloudtrail')).getRowsJS()[0]![0]);
    assert.equal(rows % PER_FILE, 0, 'only whole files are in the table');
    const runs = c.forImport().store.statement('SELECT state FROM import_runs').all() as Array<{ state: string }>;
    assert.deepEqual(runs.map((r) => r.state), ['interrupted']);

    const again = await importEvidence(c, [evidence]);
    assert.equal(again.state, 'finished');
    const total = (await c.forImport().conn.runAndReadAll('SELECT count(*), count(DISTINCT (_evidence_id, _ordinal)), count(DISTINCT eventid) FROM cloudtrail')).getRowsJS()[0]!;
    assert.deepEqual(total.map(Number), [FILES * PER_FILE, FILES * PER_FILE, FILES * PER_FILE]);
    assert.equal(c.forImport().store.evidence().length, FILES);
    assert.ok(c.forImport().store.evidence().every((e) => e.status === 'imported' && e.imported === PER_FILE));
    assert.equal(again.totals.duplicate, again.files.filter((f) => f.status === 'duplicate').length);
    const seals = await c.verifySeals();
    assert.deepEqual(seals.problems, [], 'the files committed before the kill and after it all match their seals');
  } finally {
    await c.close();
  }
});
