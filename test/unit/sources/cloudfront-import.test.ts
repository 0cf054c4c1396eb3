// CloudFront standard logs end to end: the header decides the columns per file; real samples, a chosen field
// list with a field Cairn has no column for, bad lines, and a concatenation of two headers.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
const MIXED = join(FIXTURES, 'cloudfront', 'E2HUNT0EXAMPLE.2024-03-05-10.abcd1234.txt');

test('both standard-log samples (24 and 33 fields) land whole; an RTMP log is recognised, not imported; a real-time log is its own format', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, 'E2EXAMPLE.2019-12-04-21.d111111a.gz'), gzipSync(readFileSync(join(SAMPLES, 'cloudfront', 'web-1-0-2019-12.txt'))));
  const s = await importEvidence(c, [dir, ...['web-1-0.txt', 'rtmp-1-0.txt', 'kinesis-1-0.txt'].map((f) => join(SAMPLES, 'cloudfront', f))]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  const v2019 = by.get('E2EXAMPLE.2019-12-04-21.d111111a.gz')!;
  assert.deepEqual([v2019.format, v2019.status, v2019.recordsRead, v2019.imported, v2019.rejected], ['cloudfront', 'imported', 3, 3, 0]);
  assert.match(v2019.reason!, /^CloudFront standard log: #Version 1\.0 header naming 33 TAB-separated fields/);
  assert.deepEqual([by.get('web-1-0.txt')?.format, by.get('web-1-0.txt')?.imported], ['cloudfront', 2]);
  assert.equal(by.get('rtmp-1-0.txt')?.status, 'unsupported');
  assert.match(by.get('rtmp-1-0.txt')!.reason!, /CloudFront log .* neither a standard nor a real-time log's fields \(RTMP streaming\)/);
  assert.deepEqual([by.get('kinesis-1-0.txt')?.format, by.get('kinesis-1-0.txt')?.imported], ['cloudfront-realtime', 1]);
  const rows = await rowsOf(c, `SELECT CAST("date" AS VARCHAR) AS d, "time", c_ip, sc_status, cs_user_agent, time_taken, c_port, sc_range_start,
      CAST(request_ts AS VARCHAR) AS ts, distribution_id, _extra_fields, _ordinal FROM cloudfront_standard_logs WHERE _evidence_id = ${v2019.evidenceId} ORDER BY _ordinal`);
  assert.deepEqual(rows.map((r) => r._ordinal), [3n, 4n, 5n]); // lines 1-2 are the header
  assert.deepEqual(rows[0], {
    d: '2019-12-04', time: '21:02:31', c_ip: '192.0.2.100', sc_status: 200,
    cs_user_agent: 'Mozilla/5.0%2520(Windows%2520NT%252010.0;%2520Win64;%2520x64)%2520AppleWebKit/537.36%2520(KHTML,%2520like%2520Gecko)%2520Chrome/78.0.3904.108%2520Safari/537.36',
    time_taken: rows[0]!.time_taken, c_port: 11040, sc_range_start: null, ts: '2019-12-04 21:02:31', distribution_id: 'E2EXAMPLE', _extra_fields: null, _ordinal: 3n,
  });
  assert.ok(Math.abs(Number(rows[0]!.time_taken) - 0.001) < 1e-6);
  assert.equal(rows[2]?._extra_fields, ''); // the sample's last line ends with a TAB
  const old = await rowsOf(c, "SELECT cs_uri_query, c_port, sc_content_type FROM cloudfront_logs WHERE cs_uri_stem = '/soundtrack/happy.mp3'");
  assert.deepEqual(old, [{ cs_uri_query: 'a=b&c=d', c_port: null, sc_content_type: null }]);
});

test('a chosen field order: columns by name, an unknown field kept as JSON, bad lines rejected with offsets', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [MIXED]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['cloudfront', 'imported_with_rejects', 5, 3, 2]);
  const text = readFileSync(MIXED);
  const offsetOf = (line: number): number => { let o = 0; for (let i = 1; i < line; i++) o = text.indexOf(10, o) + 1; return o; };
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, CAST(byte_offset AS INTEGER) AS off, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects, [
    { line: 4, off: offsetOf(4), reason: 'sc_status: not an integer (40x)' },
    { line: 5, off: offsetOf(5), reason: 'does not match the CloudFront standard log layout' },
  ]);
  const rows = await rowsOf(c, `SELECT c_ip, cs_method, sc_status, x_edge_location, CAST(_unknown_fields AS VARCHAR) AS unknown, distribution_id, _ordinal
    FROM cloudfront_logs ORDER BY _ordinal`);
  assert.deepEqual(rows[1], { c_ip: '2001:db8::80', cs_method: 'POST', sc_status: 200, x_edge_location: null, unknown: '{"c-country":"DE"}', distribution_id: 'E2HUNT0EXAMPLE', _ordinal: 6n });
});

test('two headers naming different fields in one file: a candidate, and refused whole when chosen', async () => {
  const c = await newCase();
  const dir = tempDir();
  const joined = Buffer.concat([readFileSync(join(SAMPLES, 'cloudfront', 'web-1-0.txt')), Buffer.from('\n'), readFileSync(MIXED)]);
  writeFileSync(join(dir, 'joined.txt'), joined);
  // Most lines do not fit the first header: a candidate only.
  const first = await importEvidence(c, [dir]);
  assert.equal(first.files[0]?.status, 'needs_decision');
  const s = await importEvidence(c, [dir], { as: 'cloudfront' });
  const [f] = s.files;
  assert.equal(f?.status, 'failed');
  assert.match(f!.reason!, /a later #Fields header names other fields than the first/);
  assert.equal((await rowsOf(c, 'SELECT count(*) AS n FROM cloudfront_logs'))[0]?.n, 0n);
});
