// S3 server access logs end to end: the real sample and bad input through importEvidence, counts, columns
// and rejects (line, byte offset, reason) checked.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('the S3 access log sample lands whole, Athena-shaped, with the reason stated', async () => {
  const c = await newCase();
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'logs', '2019-02-06-00-00-38-5D0D7B3DEXAMPLE.gz'), gzipSync(readFileSync(join(SAMPLES, 's3_access', 'valid_log_multi.log'))));
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['s3-access', 'imported', 3, 3, 0]);
  assert.match(f!.reason!, /^S3 server access log: 26 space-separated fields, field 3 a bracketed time, field 7 an operation \(REST\.GET\.VERSIONING\)/);
  const rows = await rowsOf(c, `SELECT bucketowner, bucket_name, requestdatetime, remoteip, operation, "key", request_uri, httpstatus, errorcode,
      bytessent, objectsize, totaltime, referrer, useragent, versionid, sigv, tlsversion, accesspointarn, aclrequired, sourceregion,
      CAST(request_ts AS VARCHAR) AS ts, _unknown_fields, _ordinal FROM s3_access_logs ORDER BY _ordinal`);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[2], {
    bucketowner: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', bucket_name: 'amzn-s3-demo-bucket1',
    requestdatetime: '06/Feb/2019:00:00:38 +0000', remoteip: '192.0.2.3', operation: 'REST.GET.BUCKETPOLICY', key: '-',
    request_uri: '"GET /amzn-s3-demo-bucket1?policy HTTP/1.1"', httpstatus: '404', errorcode: 'NoSuchBucketPolicy', bytessent: 297n,
    objectsize: null, totaltime: '38', referrer: '"-"', useragent: '"S3Console/0.4"', versionid: '-', sigv: 'SigV4', tlsversion: 'TLSV1.2',
    accesspointarn: '-', aclrequired: 'Yes', sourceregion: null, ts: '2019-02-06 00:00:38', _unknown_fields: null, _ordinal: 3n,
  });
  assert.equal(rows[0]?.accesspointarn, 'arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP');
});

test('old and new field versions kept, bad lines rejected with line, byte offset and reason', async () => {
  const c = await newCase();
  const path = join(FIXTURES, 's3_access', 's3-mixed.log');
  const s = await importEvidence(c, [path]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['s3-access', 'imported_with_rejects', 6, 3, 3]);
  const text = readFileSync(path);
  const offsetOf = (line: number): number => { let o = 0; for (let i = 1; i < line; i++) o = text.indexOf(10, o) + 1; return o; };
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, CAST(byte_offset AS INTEGER) AS byte_offset, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects, [
    { line: 3, byte_offset: offsetOf(3), reason: 'empty line' },
    { line: 4, byte_offset: offsetOf(4), reason: 'does not match the S3 server access log layout' },
    { line: 5, byte_offset: offsetOf(5), reason: 'bytessent: not an integer (lots)' },
  ]);
  const rows = await rowsOf(c, `SELECT _ordinal, remoteip, requester, "key", useragent, bytessent, hostid, sourceregion, CAST(request_ts AS VARCHAR) AS ts,
    _unknown_fields FROM s3_access_logs ORDER BY _ordinal`);
  assert.deepEqual(rows.map((r) => r._ordinal), [1n, 2n, 6n]);
  // The 18-field record of 2014: later fields NULL, not '-'.
  assert.deepEqual([rows[0]?.hostid, rows[0]?.sourceregion], [null, null]);
  assert.deepEqual([rows[1]?.remoteip, rows[1]?.requester, rows[1]?.key, rows[1]?.useragent, rows[1]?.bytessent, rows[1]?.sourceregion, rows[1]?.ts],
    ['2001:db8::7', 'arn:aws:iam::123456789012:user/alice', 'a%20b.txt', '"ua with \\"quotes\\" inside"', null, 'us-east-1', '2019-02-05 23:01:00']);
  assert.equal(rows[2]?._unknown_fields, 'future-field 42');
});

test('a line holding the text \\x1f (an attacker\'s escape in a key or user agent) is one record, not a failed file', async () => {
  const c = await newCase();
  const dir = tempDir();
  const sample = readFileSync(join(SAMPLES, 's3_access', 'valid_log_multi.log'), 'utf8').split('\n').filter(Boolean);
  // The user agent's backslash sends the line past the CSV reading to the pattern (decision 0018).
  const hostile = sample[0]!.replace(/"[^"]*" -( |$)/, '"curl \\x1f\\x1f" -$1').replace(/REST\.(\w+)\.(\w+) (\S+)/, 'REST.$1.$2 k\\x1fey');
  assert.ok(hostile.includes('\\x1f') && hostile !== sample[0]);
  writeFileSync(join(dir, '2019-02-06-00-00-38-5D0D7B3DEXAMPLE'), [hostile, ...sample.slice(1)].join('\n') + '\n');
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['s3-access', 'imported', sample.length, sample.length, 0], f?.reason ?? '');
  const [row] = await rowsOf(c, 'SELECT "key", useragent FROM s3_access_logs WHERE _ordinal = 1');
  assert.equal(row?.key, 'k\\x1fey');
  assert.match(String(row?.useragent), /x1f\\x1f/);
});
