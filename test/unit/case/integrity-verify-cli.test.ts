// `cairn verify` validates the CloudTrail digests a case holds: valid ones pass, a log altered since the digest
// listed it makes the command exit 4 and names it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { signedTrailEvidence } from '../../helpers/cloudtrail-digests';
import { tempDir } from '../../helpers/temp';

test('cairn verify checks the case\'s CloudTrail digests offline and exits 4 on a modified log', async () => {
  const root = tempDir('cairn-evidence-');
  const { l1, l2 } = signedTrailEvidence(root);
  const caseDir = join(tempDir(), 'case');
  assert.equal((await runCli(['import', '--case', caseDir, '--quiet', root])).code, 0);

  const ok = await runCli(['verify', '--case', caseDir, '--json']);
  assert.equal(ok.code, 0, ok.out + ok.err);
  const report = JSON.parse(ok.out) as { ok: boolean; cloudtrailDigests: { summary: Record<string, number> } };
  assert.equal(report.cloudtrailDigests.summary.valid, 4);

  writeFileSync(join(root, l2.relPath), l1.bytes); // the original changed after it was collected
  const bad = await runCli(['verify', '--case', caseDir]);
  assert.equal(bad.code, 4, bad.out + bad.err);
  assert.match(bad.out, /CloudTrail integrity: .*1 modified/);
  const name = l2.relPath.split('/').pop()!;
  assert.ok(bad.out.split('\n').some((line) => line.startsWith('modified') && line.includes(name.slice(0, 40))), bad.out);
});

test('a case without digests says so and verifies on its seals and audit chain', async () => {
  const caseDir = join(tempDir(), 'case');
  const root = tempDir('cairn-evidence-');
  writeFileSync(join(root, 'trail.json'), JSON.stringify({ Records: [{ eventVersion: '1.09', eventTime: '2024-05-02T06:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', eventID: 'x1' }] }));
  assert.equal((await runCli(['import', '--case', caseDir, '--quiet', root])).code, 0);
  const r = await runCli(['verify', '--case', caseDir]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /CloudTrail digests: none in this case/);
});
