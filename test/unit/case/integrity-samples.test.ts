// The real public digest samples (test/fixtures/samples/cloudtrail_digest, see SOURCES.md) cannot be verified
// offline; these tests pin down exactly why, and what can be checked of them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyCloudTrailIntegrity, renderIntegrityJson, renderIntegrityText, type IntegrityInput } from '../../../electron/core/integrity';
import { SAMPLES } from '../../helpers/temp';

const DIR = join(SAMPLES, 'cloudtrail_digest');
const REAL = '327878933619_CloudTrail-Digest_ap-northeast-1_llm-guard-trail_us-west-2_20231015T230404Z.json';
const DOCS = 'aws-docs-example_111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json';
const EMPTY = 'cloudtrail_digest_empty.json';
const DOCS_KEYS = 'aws-docs-example_list-public-keys.json';
const input = (name: string): IntegrityInput => ({ relPath: name, path: join(DIR, name) });

test('the real digest: no public key for its fingerprint, no saved signature, none of its five log files', async () => {
  const r = await verifyCloudTrailIntegrity([input(REAL), input(DOCS_KEYS)]);
  assert.equal(r.digests.length, 1);
  const d = r.digests[0]!;
  assert.equal(d.status, 'unverifiable');
  assert.deepEqual([d.account, d.region, d.homeRegion, d.trail, d.bucket, d.startTime, d.endTime],
    ['327878933619', 'ap-northeast-1', 'us-west-2', 'llm-guard-trail', 'llm-guard-trail', '2023-10-15T22:04:04Z', '2023-10-15T23:04:04Z']);
  // Its signature would come only from its own S3 metadata (not public): without it, the key is not even looked for.
  assert.equal(d.signature, 'no-signature');
  assert.match(d.reason, /signature is in the S3 metadata of .*not saved/);
  assert.match(d.reason, /previous digest .*20231015T220404Z\.json\.gz is not in the evidence \(the evidence starts here\)/);
  assert.equal(d.fingerprint, 'be2f0b997552f44942837300ba1aba9d');
  assert.ok(!r.publicKeys.some((k) => k.fingerprint === d.fingerprint), 'no public key in the samples has the real digest\'s fingerprint');
  assert.equal(r.logFiles.length, 5);
  for (const f of r.logFiles) {
    assert.equal(f.status, 'missing');
    assert.match(f.s3Key!, /^AWSLogs\/327878933619\/CloudTrail\/ap-northeast-1\/2023\/10\/15\/327878933619_CloudTrail_ap-northeast-1_20231015T\d{4}Z_\w{16}\.json\.gz$/);
  }
});

test('a saved signature for the real digest would be looked up under its key: a made-up one verifies over nothing', async () => {
  const meta = Buffer.from(JSON.stringify({ bucket: 'llm-guard-trail', key: 'x', Metadata: { signature: 'ab'.repeat(256), 'signature-algorithm': 'SHA256withRSA' } }));
  const r = await verifyCloudTrailIntegrity([input(REAL), { relPath: 'meta.json', bytes: meta }]);
  assert.equal(r.digests[0]!.signature, 'no-signature');
  assert.match(r.ignored[0]!.reason, /signature metadata for x, which is not in the evidence/);
});

test('the docs example digest: its key is in the docs key list, but its signature is not published', async () => {
  const r = await verifyCloudTrailIntegrity([input(DOCS), input(DOCS_KEYS), input(EMPTY)]);
  const docs = r.digests.find((d) => d.relPath === DOCS)!;
  assert.equal(docs.fingerprint, '31e8b5433410dfb61a9dc45cc65b22ff');
  assert.ok(r.publicKeys.some((k) => k.fingerprint === docs.fingerprint));
  assert.equal(docs.signature, 'no-signature');
  assert.equal(docs.status, 'unverifiable');
  // The file is not at its S3 key (an 'aws-docs-example_' name, no AWSLogs layout): that alone is no finding.
  assert.doesNotMatch(docs.reason, /moved/);
  const empty = r.digests.find((d) => d.relPath === EMPTY)!;
  assert.deepEqual([empty.logFileCount, empty.status, empty.region, empty.trail], [0, 'unverifiable', 'us-east-2', 'example-trail-name']);
  assert.deepEqual(r.logFiles.map((f) => f.status), ['missing']);
});

test('public key lists: every docs key\'s fingerprint is the MD5 of its DER value; PKCS#1 and SPKI values both load', async () => {
  const r = await verifyCloudTrailIntegrity([input(DOCS_KEYS)]);
  assert.deepEqual(r.publicKeys.map((k) => k.fingerprint), ['8eba5db5bea9b640d1c96a77256fe7f2', '8933b39ddc64d26d8e14ffbf6566fee4', '31e8b5433410dfb61a9dc45cc65b22ff']);
  assert.deepEqual(r.publicKeys.map((k) => k.validFrom), ['2015-07-08T01:04:01.000Z', '2015-06-18T01:04:20.000Z', '2015-06-18T01:02:50.000Z']);
  assert.deepEqual(r.ignored, []);
  // The CLI example's JSON sits inside reStructuredText; cut out, it reads as a key list too.
  const rst = readFileSync(join(DIR, 'list-public-keys.rst'), 'utf8');
  const json = rst.slice(rst.indexOf('{'), rst.lastIndexOf('}') + 1);
  const fromRst = await verifyCloudTrailIntegrity([{ relPath: 'keys.json', bytes: Buffer.from(json) }]);
  assert.deepEqual(fromRst.publicKeys.map((k) => k.fingerprint), ['7f3f401420072e50a65a141430817ab3']);
  const value = /"Value": "([^"]+)"/.exec(json)![1]!;
  assert.equal(createHash('md5').update(Buffer.from(value, 'base64')).digest('hex'), '7f3f401420072e50a65a141430817ab3');
});

test('the text table and JSON carry every row; hostile names are escaped in the table', async () => {
  const hostile: IntegrityInput = { relPath: 'evil\u001b[2J\nname.json', path: join(DIR, REAL) };
  const r = await verifyCloudTrailIntegrity([hostile, input(DOCS_KEYS)]);
  const text = renderIntegrityText(r);
  assert.match(text, /^CloudTrail integrity: 1 digest\(s\), 5 log file\(s\): 5 missing, 1 unverifiable/);
  assert.ok(!text.includes('\u001b'));
  assert.match(text, /evil\\u001b\[2J\\u000aname\.json/);
  assert.equal(text.split('\n').filter((l) => l.startsWith('missing ')).length, 5);
  const json = JSON.parse(renderIntegrityJson(r)) as { cairnIntegrityReport: number; digests: unknown[]; logFiles: unknown[] };
  assert.equal(json.cairnIntegrityReport, 1);
  assert.equal(json.digests.length, 1);
  assert.equal(json.logFiles.length, 5);
});
