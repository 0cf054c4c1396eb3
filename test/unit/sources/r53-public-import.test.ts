// Route 53 public DNS query logs end to end: the AWS documentation sample and bad input through importEvidence.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('the Route 53 query log sample lands whole with the reason stated', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'route53_public', 'aws-docs-example_query-log.txt')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['r53-public', 'imported', 5, 5, 0]);
  assert.match(f!.reason!, /^Route 53 public DNS query log: 10 space-separated fields, field 1 a log version \(1\.0\), field 3 a hosted zone id/);
  const rows = await rowsOf(c, `SELECT version, query_timestamp, hosted_zone_id, query_name, query_type, response_code, protocol, edge_location,
    resolver_ip, edns_client_subnet, CAST(query_ts AS VARCHAR) AS ts, _ordinal FROM r53_public_logs ORDER BY _ordinal`);
  assert.deepEqual(rows[2], {
    version: '1.0', query_timestamp: '2017-12-13T08:16:03.983Z', hosted_zone_id: 'Z123412341234', query_name: 'example.com', query_type: 'ANY',
    response_code: 'NOERROR', protocol: 'UDP', edge_location: 'Region', resolver_ip: '2001:db8::1234', edns_client_subnet: '2001:db8:abcd::/48',
    ts: '2017-12-13 08:16:03.983', _ordinal: 3n,
  });
  assert.deepEqual(rows.map((r) => r.response_code), ['NOERROR', 'NOERROR', 'NOERROR', 'NXDOMAIN', 'NOERROR']);
});

test('bad lines rejected with line, offset and reason; a newer trailing field kept', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(FIXTURES, 'route53', 'r53-public-mixed.txt')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.recordsRead, f?.imported, f?.rejected], ['r53-public', 10, 8, 2]);
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, byte_offset > 0 AS has_offset, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects, [
    { line: 3, has_offset: true, reason: 'does not match the Route 53 public DNS query log layout' },
    { line: 4, has_offset: true, reason: 'does not match the Route 53 public DNS query log layout' },
  ]);
  const rows = await rowsOf(c, 'SELECT _ordinal, CAST(query_ts AS VARCHAR) AS ts, _unknown_fields FROM r53_public_logs WHERE _ordinal <= 5 ORDER BY _ordinal');
  assert.deepEqual(rows.map((r) => [r._ordinal, r.ts, r._unknown_fields]), [[1n, '2024-03-05 10:00:00', null], [2n, '2024-03-05 10:00:01', null], [5n, '2024-03-05 10:00:04', 'extra']]);
});
