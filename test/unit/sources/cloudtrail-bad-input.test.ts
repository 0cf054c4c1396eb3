import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cloudTrailSource } from '../../../electron/core/sources/cloudtrail';
import { OWN, SAMPLES, count, importFiles, openHarness, rows, stage } from '../../helpers/cloudtrail-helpers';

function probe(path: string, content: Buffer | string) {
  const head = Buffer.from(content).subarray(0, 64 * 1024);
  return { path, relPath: path, name: basename(path), head, compressed: false, size: Buffer.byteLength(content) };
}

test('wrong JSON types import without a crash: scalars as text, wrong shapes NULL, the raw record kept', async () => {
  const h = await openHarness();
  try {
    const [r] = await importFiles(h, [await stage(h, join(OWN, 'wrong-types.json'))]);
    assert.deepEqual([r?.recordsRead, r?.imported, r?.rejected, r?.error], [2, 2, 0, undefined]);
    const [a, b] = await rows(h.conn, `SELECT eventname, useridentity.arn AS arn, readonly, managementevent, resources,
        tlsdetails.tlsversion AS tls, requestparameters::VARCHAR AS rp, responseelements, eventsource, awsregion,
        useridentity.sessioncontext.webidfederationdata.attributes AS attrs, _raw->>'$.userIdentity' AS raw_ui
      FROM cloudtrail ORDER BY _ordinal`);
    assert.equal(a?.eventname, '123');
    assert.equal(a?.arn, null);
    assert.equal(a?.raw_ui, 'x');
    assert.equal(a?.readonly, 'true');
    assert.equal(a?.managementevent, 'false');
    assert.equal(a?.resources, null);
    assert.equal(a?.tls, null);
    assert.equal(a?.rp, '"a string"');
    assert.equal(a?.responseelements, null);
    assert.equal(b?.eventsource, '["s3.amazonaws.com"]');
    assert.equal(b?.awsregion, '{"r":"us-east-1"}');
    assert.deepEqual(b?.attrs, [{ key: 'k', value: '1' }, { key: 'k2', value: '{"deep":true}' }]);
  } finally { await h.close(); }
});

test('non-object and non-CloudTrail records go to cairn_rejects with ordinal, reason and raw', async () => {
  const h = await openHarness();
  try {
    const [r] = await importFiles(h, [await stage(h, join(OWN, 'non-objects.json'))]);
    assert.deepEqual([r?.recordsRead, r?.imported, r?.rejected, r?.error], [9, 1, 8, undefined]);
    const rej = await rows(h.conn, 'SELECT ordinal, reason, raw, raw_length FROM cairn_rejects ORDER BY ordinal');
    assert.deepEqual(rej.map((x) => x.ordinal), ['1', '2', '3', '4', '6', '7', '8', '9']);
    assert.deepEqual(rej.map((x) => x.raw), ['1', '"a string"', 'null', '[2,3]', '{"eventName":"X","eventTime":"yesterday"}', '{"foo":1}', 'true', '{"eventSource":"s3.amazonaws.com","eventName":"GetObject"}']);
    assert.match(String(rej[0]?.reason), /number, not an object/);
    assert.match(String(rej[2]?.reason), /null/);
    assert.match(String(rej[4]?.reason), /eventTime is not an ISO-8601 time: yesterday/);
    assert.match(String(rej[5]?.reason), /no eventSource or eventName/);
    assert.match(String(rej[7]?.reason), /no eventTime/);
    assert.equal(await count(h.conn, 'SELECT _ordinal FROM cloudtrail'), 5);
  } finally { await h.close(); }
});

test('a file that is not valid JSON is a per-file error with the byte position', async () => {
  const h = await openHarness();
  try {
    const [r] = await importFiles(h, [await stage(h, join(OWN, 'truncated.json'))]);
    assert.match(String(r?.error), /not valid JSON at byte 900/);
  } finally { await h.close(); }
});

test('one malformed file in a batch fails the batch; alone it reports its error, the others import', async () => {
  const h = await openHarness();
  try {
    const good = await stage(h, join(OWN, 'records-compact.json'));
    const bad = await stage(h, join(OWN, 'truncated.json'));
    await assert.rejects(importFiles(h, [good, bad]));
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 0);
    const [g] = await importFiles(h, [good]);
    const [b] = await importFiles(h, [bad]);
    assert.equal(g?.imported, 3);
    assert.ok(b?.error);
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 3);
  } finally { await h.close(); }
});

test('a record over 16 MiB imports whole', async () => {
  const h = await openHarness();
  try {
    const base = JSON.parse(readFileSync(join(OWN, 'records-compact.json'), 'utf8')).Records[0];
    const big = { ...base, responseElements: { blob: 'A'.repeat(17 * 1024 * 1024) } };
    const small = { ...base, eventID: 'small-one' };
    const path = join(h.dir, 'big.json');
    writeFileSync(path, JSON.stringify({ Records: [small, big] }));
    const lines = join(h.dir, 'big.jsonl');
    writeFileSync(lines, JSON.stringify(small) + '\n' + JSON.stringify(big) + '\n');
    const res = await importFiles(h, [await stage(h, path), await stage(h, lines)]);
    assert.deepEqual(res.map((r) => [r.recordsRead, r.imported, r.error]), [[2, 2, undefined], [2, 2, undefined]]);
    const sizes = await rows(h.conn, `SELECT _evidence_id, strlen(responseelements->>'$.blob') AS n FROM cloudtrail WHERE _ordinal = 2 ORDER BY 1`);
    assert.deepEqual(sizes.map((x) => x.n), [String(17 * 1024 * 1024), String(17 * 1024 * 1024)]);
  } finally { await h.close(); }
});

test('digest files are recognised, not imported', () => {
  const rel = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/05/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240305T010000Z.json';
  const d = cloudTrailSource.detect(probe(join(OWN, rel), readFileSync(join(OWN, rel))));
  assert.deepEqual(d, { format: 'cloudtrail-digest', confidence: 0.98, importable: false, note: 'CloudTrail digest file (integrity record, no events)' });
  // The path alone is only a hint: a digest-named file with events is still CloudTrail.
  const events = cloudTrailSource.detect(probe('/x/CloudTrail-Digest/a.json', readFileSync(join(OWN, 'records-compact.json'))));
  assert.equal(events?.format, 'cloudtrail');
});

test('detection: every layout is found from content; look-alikes are not', () => {
  for (const f of ['records-pretty.json', 'records-compact.json', 'lines-with-bad-line.jsonl', 'event-history.json', 'bare-array.json', 'single-record.json']) {
    const d = cloudTrailSource.detect(probe(`/evidence/${f}`, readFileSync(join(OWN, f))));
    assert.equal(d?.format, 'cloudtrail', f);
    assert.equal(d?.importable, true, f);
  }
  const s3Notification = JSON.stringify({ Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: '2024-01-01T00:00:00.000Z', eventName: 'ObjectCreated:Put', userIdentity: { principalId: 'AWS:X' }, s3: { bucket: { name: 'b' } } }] });
  assert.equal(cloudTrailSource.detect(probe('/e/CloudTrail/n.json', s3Notification)), null);
  assert.equal(cloudTrailSource.detect(probe('/e/events.csv', readFileSync(join(SAMPLES, '..', 'csv', 'events.csv')))), null);
  assert.equal(cloudTrailSource.detect(probe('/e/bin', Buffer.from([0x00, 0xff, 0x13, 0x37]))), null);
  assert.equal(cloudTrailSource.detect(probe('/e/x.json', '{"Records":[]}'))?.format, 'cloudtrail');
});

test('empty Records file and invalid UTF-8 do not crash', async () => {
  const h = await openHarness();
  try {
    const empty = join(h.dir, 'empty.json');
    writeFileSync(empty, '{"Records":[]}');
    const base = readFileSync(join(OWN, 'records-compact.json'));
    const bad = join(h.dir, 'bad-utf8.json');
    const i = base.indexOf('Nikki');
    writeFileSync(bad, Buffer.concat([base.subarray(0, i), Buffer.from([0xff, 0xfe]), base.subarray(i)]));
    const [e] = await importFiles(h, [await stage(h, empty)]);
    assert.deepEqual([e?.recordsRead, e?.imported, e?.error], [0, 0, undefined]);
    const [b] = await importFiles(h, [await stage(h, bad)]);
    // The record holding the bad bytes is rejected with the offset of the first one; the others import.
    assert.deepEqual([b?.recordsRead, b?.imported, b?.rejected, b?.error], [3, 2, 1, undefined]);
    const [rej] = await rows(h.conn, 'SELECT ordinal, byte_offset, reason FROM cairn_rejects');
    assert.equal(rej?.ordinal, '1');
    assert.equal(rej?.reason, `invalid UTF-8 at byte ${i}`);
    assert.ok(Number(rej?.byte_offset) < i);
  } finally { await h.close(); }
});

test('files prepared early (as the orchestrator does) import the same; after a failed batch each file is prepared again', async () => {
  // Whole documents only: as record lines, the file of two trail objects fails the batch (cloudtrail-record-lines.test.ts).
  const h = await openHarness({ recordLines: false });
  try {
    // Two trail objects in one file: a per-file error the batch reports without throwing, so the batch runs
    // to its end and removes the bare array's wrapped copy before the retry (which must wrap it again).
    const twice = join(h.dir, 'two-objects.json');
    const compact = readFileSync(join(OWN, 'records-compact.json'));
    writeFileSync(twice, Buffer.concat([compact, compact]));
    const files = [await stage(h, join(OWN, 'bare-array.json')), await stage(h, join(OWN, 'records-compact.json')), await stage(h, twice)];
    const ctx = { tmpDir: join(h.dir, 'scratch'), signal: new AbortController().signal };
    for (const f of files) f.prepared = cloudTrailSource.staging!.prepare!(ctx, f);
    const first = await importFiles(h, files);
    assert.match(first[2]?.error ?? '', /more than one top-level JSON value/);
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 0);
    const outcomes = [];
    for (const f of files) outcomes.push((await importFiles(h, [f]))[0]!);
    assert.deepEqual(outcomes.slice(0, 2).map((r) => [r.recordsRead, r.imported, r.error]), [[2, 2, undefined], [3, 3, undefined]]);
    assert.ok(outcomes[2]?.error);
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 5);
  } finally { await h.close(); }
});
