// ALB connection logs end to end: detection both ways against the other load balancer and S3 formats, the
// synthetic fixtures (test/fixtures/alb_connection/README.md) through importEvidence, every line accounted for.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { albConnectionSource } from '../../../electron/core/sources/alb-connection';
import { cellQuery, COVERAGE_SPECS } from '../../../shared/coverage';
import { detectSource } from '../../../electron/core/sources/registry';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

const CONN = join(FIXTURES, 'alb_connection');
const KEY = 'AWSLogs/123456789012/elasticloadbalancing/us-east-2/2023/10/04';
const NAME = 'conn_log_123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.1234567890abcdef_20231004T1710Z_172.160.001.192_20sg8hgm.log';

function formatOf(head: Buffer): string {
  const d = detectSource({ path: '/evidence/file.log', relPath: 'file.log', name: 'file.log', head, compressed: false, size: head.length });
  if ('unsupported' in d) return 'unsupported';
  return 'needsDecision' in d ? `needs decision: ${d.candidates.join(',')}` : d.detection.format;
}

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('connection logs are claimed with a stated reason; access logs of ALB, NLB, Classic ELB and S3 are not', () => {
  const valid = readFileSync(join(CONN, 'conn-valid.log'));
  assert.equal(formatOf(valid), 'alb-connection');
  const d = albConnectionSource.detect({ path: '/e/x.log', relPath: 'x.log', name: 'x.log', head: valid, compressed: false, size: valid.length });
  assert.match(d!.note!, /^ALB connection log: 12 space-separated fields, field 1 an ISO-8601 time, field 2 a client address, fields 3-4 the client and listener ports \(listener 443\), field 11 a TLS verify status \(Success\); 5 of 5 sampled lines match$/);
  const others = [join(FIXTURES, 'elb', 'alb-mixed.log'), join(FIXTURES, 'elb', 'clb-mixed.log'), join(FIXTURES, 'elb', 'nlb-mixed.log'),
    join(SAMPLES, 'elb', 'alb_al_valid_logs.log'), join(SAMPLES, 'elb', 'clb_al_valid_logs.log'), join(SAMPLES, 'elb', 'nlb_al_valid_logs.log'),
    join(SAMPLES, 's3_access', 'valid_log_multi.log')];
  for (const path of others) {
    const head = readFileSync(path);
    assert.equal(albConnectionSource.detect({ path, relPath: 'f.log', name: 'f.log', head, compressed: false, size: head.length }), null, path);
    assert.notEqual(formatOf(head), 'alb-connection', path);
  }
  // ...and the other sources leave connection logs alone: only this one claims them.
  assert.notEqual(formatOf(valid), 'needs decision');
  // A Classic ELB line whose load balancer name is hex, with '-' status codes, is still not a connection log.
  const hexClb = Buffer.from('2015-05-13T23:40:00.000000Z cafe01 203.0.113.9:40000 10.0.0.1:22 0.000073 0.001048 0.000057 - - 57 502 "- - - " "-" - -\n');
  assert.equal(albConnectionSource.detect({ path: '/e/c.log', relPath: 'c.log', name: 'c.log', head: hexClb, compressed: false, size: hexClb.length }), null);
});

test('delivered as .log.gz under its S3 key and as plain .log: typed columns, key parts, older and newer entries', async () => {
  const c = await newCase();
  const dir = tempDir();
  mkdirSync(join(dir, KEY), { recursive: true });
  writeFileSync(join(dir, KEY, `${NAME}.gz`), gzipSync(readFileSync(join(CONN, 'conn-valid.log'))));
  writeFileSync(join(dir, 'plain.log'), readFileSync(join(CONN, 'conn-valid.log')).toString().split('\n').slice(0, 3).join('\n') + '\n');
  writeFileSync(join(dir, NAME), readFileSync(join(CONN, 'conn-valid.log')).toString().split('\n')[2] + '\n'); // the delivered name, not under a key
  const s = await importEvidence(c, [dir]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  const gz = by.get(`${NAME}.gz`)!;
  assert.deepEqual([gz.format, gz.status, gz.recordsRead, gz.imported, gz.rejected], ['alb-connection', 'imported', 5, 5, 0]);
  assert.match(gz.reason!, /^ALB connection log: 12 space-separated fields/);
  const plain = by.get('plain.log')!;
  assert.deepEqual([plain.format, plain.recordsRead, plain.imported, plain.rejected], ['alb-connection', 3, 3, 0]);
  const rows = await rowsOf(c, `SELECT time, CAST(conn_ts AS VARCHAR) AS ts, client_ip, client_port, listener_port, tls_protocol, tls_handshake_latency,
      leaf_client_cert_subject, CAST(cert_not_before AS VARCHAR) AS nb, CAST(cert_not_after AS VARCHAR) AS na, leaf_client_cert_serial_number,
      tls_verify_status, conn_trace_id, tls_keyexchange, day, _account_id, _region, _unknown_fields, CAST(_ordinal AS INTEGER) AS n
    FROM alb_connection_logs WHERE _evidence_id = ${gz.evidenceId} ORDER BY _ordinal`);
  assert.deepEqual(rows[0], {
    time: '2023-10-04T17:05:15.514108Z', ts: '2023-10-04 17:05:15.514108', client_ip: '203.0.113.1', client_port: 36280, listener_port: 443,
    tls_protocol: 'TLSv1.2', tls_handshake_latency: 4.036, leaf_client_cert_subject: 'CN=amazondomains.com,O=endEntity,L=Seattle,ST=Washington,C=US',
    nb: '2023-09-21 22:43:21', na: '2026-06-17 22:43:21', leaf_client_cert_serial_number: 'FEF257372D5C14D4', tls_verify_status: 'Success',
    conn_trace_id: 'TID_3180a73013c8ca4bac2f731159d4b0fe', tls_keyexchange: null, day: '2023/10/04', _account_id: '123456789012', _region: 'us-east-2',
    _unknown_fields: null, n: 1,
  });
  assert.deepEqual(rows.map((r) => [r.n, r.tls_handshake_latency, r.tls_verify_status, r.conn_trace_id, r.tls_keyexchange, r._unknown_fields]), [
    [1, 4.036, 'Success', 'TID_3180a73013c8ca4bac2f731159d4b0fe', null, null],
    [2, null, 'Failed:ClientCertUntrusted', 'TID_1c71a68d70587445ad5127ff8b2687d7', null, null],
    [3, 0.002, 'Success', null, null, null],
    [4, 0.01, 'Success', 'TID_aaaa', 'X25519MLKEM768', null],
    [5, 0.004, 'Success', 'TID_bbbb', 'secp256r1', '-'],
  ]);
  assert.deepEqual([rows[2]?.leaf_client_cert_subject, rows[2]?.nb, rows[2]?.na], ['-', null, null]);
  assert.deepEqual([rows[3]?.client_ip, rows[3]?.leaf_client_cert_subject], ['2001:db8::7', 'CN=Jane \\"JD\\" Doe,O=Example']);
  // Not under a key: the day comes from the time, account and region are not said.
  const p = await rowsOf(c, `SELECT DISTINCT day, _account_id, _region FROM alb_connection_logs WHERE _evidence_id = ${plain.evidenceId}`);
  assert.deepEqual(p, [{ day: '2023/10/04', _account_id: null, _region: null }]);
  // Only the documented file name: account and region from it (its conn_log_ prefix set aside), the day from the time.
  const named = await rowsOf(c, `SELECT DISTINCT day, _account_id, _region FROM alb_connection_logs WHERE _evidence_id = ${by.get(NAME)!.evidenceId}`);
  assert.deepEqual(named, [{ day: '2023/10/04', _account_id: '123456789012', _region: 'us-east-2' }]);
  // The coverage ledger counts the connections per hour, and each cell's query returns exactly those rows.
  const l = await c.coverage();
  const cells = l.cells.filter((x) => x.source === 'alb-connection');
  assert.equal(cells.reduce((n, x) => n + x.events, 0), 9);
  const spec = COVERAGE_SPECS.find((x) => x.source === 'alb-connection')!;
  for (const cell of cells) assert.equal((await c.queries.run(cellQuery(spec, cell.account, cell.region, cell.hour), { pageSize: 100 })).rowCount, cell.events);
});

test('bad lines: every line imported or rejected with its line, offset and reason', async () => {
  const c = await newCase();
  const dir = tempDir();
  copyFileSync(join(CONN, 'conn-bad.log'), join(dir, 'conn-bad.log'));
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['alb-connection', 'imported_with_rejects', 8, 3, 5]);
  const bytes = readFileSync(join(CONN, 'conn-bad.log'));
  const offsets = [0]; for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) offsets.push(i + 1);
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, CAST(byte_offset AS INTEGER) AS off, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [
    [3, 'does not match the ALB connection log layout'],
    [4, 'conn_ts: not a time (2023-13-45T17:09:00.000000Z)'],
    [5, 'client_port: not an integer (http)'],
    [6, rejects[3]?.reason],
    [7, 'empty line'],
  ]);
  assert.match(String(rejects[3]?.reason), /UTF-8/);
  for (const r of rejects) assert.equal(r.off, offsets[Number(r.line) - 1], `offset of line ${r.line}`);
  const kept = await rowsOf(c, 'SELECT CAST(_ordinal AS INTEGER) AS n FROM alb_connection_logs ORDER BY _ordinal');
  assert.deepEqual(kept.map((r) => r.n), [1, 2, 8]);
});

test('a damaged first line: the format is offered, never decided, and --as reads the file with that line rejected', async () => {
  const damaged = Buffer.concat([Buffer.from('#### torn line\n'), readFileSync(join(CONN, 'conn-valid.log'))]);
  assert.match(formatOf(damaged), /^needs decision: .*alb-connection/);
  assert.doesNotMatch(formatOf(Buffer.concat([Buffer.from('torn\nalso torn\n'), readFileSync(join(CONN, 'conn-valid.log')).subarray(0, 200)])), /alb-connection/, 'few lines of the format: not offered');
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, NAME), damaged);
  const [f] = (await importEvidence(c, [dir], { as: 'alb-connection' })).files;
  const good = readFileSync(join(CONN, 'conn-valid.log'), 'utf8').split('\n').filter(Boolean).length;
  assert.deepEqual([f?.format, f?.recordsRead, f?.imported, f?.rejected], ['alb-connection', good + 1, good, 1], f?.reason ?? '');
  assert.match(f!.reason!, /the first line does not match/);
  const [reject] = await rowsOf(c, 'SELECT line, byte_offset, raw FROM cairn_rejects');
  assert.deepEqual([Number(reject!.line), Number(reject!.byte_offset), reject!.raw], [1, 0, '#### torn line']);
});
