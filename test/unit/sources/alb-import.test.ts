// ALB access logs end to end: real samples and bad input through importEvidence, counts and columns checked.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

const ALB_SAMPLE = join(SAMPLES, 'elb', 'alb_al_valid_logs.log');
const KEY = 'AWSLogs/123456789012/elasticloadbalancing/us-east-2/2018/07/02';
const NAME = '123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.50dc6c495c0c9188_20180702T2225Z_10.0.0.1_2rm0yb3b.log';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('the ALB sample, as delivered (.log.gz under its S3 key), lands whole with the reason stated', async () => {
  const c = await newCase();
  const dir = tempDir();
  mkdirSync(join(dir, KEY), { recursive: true });
  writeFileSync(join(dir, KEY, `${NAME}.gz`), gzipSync(readFileSync(ALB_SAMPLE)));
  copyFileSync(ALB_SAMPLE, join(dir, 'plain.log')); // a different name, same bytes: a duplicate
  writeFileSync(join(dir, 'copy.log'), readFileSync(ALB_SAMPLE).toString() + '\n'); // plain .log, not under a key
  const s = await importEvidence(c, [dir]);
  const byName = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  const gz = byName.get(`${NAME}.gz`)!;
  assert.deepEqual([gz.format, gz.status, gz.recordsRead, gz.imported, gz.rejected], ['alb', 'imported', 2, 2, 0]);
  assert.match(gz.reason!, /^ALB access log: 30 space-separated fields, field 1 is a request type/);
  assert.equal(byName.get('copy.log')?.imported, 2);
  const manifest = c.forImport().store.evidence().find((e) => e.relPath.endsWith('.gz'))!;
  assert.match(manifest.reason!, /^ALB access log/);
  const rows = await rowsOf(c, `SELECT type, time, client_ip, client_port, target_ip, target_port, elb_status_code, target_status_code,
      received_bytes, request_verb, request_url, request_proto, user_agent, trace_id, actions_executed, redirect_url, target_port_list,
      classification, classification_reason, conn_trace_id, day, _account_id, _region, _unknown_fields, _ordinal
    FROM alb_access_logs WHERE _evidence_id = ${gz.evidenceId} ORDER BY _ordinal`);
  assert.deepEqual(rows[1], {
    type: 'https', time: '2018-07-02T22:23:00.186641Z', client_ip: 'fe80::202:b3ff:fe1e:8329', client_port: 443, target_ip: '2001:db8::1',
    target_port: 80, elb_status_code: 200, target_status_code: '200', received_bytes: 0n, request_verb: 'GET',
    request_url: 'https://www.example.com:443/', request_proto: 'HTTP/1.1', user_agent: 'curl/7.46.0', trace_id: 'Root=1-58337281-1d84f3d73c47ec4e58577259',
    actions_executed: 'authenticate,forward', redirect_url: '-', target_port_list: '10.0.0.1:80', classification: '-',
    classification_reason: '-', conn_trace_id: 'TID_1234abcd5678ef90', day: '2018/07/02', _account_id: '123456789012', _region: 'us-east-2',
    _unknown_fields: null, _ordinal: 2n,
  });
  assert.equal(rows[0]?.client_ip, '192.168.131.39');
});

test('bad and mixed-version lines: every line accounted for, rejects kept with line, offset and reason', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(FIXTURES, 'elb', 'alb-mixed.log')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['alb', 'imported_with_rejects', 7, 4, 3]);
  const rejects = await rowsOf(c, 'SELECT line, byte_offset > 0 AS has_offset, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects.map((r) => [Number(r.line), r.reason]), [
    [3, 'empty line'], [4, 'does not match the ALB access log layout'], [5, 'elb_status_code: not an integer (2xx)']]);
  const rows = await rowsOf(c, 'SELECT _ordinal, domain_name, conn_trace_id, _unknown_fields, client_ip, target_ip, target_port, request_verb, request_processing_time FROM alb_logs ORDER BY _ordinal');
  assert.deepEqual(rows.map((r) => r._ordinal), [1n, 2n, 6n, 7n]);
  // Line 2 stops after trace_id (an early ALB version): the later fields are NULL, not '-'.
  assert.deepEqual([rows[1]?.domain_name, rows[1]?.conn_trace_id], [null, null]);
  assert.equal(rows[2]?._unknown_fields, '"future-field" 42');
  assert.deepEqual([rows[3]?.client_ip, rows[3]?.target_ip, rows[3]?.target_port, rows[3]?.request_verb, rows[3]?.request_processing_time], ['2001:db8::5', '-', null, '-', -1]);
});

test('the defect: NLB and Classic ELB samples are not CSV; headerless CSV waits for --as csv', async () => {
  const c = await newCase();
  const dir = tempDir();
  copyFileSync(join(SAMPLES, 'elb', 'nlb_al_valid_logs.log'), join(dir, 'nlb.log'));
  copyFileSync(join(SAMPLES, 'elb', 'clb_al_valid_logs.log'), join(dir, 'clb.log'));
  writeFileSync(join(dir, 'flows.csv'), '10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n');
  const s = await importEvidence(c, [dir]);
  const by = new Map(s.files.map((f) => [f.relPath, f]));
  assert.deepEqual([by.get('nlb.log')?.format, by.get('nlb.log')?.imported, by.get('clb.log')?.format, by.get('clb.log')?.imported], ['nlb-tls', 1, 'elb', 2]);
  assert.equal(by.get('flows.csv')?.status, 'needs_decision');
  assert.match(by.get('flows.csv')!.reason!, /candidates: csv .*--as csv/);
  assert.equal(s.totals.needsDecision, 1);
  assert.equal(s.totals.imported, 3); // nothing from flows.csv
  const again = await importEvidence(c, [join(dir, 'flows.csv')], { as: 'csv' });
  const [f] = again.files;
  assert.deepEqual([f?.status, f?.format, f?.imported], ['imported', 'csv', 2]);
  assert.match(f!.reason!, /^chosen by the analyst \(--as csv\)/);
  assert.equal(c.forImport().store.evidence().find((e) => e.relPath === 'flows.csv')?.status, 'imported');
});
