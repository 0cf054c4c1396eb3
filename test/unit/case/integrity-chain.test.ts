// Offline CloudTrail integrity validation over generated trails: real files on disk, real RSA signatures in
// AWS's digest format (test/helpers/cloudtrail-digests.ts), no mocks.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { verifyCloudTrailIntegrity, type IntegrityReport } from '../../../electron/core/integrity';
import { inputsUnder, publicKeyList, TrailFactory, writeEvidence, type GeneratedDigest, type GeneratedLog } from '../../helpers/cloudtrail-digests';
import { tempDir } from '../../helpers/temp';

const H = 3600_000;
const T0 = new Date('2024-03-01T10:04:31Z');

/** Hours of deliveries in one region: the first digest is a starting one; `empty` hours list no log file. */
function hours(f: TrailFactory, region: string, n: number, empty: number[] = []): { logs: GeneratedLog[][]; digests: GeneratedDigest[] } {
  const logs: GeneratedLog[][] = [];
  const digests: GeneratedDigest[] = [];
  for (let i = 0; i < n; i++) {
    const end = new Date(T0.getTime() + i * H);
    const hourLogs = empty.includes(i) ? [] : [f.log(region, new Date(end.getTime() - 40 * 60_000)), f.log(region, new Date(end.getTime() - 10 * 60_000))];
    logs.push(hourLogs);
    digests.push(f.digest(region, end, hourLogs, { start: i === 0 }));
  }
  return { logs, digests };
}

/** Writes a trail's files and its saved key list and newest-digest metadata; returns the evidence folder. */
function evidence(f: TrailFactory, files: Array<{ relPath: string; bytes: Buffer | string }>, newest?: GeneratedDigest): string {
  const dir = tempDir('cairn-integrity-');
  writeEvidence(dir, files);
  writeFileSync(join(dir, 'cloudtrail-public-keys.json'), publicKeyList([f.keys]));
  if (newest) writeFileSync(join(dir, 'newest-digest-metadata.json'), f.metadata(newest));
  return dir;
}

const verify = (dir: string): Promise<IntegrityReport> => verifyCloudTrailIntegrity(inputsUnder(dir));
const statusOf = (r: IntegrityReport, relPathEnd: string): string => {
  const row = [...r.digests, ...r.logFiles].find((x) => (x.relPath ?? x.s3Key ?? '').endsWith(relPathEnd));
  assert.ok(row, `no result for ${relPathEnd}`);
  return `${row.status}: ${row.reason}`;
};

test('an intact chain verifies: starting digest, an empty hour, signatures from metadata and from the next digest', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'us-east-1', 4, [2]);
  // An unpacked copy beside its .gz original is the same log file: both are checked.
  const unpacked = { relPath: logs[0]![0]!.relPath.replace(/\.gz$/, ''), bytes: logs[0]![0]!.uncompressed };
  const dir = evidence(f, [...logs.flat(), unpacked, ...digests], digests[3]);
  const r = await verify(dir);
  assert.deepEqual(r.summary, { valid: 4 + 6 + 1, modified: 0, missing: 0, 'not-covered': 0, 'chain-broken': 0, unverifiable: 0 });
  assert.equal(r.digests[0]!.signatureSource, 'next-digest');
  assert.match(r.digests[0]!.reason, /starting digest/);
  assert.equal(r.digests[2]!.logFileCount, 0);
  assert.equal(r.digests[3]!.signatureSource, 'metadata');
  assert.ok(r.digests.every((d) => d.authenticatedBy === 'signature' && d.region === 'us-east-1' && d.trail === 'org_audit-trail'));
  assert.equal(r.publicKeys.length, 1);
  assert.equal(r.signatureFiles, 1);
});

test('without the newest digest\'s metadata it is unverifiable, and so are its log files; a bare Metadata file is matched by trying it', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'us-east-1', 2);
  const dir = evidence(f, [...logs.flat(), ...digests]);
  const r = await verify(dir);
  assert.match(statusOf(r, digests[1]!.relPath), /^unverifiable: its signature is in the S3 metadata of .*not saved/);
  assert.match(statusOf(r, logs[1]![0]!.relPath), /^unverifiable: SHA-256 matches digest .*; the digest itself is not authenticated/);
  assert.match(statusOf(r, digests[0]!.relPath), /^valid: signature verified/);
  assert.match(statusOf(r, logs[0]![0]!.relPath), /^valid/);

  writeFileSync(join(dir, 'saved-by-collector.json'), f.metadata(digests[1]!, false));
  const again = await verify(dir);
  assert.match(statusOf(again, digests[1]!.relPath), /^valid: signature verified .*saved metadata saved-by-collector\.json/);
  assert.equal(again.summary.valid, 2 + 4);
});

test('a tampered log file is modified, a damaged gzip too; a removed one is missing; an injected one is not covered', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'us-east-1', 2);
  const dir = evidence(f, [...logs.flat(), ...digests], digests[1]);
  const [tampered, damaged] = logs[0]!;
  const [removed, kept] = logs[1]!;
  writeFileSync(join(dir, tampered!.relPath), gzipSync(Buffer.from(tampered!.uncompressed.toString().replace('198.51.100.7', '203.0.113.9'))));
  writeFileSync(join(dir, damaged!.relPath), damaged!.bytes.subarray(0, damaged!.bytes.length - 12));
  rmSync(join(dir, removed!.relPath));
  const injected = f.log('us-east-1', new Date(T0.getTime() + H - 20 * 60_000));
  writeEvidence(dir, [injected]);
  const r = await verify(dir);
  assert.match(statusOf(r, tampered!.relPath), /^modified: uncompressed content hashes to [0-9a-f]{64}, digest records [0-9a-f]{64}/);
  assert.match(statusOf(r, damaged!.relPath), /^modified: cannot be read or decompressed/);
  assert.match(statusOf(r, removed!.relPath), /^missing: listed in digest .* not in the evidence/);
  assert.match(statusOf(r, kept!.relPath), /^valid/);
  assert.match(statusOf(r, injected.relPath), /^not-covered: digests for 111122223333 us-east-1 cover its delivery time/);
  assert.equal(r.summary.valid, 2 + 1);
});

test('a removed digest is missing, the chain around it is broken, and its hour\'s log files are not covered', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'eu-west-1', 3);
  const dir = evidence(f, [...logs.flat(), digests[0]!, digests[2]!], digests[2]);
  const r = await verify(dir);
  const missing = r.digests.find((d) => d.status === 'missing');
  assert.equal(missing?.s3Key, digests[1]!.key);
  assert.equal(missing?.endTime, digests[1]!.endTime);
  assert.match(statusOf(r, digests[2]!.relPath), /^chain-broken: previous digest .* is not in the evidence, though older digests of this trail are/);
  // The oldest digest's signature was in the removed one: nothing in the evidence authenticates it.
  assert.match(statusOf(r, digests[0]!.relPath), /^unverifiable/);
  for (const l of logs[1]!) assert.match(statusOf(r, l.relPath), /^not-covered/);
});

test('a tampered digest fails its signature and breaks the link from the next one', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'us-east-1', 3);
  const dir = evidence(f, [...logs.flat(), ...digests], digests[2]);
  const forged = digests[1]!.uncompressed.toString().replace(/"hashValue":"[0-9a-f]{64}"/, `"hashValue":"${'0'.repeat(64)}"`);
  writeFileSync(join(dir, digests[1]!.relPath), gzipSync(Buffer.from(forged)));
  const r = await verify(dir);
  assert.match(statusOf(r, digests[1]!.relPath), /^modified: signature from .* does not verify/);
  assert.match(statusOf(r, digests[2]!.relPath), /^chain-broken: previous digest .* hashes to/);
  assert.match(statusOf(r, logs[1]![0]!.relPath), /^modified: .*; the digest itself is not authenticated/);
  assert.match(statusOf(r, logs[1]![1]!.relPath), /^unverifiable: SHA-256 matches digest .*; the digest itself is not authenticated/);
});

test('re-ordered chains are broken: digests swapped between hours, a link to a later digest, a fork', async () => {
  const f = new TrailFactory();
  const { logs, digests } = hours(f, 'us-east-1', 3);
  const swapped = [{ relPath: digests[0]!.relPath, bytes: digests[1]!.bytes }, { relPath: digests[1]!.relPath, bytes: digests[0]!.bytes }];
  const dir = evidence(f, [...logs.flat(), ...swapped, digests[2]!], digests[2]);
  const r = await verify(dir);
  assert.match(statusOf(r, digests[0]!.relPath), /^chain-broken: the file sits at .* but is the digest for .*moved from its original location/);
  assert.match(statusOf(r, digests[1]!.relPath), /^chain-broken: .*moved from its original location/);

  const g = new TrailFactory();
  const a = g.digest('us-east-1', T0, [], { start: true });
  const b = g.digest('us-east-1', new Date(T0.getTime() + H), []);
  const c = g.digest('us-east-1', new Date(T0.getTime() + 2 * H), [], { previous: a });
  const early = g.digest('us-east-1', new Date(T0.getTime() - H), [], { previous: c });
  const r2 = await verify(evidence(g, [a, b, c, early], b));
  assert.match(statusOf(r2, c.relPath), /^chain-broken: .*also links to .*the chain forks/);
  assert.match(statusOf(r2, b.relPath), /^chain-broken: .*the chain forks/);
  assert.match(statusOf(r2, early.relPath), /^chain-broken: previous digest .* ends at .* after this one starts: the chain is re-ordered/);
});

test('a wrong key: digests signed by another key fail, and a key list pairing a foreign key with the fingerprint is refused', async () => {
  const f = new TrailFactory();
  const impostor = new TrailFactory();
  const d0 = f.digest('us-east-1', T0, [], { start: true, signWith: impostor.keys });
  const d1 = f.digest('us-east-1', new Date(T0.getTime() + H), [], { signWith: impostor.keys });
  const r = await verify(evidence(f, [d0, d1], d1));
  assert.match(statusOf(r, d0.relPath), /^modified: signature from .* does not verify with key/);
  assert.match(statusOf(r, d1.relPath), /^modified/);

  const dir = tempDir('cairn-integrity-');
  const good = f.digest('us-east-1', new Date(T0.getTime() + 2 * H), [], { start: true });
  writeEvidence(dir, [good, { relPath: 'keys.json', bytes: publicKeyList([{ ...impostor.keys, fingerprint: f.keys.fingerprint }]) }, { relPath: 'm.json', bytes: f.metadata(good) }]);
  const r2 = await verify(dir);
  assert.match(r2.ignored[0]!.reason, /claims fingerprint .* but its value's MD5 is .*not used/);
  assert.match(statusOf(r2, good.relPath), /^unverifiable: no saved public key has fingerprint/);
});

test('multi-region and organisation trails, prefixes, backfill, unpacked copies, keys in several files', async () => {
  const f = new TrailFactory({ orgId: 'o-a1b2c3d4e5', prefix: 'cloudtrail/org', account: '444455556666', homeRegion: 'us-east-1' });
  const east = hours(f, 'us-east-1', 2);
  const west = new TrailFactory({ orgId: 'o-a1b2c3d4e5', prefix: 'cloudtrail/org', account: '444455556666', homeRegion: 'us-east-1' });
  const euw = hours(west, 'eu-west-1', 2);
  const late = f.log('us-east-1', new Date(T0.getTime() - 30 * 60_000));
  const backfill = f.digest('us-east-1', new Date(T0.getTime() + H), [late], { backfill: true });
  const unpacked = { relPath: east.logs[0]![0]!.relPath.replace(/\.gz$/, ''), bytes: east.logs[0]![0]!.uncompressed };
  const dir = tempDir('cairn-integrity-');
  writeEvidence(dir, [unpacked, ...east.logs.flat().slice(1), ...euw.logs.flat(), late, ...east.digests, ...euw.digests, backfill]);
  writeEvidence(dir, [
    { relPath: 'keys/us-east-1.json', bytes: publicKeyList([f.keys]) }, { relPath: 'keys/eu-west-1.json', bytes: publicKeyList([west.keys]) },
    { relPath: 'meta/all.json', bytes: `[${f.metadata(east.digests[1]!)},${west.metadata(euw.digests[1]!)},${f.metadata(backfill)}]` },
  ]);
  // The analyst chose the org folder as the evidence root: relative paths lack AWSLogs, absolute ones have it.
  const inputs = inputsUnder(dir).map((i) => ({ ...i, relPath: i.relPath.replace(/^cloudtrail\/org\/AWSLogs\/o-a1b2c3d4e5\//, '') }));
  const r = await verifyCloudTrailIntegrity(inputs);
  assert.deepEqual(r.summary, { valid: 5 + 9, modified: 0, missing: 0, 'not-covered': 0, 'chain-broken': 0, unverifiable: 0 });
  assert.deepEqual([...new Set(r.digests.map((d) => `${d.organisationId} ${d.account} ${d.region} ${d.homeRegion}`))],
    ['o-a1b2c3d4e5 444455556666 eu-west-1 us-east-1', 'o-a1b2c3d4e5 444455556666 us-east-1 us-east-1']);
  assert.equal(r.digests.filter((d) => d.backfill).length, 1);
  assert.equal(r.publicKeys.length, 2);
});
