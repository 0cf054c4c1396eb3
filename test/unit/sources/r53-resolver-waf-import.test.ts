// Route 53 Resolver query logs and AWS WAF logs (JSON records) end to end: the real samples, a JSON-lines
// file with every kind of bad record (line, byte offset and reason kept), and keys the DDL lacks kept.
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
const MIXED = join(FIXTURES, 'route53', 'resolver-mixed.log');

test('the Resolver sample (one pretty-printed record) lands in r53_rlogs with answers and srcids as structs', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'route53_resolver', 'aws-docs-example_resolver-query-log.json')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['r53-resolver', 'imported', 1, 1, 0]);
  assert.match(f!.reason!, /^Route 53 Resolver query log: a JSON document with the keys query_name, query_timestamp, srcaddr, rcode/);
  const rows = await rowsOf(c, `SELECT query_name, query_type, rcode, answers[1].rdata AS rdata, srcids.instance AS instance, srcaddr, srcport,
    firewall_rule_action, CAST(query_ts AS VARCHAR) AS ts, _unknown_fields, _ordinal FROM r53dns`);
  assert.deepEqual(rows, [{ query_name: '15.3.4.32.in-addr.arpa.', query_type: 'PTR', rcode: 'NOERROR', rdata: '203.0.113.9', instance: 'i-0d15cd0d3example',
    srcaddr: '4.5.64.102', srcport: 56067, firewall_rule_action: 'BLOCK', ts: '2021-02-04 17:51:55', _unknown_fields: null, _ordinal: 1n }]);
});

test('Resolver JSON lines: bad records rejected with line, byte offset and reason; new keys kept', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, 'vpc-0hunt-resolver.log.gz'), gzipSync(readFileSync(MIXED)));
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['r53-resolver', 'imported_with_rejects', 7, 2, 5]);
  const text = readFileSync(MIXED);
  const offsetOf = (line: number): number => { let o = 0; for (let i = 1; i < line; i++) o = text.indexOf(10, o) + 1; return o; };
  const rejects = await rowsOf(c, 'SELECT CAST(ordinal AS INTEGER) AS n, CAST(line AS INTEGER) AS line, CAST(byte_offset AS INTEGER) AS off, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects, [
    { n: 2, line: 2, off: offsetOf(2), reason: 'not valid JSON' },
    { n: 3, line: 3, off: offsetOf(3), reason: 'not a JSON object' },
    { n: 4, line: 4, off: offsetOf(4), reason: 'missing key query_name' },
    { n: 5, line: 5, off: offsetOf(5), reason: 'srcport: not an integer ("fifty")' },
    { n: 6, line: 6, off: offsetOf(6), reason: 'empty line' },
  ]);
  const rows = await rowsOf(c, `SELECT _ordinal, srcaddr, srcport, len(answers) AS answers, srcids.resolver_endpoint AS endpoint, CAST(query_ts AS VARCHAR) AS ts,
    CAST(_unknown_fields AS VARCHAR) AS unknown FROM r53_rlogs ORDER BY _ordinal`);
  assert.deepEqual(rows, [
    { _ordinal: 1n, srcaddr: '10.0.1.15', srcport: 53122, answers: 1n, endpoint: null, ts: '2024-03-05 10:00:00', unknown: null },
    { _ordinal: 7n, srcaddr: '2001:db8::15', srcport: 53123, answers: 0n, endpoint: 'rslvr-in-0hunt', ts: '2024-03-05 10:00:06.25',
      unknown: '{"resolver_endpoint_id":"rslvr-in-0hunt","firewall_protection":"DNS_FIREWALL"}' },
  ]);
});

test('the WAF sample lands in waf_logs: the request as a struct, headers and labels as lists, the record kept whole', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'waf', 'valid_log_multi.json')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['waf', 'imported', 2, 2, 0]);
  assert.match(f!.reason!, /^AWS WAF log: JSON lines with the keys webaclId, terminatingRuleId, httpRequest, action/);
  const rows = await rowsOf(c, `SELECT _ordinal, action, terminatingruleid, httpsourcename, httprequest.clientip AS ip, httprequest.country AS country,
      httprequest.uri AS uri, len(httprequest.headers) AS headers, list_transform(labels, l -> l.name) AS labels, ratebasedrulelist[1].limitvalue AS limit_value,
      ja3fingerprint, CAST(request_ts AS VARCHAR) AS ts, json_extract_string(_raw, '$.httpRequest.clientIp') AS raw_ip
    FROM waf_logs ORDER BY _ordinal`);
  assert.equal(rows.length, 2);
  assert.deepEqual([rows[0]?.action, rows[0]?.httpsourcename, rows[0]?.ip, rows[0]?.country, rows[0]?.ts, rows[0]?.limit_value, rows[0]?.raw_ip],
    ['ALLOW', 'CF', '178.84.204.171', 'NL', '2025-05-25 21:31:58.574', '178.84.204.171', '178.84.204.171']);
  assert.ok(Number(rows[0]?.headers) > 5);
  assert.equal((rows[0]?.labels as string[]).length, 2);
  assert.equal(rows[1]?.action, 'BLOCK');
});
