// The integrity check over a real case: evidence imported by the real importer, the manifest read from
// case.sqlite read-only, the original files read in place and left as they were.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { verifyCaseDigests, verifyManifestDigests } from '../../../electron/core/integrity';
import { inputsUnder, signedTrailEvidence } from '../../helpers/cloudtrail-digests';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

test('a case\'s digests, keys and metadata are found among its evidence and verified; nothing is written', async () => {
  const root = tempDir('cairn-evidence-');
  const { l1, l2 } = signedTrailEvidence(root);
  const before = new Map(inputsUnder(root).map((i) => [i.path, { bytes: readFileSync(i.path), mtime: statSync(i.path).mtimeMs }]));

  const c = await newCase();
  await importEvidence(c, [root]);
  assert.equal(c.forImport().store.evidence().length, 6);
  // The case is open (and locked) by this process: the check still reads its manifest, read-only.
  const r = await verifyCaseDigests(c.dir);
  assert.deepEqual(r.summary, { valid: 4, modified: 0, missing: 0, 'not-covered': 0, 'chain-broken': 0, unverifiable: 0 });
  assert.ok(r.digests.every((d) => typeof d.evidenceId === 'number'));
  assert.ok(r.logFiles.every((l) => typeof l.evidenceId === 'number'));
  for (const [path, was] of before) {
    assert.deepEqual(readFileSync(path), was.bytes);
    assert.equal(statSync(path).mtimeMs, was.mtime);
  }

  // Evidence altered after intake is judged as it is now; a moved original is reported, and its listing goes missing.
  writeFileSync(join(root, l2.relPath), l1.bytes);
  renameSync(join(root, l1.relPath), join(root, 'elsewhere.json.gz'));
  const again = await verifyManifestDigests(c.forImport().store.evidence());
  assert.equal(again.logFiles.find((l) => l.s3Key === l2.key)?.status, 'modified');
  assert.equal(again.logFiles.find((l) => l.s3Key === l1.key)?.status, 'missing');
  assert.match(again.ignored[0]!.reason, /the original file is no longer at /);
});
