// The import's batch queue on a real case: real staging, real admission, real DuckDB batches.
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import type { Case } from '../../../electron/core/case/case';
import { admit } from '../../../electron/core/import/admit';
import { BatchQueue } from '../../../electron/core/import/batch-queue';
import { FileLedger } from '../../../electron/core/import/file-ledger';
import { stageEvidence } from '../../../electron/core/intake/stage';
import { cloudTrailSource } from '../../../electron/core/sources/cloudtrail';
import type { ImportContext, LogSource, StagedFile } from '../../../electron/core/sources/source';
import { newCase, scalar } from '../../helpers/case';
import { SAMPLES } from '../../helpers/temp';

const TRAILS = ['aws.defense-evasion.cloudtrail-delete.json', 'aws.defense-evasion.cloudtrail-stop.json', 'aws.persistence.iam-create-admin-user.json']
  .map((n) => join(SAMPLES, 'cloudtrail', n));

/** A run as importEvidence sets one up, and each file staged and admitted the way its intake window does. */
async function setUp(c: Case, paths: string[]): Promise<{ run: FileLedger; ctx: ImportContext; admitted: { source: LogSource; file: StagedFile; result: () => { status: string; imported: number; path: string } }[] }> {
  const run = new FileLedger(c.forImport().store, paths, c.forImport().conn);
  // Inside the case: DuckDB may read only the case's own folders (duck/evidence-db.ts).
  const dir = join(c.tmpDir, 'staging-test');
  mkdirSync(dir, { recursive: true });
  const ctx: ImportContext = { conn: c.forImport().conn, signal: new AbortController().signal, tmpDir: dir, progress() {}, existingTables: async () => new Set() };
  const admitted = [];
  for (const [i, path] of paths.entries()) {
    const staged = await stageEvidence(path, join(dir, `${i}.dat`), undefined, undefined, { forms: [cloudTrailSource.staging!.form!] });
    const f = { path, relPath: basename(path), size: statSync(path).size };
    assert.ok(run.list(f));
    run.staged(f, staged);
    const a = run.group(() => admit(run, { f, staged }));
    const result = (): { status: string; imported: number; path: string } => run.resultFor(path)!;
    if (!a) throw new Error(`${path} was not admitted: ${result().status}`);
    assert.equal(a.source.id, cloudTrailSource.id);
    admitted.push({ ...a, result });
  }
  return { run, ctx, admitted };
}

test('a due batch starts at once, and adding it waits only for the batch before it', async () => {
  const c = await newCase();
  const { run, ctx, admitted: [a, b, d] } = await setUp(c, TRAILS);
  const queue = new BatchQueue(run, ctx, c.forImport().writeBehind, (f) => c.forImport().views.commit(f), 1); // one byte per batch: every file is a batch of its own

  await queue.add(a!.source, a!.file, 0);
  assert.equal(a!.result().status, 'pending', 'adding a batch must not wait for that batch: DuckDB imports it while Node stages the next');
  await queue.add(b!.source, b!.file, 0);
  assert.equal(a!.result().status, 'imported', 'the batch before has been imported when the next one is added');
  assert.equal(b!.result().status, 'pending');
  await queue.add(d!.source, d!.file, 0);
  await queue.finish();

  for (const x of [a!, b!, d!]) {
    assert.equal(x.result().status, 'imported', x.result().path);
    assert.ok(x.result().imported > 0);
    assert.equal(c.manifest.evidence().find((e) => e.id === x.file.evidenceId)?.status, 'imported');
  }
  assert.equal(run.waitingFiles, 0, 'a finished file no longer holds its place');
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), a!.result().imported + b!.result().imported + d!.result().imported);
  assert.equal(Number(await scalar(c, 'SELECT count(DISTINCT _evidence_id) FROM cloudtrail')), 3);
});

test('files that never fill a batch are imported when the queue finishes', async () => {
  const c = await newCase();
  const { run, ctx, admitted } = await setUp(c, TRAILS.slice(0, 2));
  const queue = new BatchQueue(run, ctx, c.forImport().writeBehind, (f) => c.forImport().views.commit(f));
  for (const x of admitted) await queue.add(x.source, x.file, 0);
  await queue.idle();
  for (const x of admitted) assert.equal(x.result().status, 'pending', 'two small files are not a batch yet');
  await queue.finish();
  for (const x of admitted) assert.equal(x.result().status, 'imported', x.result().path);
  assert.equal(Number(await scalar(c, 'SELECT count(DISTINCT _evidence_id) FROM cloudtrail')), 2);
});
