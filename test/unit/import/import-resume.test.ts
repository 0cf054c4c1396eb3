import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { listProblems, summariseEvidence } from '../../../electron/core/report/report-model';
import type { ImportProgress, SealCheck } from '../../../shared/types';
import { runCli } from '../../helpers/cli';
import { newCase, scalar } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

const FILES = 30;
const RECORDS = 200;

function trailFolder(): string {
  const dir = tempDir();
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: RECORDS }, (_, i) => ({ eventVersion: '1.08', eventTime: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', eventID: `${f}-${i}` }));
    writeFileSync(join(dir, `f${String(f).padStart(2, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  return dir;
}

/** Imports the folder one file per batch and cancels once three files are done. */
async function cancelledImport(c: Case, dir: string, seen: ImportProgress[] = []) {
  const controller = new AbortController();
  return importEvidence(c, [dir], {
    signal: controller.signal, batchBytes: 1,
    onProgress: (p) => { seen.push({ ...p }); if (p.filesDone >= 3) controller.abort(); },
  });
}

test('a cancelled import says what it left and why; resume reads only those files', async () => {
  const c = await newCase();
  const dir = trailFolder();
  const seen: ImportProgress[] = [];
  const first = await cancelledImport(c, dir, seen);
  assert.equal(first.state, 'cancelled');
  // The first seconds: the walk is announced, then files hashed, before any file is done.
  assert.equal(seen[0]?.phase, 'scanning');
  assert.ok(seen.some((p) => p.filesRead > 0 && p.records === 0 && p.filesDone === 0), 'progress while files are hashed, before any record is imported');
  const left = first.files.filter((f) => f.status === 'pending' || f.status === 'not_started');
  assert.ok(left.length > 0 && left.length < FILES, `left ${left.length}`);
  assert.equal(first.totals.notImported, left.length);
  for (const f of left) {
    if (f.evidenceId === null) assert.match(f.reason ?? '', new RegExp(`^not started: import #${first.runId} was cancelled before this file was read; Resume`));
    else assert.match(f.reason ?? '', new RegExp(`^not imported: import #${first.runId} was cancelled before this file's rows were committed`));
  }
  // The manifest's unfinished rows carry the same reason: never shown as imported, never without a why.
  for (const e of c.forImport().store.evidence().filter((x) => x.status === 'pending')) assert.match(e.reason ?? '', /^not imported: import #\d+ was cancelled/);

  // The report never counts them under their format: they hold no rows; Problems says what they are.
  const evidence = c.forImport().store.evidence();
  const pending = evidence.filter((e) => e.status === 'pending');
  assert.ok(pending.length > 0, 'hashed files left pending');
  const noSeals: SealCheck = { ok: true, algorithm: '', sealedFiles: 0, rowsChecked: 0, problems: [], elapsedMs: 0 };
  const problems = listProblems(evidence, [], noSeals);
  assert.equal(problems.filter((p) => p.kind === 'pending' && /^not imported: import #\d+ was cancelled/.test(p.detail)).length, pending.length);
  const groups = summariseEvidence(evidence, [], noSeals, problems);
  assert.equal(groups.filter((g) => g.source === '(not imported: cloudtrail)').reduce((n, g) => n + g.files, 0), pending.length);
  assert.equal(groups.filter((g) => g.source === 'cloudtrail').reduce((n, g) => n + g.files, 0), evidence.length - pending.length);

  const r = c.resumable();
  assert.ok(r);
  assert.equal(r.runId, first.runId);
  assert.equal(r.unfinished, left.length);
  const second = await importEvidence(c, r.inputs, { only: new Set(r.paths), resumeOf: r.runId });
  assert.equal(second.state, 'finished');
  assert.equal(second.resumeOf, first.runId);
  assert.equal(second.totals.files, left.length, 'only the unfinished files are read again');
  assert.equal(second.totals.duplicate, 0);
  assert.equal(Number(await scalar(c, 'SELECT count(DISTINCT (_evidence_id, _ordinal)) FROM cloudtrail')), FILES * RECORDS);
  assert.equal(c.forImport().store.evidence().filter((e) => e.status === 'imported').length, FILES);
  assert.equal(c.resumable(), null, 'nothing left to resume');
});

test('a missing path is its own outcome; the valid path of the same import is imported', async () => {
  const c = await newCase();
  const dir = trailFolder();
  const missing = join(dir, 'no-such-file.json');
  const s = await importEvidence(c, [missing, join(dir, 'f00.json.gz')]);
  assert.equal(s.state, 'finished');
  const bad = s.files.find((f) => f.path === missing);
  assert.equal(bad?.status, 'failed');
  assert.equal(bad?.reason, `no such file or folder: ${missing}`);
  assert.equal(s.files.find((f) => f.relPath === 'f00.json.gz')?.status, 'imported');
  assert.equal(s.totals.files, 2);
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), RECORDS);
});

test('cairn import --resume finishes the cancelled run; a second --resume has nothing to do', async () => {
  const caseDir = join(tempDir(), 'case');
  const dir = trailFolder();
  const c = await Case.open(caseDir, { create: { name: 'resume', examiner: 'tester' } });
  const first = await cancelledImport(c, dir);
  await c.close();
  const resumed = await runCli(['import', '--case', caseDir, '--resume', '--json', '--quiet']);
  assert.equal(resumed.code, 0, resumed.err);
  const s = JSON.parse(resumed.out) as { state: string; resumeOf: number; totals: { files: number; duplicate: number; notImported: number } };
  assert.equal(s.state, 'finished');
  assert.equal(s.resumeOf, first.runId);
  assert.equal(s.totals.files, first.totals.notImported);
  assert.equal(s.totals.notImported, 0);
  const again = await runCli(['import', '--case', caseDir, '--resume']);
  assert.notEqual(again.code, 0);
  assert.match(again.err, /no import to resume/);
  const withPaths = await runCli(['import', '--case', caseDir, '--resume', dir]);
  assert.notEqual(withPaths.code, 0);
  assert.match(withPaths.err, /give no paths with it/);
});

test('resuming a run started with a chosen format reads the rest of its files in that format too', async () => {
  const caseDir = join(tempDir(), 'case');
  const dir = trailFolder();
  const c = await Case.open(caseDir, { create: { name: 'resume as', examiner: 'tester' } });
  const controller = new AbortController();
  const first = await importEvidence(c, [dir], { as: 'cloudtrail', signal: controller.signal, batchBytes: 1, onProgress: (p) => { if (p.filesDone >= 3) controller.abort(); } });
  assert.equal(first.state, 'cancelled');
  await c.close();
  const resumed = await runCli(['import', '--case', caseDir, '--resume', '--json', '--quiet']);
  assert.equal(resumed.code, 0, resumed.err);
  const again = await Case.open(caseDir);
  try {
    const files = again.forImport().store.evidence();
    assert.equal(files.filter((e) => e.status === 'imported').length, FILES);
    assert.deepEqual(files.filter((e) => e.chosenFormat !== 'cloudtrail').map((e) => e.relPath), [], 'every file, resumed or not, was read as the analyst chose');
    const started = again.forImport().store.auditLog().filter((e) => e.action === 'import.started').map((e) => e.detail as { resumeOf?: number; chosenFormat?: string });
    assert.ok(started.some((d) => d.resumeOf === first.runId && d.chosenFormat === 'cloudtrail'), `the resumed run is audited with the chosen format: ${JSON.stringify(started)}`);
  } finally {
    await again.close();
  }
});
