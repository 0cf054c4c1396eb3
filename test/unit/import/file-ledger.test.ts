// The import run's file ledger on a real case: it alone writes each file's outcome, manifest row, audit
// entry and progress, and its account of the run matches what case.sqlite holds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileLedger } from '../../../electron/core/import/file-ledger';
import { stageEvidence } from '../../../electron/core/intake/stage';
import { cloudTrailSource } from '../../../electron/core/sources/cloudtrail';
import type { StagedFile } from '../../../electron/core/sources/source';
import type { ImportProgress } from '../../../shared/types';
import { newCase } from '../../helpers/case';
import { REPO, tempDir } from '../../helpers/temp';

const TRAIL = '{"Records":[{"eventVersion":"1.09","eventName":"A"}]}\n';

test('the ledger accounts for every file: imported, failed, duplicate, unsupported; manifest, audit and progress agree', async () => {
  const c = await newCase();
  const dir = tempDir();
  const path = (name: string, text: string): { path: string; relPath: string; size: number } => {
    writeFileSync(join(dir, name), text);
    return { path: join(dir, name), relPath: name, size: Buffer.byteLength(text) };
  };
  const ok = path('ok.json', TRAIL), bad = path('bad.json', TRAIL.replace('"A"', '"B"')), again = path('again.json', TRAIL);
  const skipped = { ...path('skip.bin', 'x'), skipReason: 'not a regular file' };
  const events: ImportProgress[] = [];
  const ledger = new FileLedger(c.forImport().store, [dir], c.forImport().conn, { onProgress: (p) => events.push({ ...p }) });
  ledger.found([ok, bad, again, skipped]);

  const staged = new Map<string, Awaited<ReturnType<typeof stageEvidence>>>();
  for (const f of [ok, bad, again]) {
    assert.equal(ledger.list(f), true);
    const s = await stageEvidence(f.path, join(c.tmpDir, `${f.relPath}.dat`));
    ledger.staged(f, s);
    staged.set(f.path, s);
  }
  assert.equal(ledger.list(skipped), false, 'a file the walk refused is finished as it is listed');

  const ids = ledger.group(() => [ok, bad, again].map((f) => ledger.enter(f, staged.get(f.path)!)));
  assert.equal(ids[2], null, 'the same bytes twice in one run: the second is a duplicate');
  const detection = { format: 'cloudtrail', confidence: 1, importable: true, note: 'read as a test' };
  const files: StagedFile[] = [];
  for (const [i, f] of [ok, bad].entries()) {
    ledger.awaitBatch(ids[i]!, staged.get(f.path)!, detection);
    files.push({ evidenceId: ids[i]!, stagedPath: staged.get(f.path)!.stagedPath!, originalPath: f.path, relPath: f.relPath, size: f.size, detection });
  }
  assert.equal(ledger.waitingFiles, 2);
  ledger.settle(cloudTrailSource, files, [
    { evidenceId: ids[0]!, ok: true, seals: [], result: { evidenceId: ids[0]!, recordsRead: 1, imported: 1, rejected: 0, tables: ['cloudtrail'] } },
    { evidenceId: ids[1]!, ok: false, reason: 'import failed: a test' },
  ]);
  assert.equal(ledger.waitingFiles, 0);
  const summary = ledger.end('finished', undefined, Date.now());

  const byName = new Map(summary.files.map((f) => [f.relPath, f]));
  assert.deepEqual([...byName.keys()], ['ok.json', 'bad.json', 'again.json', 'skip.bin'], 'every listed file, in listed order');
  assert.equal(byName.get('ok.json')?.status, 'imported');
  assert.equal(byName.get('ok.json')?.reason, 'read as a test');
  assert.equal(byName.get('bad.json')?.status, 'failed');
  assert.equal(byName.get('bad.json')?.reason, 'import failed: a test (read as: read as a test)');
  assert.equal(byName.get('again.json')?.status, 'duplicate');
  assert.equal(byName.get('again.json')?.duplicateOf, ids[0]);
  assert.equal(byName.get('skip.bin')?.status, 'unsupported');
  assert.deepEqual(summary.totals, { files: 4, recordsRead: 1, imported: 1, rejected: 0, failed: 1, unsupported: 1, duplicate: 1, needsDecision: 0, notImported: 0 });

  // The manifest holds the same outcomes; the audit log has one entry per decision.
  const manifest = new Map(c.manifest.evidence().map((e) => [e.id, e]));
  assert.equal(manifest.size, 2);
  assert.equal(manifest.get(ids[0]!)?.status, 'imported');
  assert.equal(manifest.get(ids[1]!)?.status, 'failed');
  const actions = c.auditLog().map((a) => a.action);
  for (const [action, n] of [['import.started', 1], ['evidence.added', 2], ['evidence.duplicate', 1], ['evidence.imported', 2], ['import.finished', 1]] as const) {
    assert.equal(actions.filter((a) => a === action).length, n, action);
  }
  // Progress ends with every file finished and every byte read.
  const last = events[events.length - 1]!;
  assert.equal(last.phase, 'done');
  assert.equal(last.filesDone, 4);
  assert.equal(last.bytesFinished, last.bytesTotal);
});

test('outside the ledger, no part of the import writes outcomes, manifest rows, audit entries or progress', () => {
  // The writes the ledger owns, as calls; the import's other modules, the intake and the sources must not make them.
  const WRITES = /\.(setEvidenceOutcome|addEvidence|recordRunFile|startRun|finishRun|setSeals|audit|fileFinished)\(|progress\.(bytesDone|filesDone|records|phase)\s*[+=]/;
  const offenders: string[] = [];
  for (const folder of ['import', 'intake', 'sources']) {
    const root = join(REPO, 'electron', 'core', folder);
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts') || name === 'file-ledger.ts' || name === 'progress-reporter.ts') continue;
      readFileSync(join(root, name), 'utf8').split('\n').forEach((line, i) => {
        if (WRITES.test(line)) offenders.push(`${folder}/${name}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(offenders, []);
});
