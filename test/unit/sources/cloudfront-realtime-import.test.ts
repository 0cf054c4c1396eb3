// CloudFront real-time logs: the field list is chosen in AWS and is not in the file. It is taken from the
// analyst (--fields), from a #Fields header, or from the default full list when every sampled line fits it;
// anything else needs a decision, and choosing the format without the field list is not enough.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { detectSource } from '../../../electron/core/sources/registry';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES } from '../../helpers/temp';

type C = Awaited<ReturnType<typeof newCase>>;
async function rowsOf(c: C, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
const RT = join(FIXTURES, 'cloudfront_realtime');
const DEFAULT = join(RT, 'cf-realtime-stream-1-2020-12-07-20-52-01-0a1b2c3d-synthetic');
const CHOSEN = join(RT, 'chosen-fields.log');
const FIELDS = ['timestamp', 'c-ip', 'sc-status', 'cs-method', 'cs-host', 'cs-uri-stem', 'cs-user-agent', 'cmcd-session-id'];

test('header-less records of the default full field list are detected and read by it; the sample\'s #Fields header names its fields', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [DEFAULT, join(SAMPLES, 'cloudfront', 'kinesis-1-0.txt')]);
  const [d, k] = s.files;
  assert.deepEqual([d?.format, d?.status, d?.recordsRead, d?.imported, d?.rejected], ['cloudfront-realtime', 'imported', 2, 2, 0]);
  assert.match(d!.reason!, /^CloudFront real-time log: 40 TAB-separated fields, no header; the default full field list .* fits: an epoch time, then an address; 2 of 2 sampled lines match/);
  assert.deepEqual([k?.format, k?.recordsRead, k?.imported], ['cloudfront-realtime', 1, 1]);
  assert.match(k!.reason!, /^CloudFront real-time log: a #Fields header names 40 TAB-separated fields \(timestamp, c-ip, time-to-first-byte, \.\.\.\)/);
  const rows = await rowsOf(c, `SELECT CAST(request_ts AS VARCHAR) AS ts, c_ip, sc_status, cs_method, cs_host, time_to_first_byte, c_port, c_country, cs_headers_count,
      asn, _field_list, _unknown_fields, _ordinal FROM cloudfront_realtime_logs WHERE _evidence_id = ${d!.evidenceId} ORDER BY _ordinal`);
  assert.equal(rows.length, 2);
  assert.deepEqual({ ...rows[0], time_to_first_byte: Math.round(Number(rows[0]!.time_to_first_byte) * 1000) }, {
    ts: '2020-12-07 20:52:01.541', c_ip: '127.0.0.1', sc_status: 200, cs_method: 'GET', cs_host: 'test.cloudfront.net', time_to_first_byte: 42,
    c_port: rows[0]!.c_port, c_country: rows[0]!.c_country, cs_headers_count: rows[0]!.cs_headers_count, asn: null,
    _field_list: readFileSync(join(SAMPLES, 'cloudfront', 'kinesis-1-0.txt'), 'utf8').split('\n')[1]!.slice('#Fields: '.length).split(' ').join(','),
    _unknown_fields: null, _ordinal: 1n });
  assert.deepEqual([rows[1]?.c_ip, rows[1]?.sc_status], ['192.0.2.44', 404]);
});

test('a file of another field list needs a decision; --as alone is not enough; --fields reads it, counts add up', async () => {
  const c = await newCase();
  const first = (await importEvidence(c, [CHOSEN])).files[0]!;
  assert.equal(first.status, 'needs_decision');
  assert.match(first.reason!, /CloudFront real-time log\? 8 TAB-separated fields .* not the default full list/);
  const asOnly = (await importEvidence(c, [CHOSEN], { as: 'cloudfront-realtime' })).files[0]!;
  assert.equal(asOnly.status, 'needs_decision');
  assert.match(asOnly.reason!, /^cannot be read as cloudfront-realtime yet: .*give the field list: --as cloudfront-realtime --fields/);
  const wrong = (await importEvidence(c, [CHOSEN], { as: 'cloudfront-realtime', fields: FIELDS.slice(0, 5) })).files[0]!;
  assert.match(wrong.reason!, /the given field list names 5 fields, the first record has 8/);

  const s = await importEvidence(c, [CHOSEN], { as: 'cloudfront-realtime', fields: FIELDS });
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['cloudfront-realtime', 'imported_with_rejects', 4, 2, 2]);
  assert.match(f!.reason!, /^chosen by the analyst \(--as cloudfront-realtime\): CloudFront real-time log: 8 TAB-separated fields as the analyst listed them/);
  const rows = await rowsOf(c, 'SELECT c_ip, sc_status, cs_uri_stem, cs_user_agent, time_to_first_byte, _unknown_fields, _ordinal FROM cloudfront_realtime_logs ORDER BY _ordinal');
  assert.deepEqual(rows, [
    { c_ip: '203.0.113.130', sc_status: 200, cs_uri_stem: '/index.html', cs_user_agent: 'Mozilla/5.0', time_to_first_byte: null, _unknown_fields: '{"cmcd-session-id":"sess-1"}', _ordinal: 1n },
    { c_ip: '2001:db8::130', sc_status: 403, cs_uri_stem: '/admin', cs_user_agent: 'curl/8.5.0', time_to_first_byte: null, _unknown_fields: '{"cmcd-session-id":"-"}', _ordinal: 2n },
  ]);
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, byte_offset, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [[3, 'does not match the CloudFront real-time log layout'], [4, 'sc_status: not an integer (abc)']]);
  assert.ok(Number(rejects[0]!.byte_offset) > 0);
});

test('look-alikes: a TAB-separated file that does not start with an epoch time and an address is not claimed; the field list is checked', () => {
  const probe = (text: string, fields?: string[]): ReturnType<typeof detectSource> => {
    const head = Buffer.from(text);
    return detectSource({ path: '/e/x.tsv', relPath: 'x.tsv', name: 'x.tsv', head, compressed: false, size: head.length, ...(fields ? { fields } : {}) });
  };
  const tsv = 'name\tcount\nalpha\t1\nbeta\t2\n';
  const d = probe(tsv);
  assert.ok(!('detection' in d && d.detection.format === 'cloudfront-realtime'));
  assert.ok(!('candidates' in d && d.candidates.includes('cloudfront-realtime')));
  const bad = probe('1709632800.123\t203.0.113.1\n', ['timestamp', 'Timestamp;DROP']);
  assert.ok('needsDecision' in bad && /"Timestamp;DROP" is not a field name/.test(bad.needsDecision), JSON.stringify(bad));
});
