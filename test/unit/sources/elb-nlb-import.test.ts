// Classic ELB and NLB TLS access logs end to end: the public samples and mixed/bad lines, every line accounted for.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('the Classic ELB and NLB samples land whole, each with its stated reason', async () => {
  const c = await newCase();
  const dir = tempDir();
  copyFileSync(join(SAMPLES, 'elb', 'clb_al_valid_logs.log'), join(dir, 'clb.log'));
  copyFileSync(join(SAMPLES, 'elb', 'nlb_al_valid_logs.log'), join(dir, 'nlb.log'));
  const s = await importEvidence(c, [dir]);
  const by = new Map(s.files.map((f) => [f.relPath, f]));
  assert.deepEqual([by.get('clb.log')?.format, by.get('clb.log')?.status, by.get('clb.log')?.imported], ['elb', 'imported', 2]);
  assert.match(by.get('clb.log')!.reason!, /^Classic ELB access log: 15 space-separated fields/);
  assert.deepEqual([by.get('nlb.log')?.format, by.get('nlb.log')?.status, by.get('nlb.log')?.imported], ['nlb-tls', 'imported', 1]);
  assert.match(by.get('nlb.log')!.reason!, /^NLB TLS access log: 22 space-separated fields, field 1 is 'tls', field 2 a log version \(2\.0\)/);
  assert.deepEqual(await rowsOf(c, 'SELECT request_ip, request_port, backend_ip, backend_port, elb_response_code, url, user_agent, ssl_protocol, day FROM elb_logs ORDER BY _ordinal'), [
    { request_ip: '192.168.131.39', request_port: 2817, backend_ip: '10.0.0.1', backend_port: 80, elb_response_code: '200', url: 'https://www.example.com:443/', user_agent: 'curl/7.38.0', ssl_protocol: 'TLSv1.2', day: '2015/05/13' },
    { request_ip: '192.168.131.39', request_port: 2817, backend_ip: '-', backend_port: null, elb_response_code: '200', url: 'https://www.example.com:443/', user_agent: 'curl/7.38.0', ssl_protocol: 'TLSv1.2', day: '2015/05/13' },
  ]);
  assert.deepEqual(await rowsOf(c, 'SELECT time, client_ip, target_port, tls_protocol_version, incoming_tls_alert, domain_name, alpn_client_preference_list, tls_connection_creation_time FROM nlb_tls_logs'), [
    { time: '2020-04-01T08:51:42', client_ip: '72.21.218.154', target_port: 443, tls_protocol_version: 'tlsv12', incoming_tls_alert: null,
      domain_name: 'my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com', alpn_client_preference_list: '"h2","http/1.1"', tls_connection_creation_time: '2020-04-01T08:51:20' },
  ]);
});

test('mixed versions and bad lines: TCP and pre-TLS-field lines kept, bad ones rejected with their reason', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(FIXTURES, 'elb', 'clb-mixed.log'), join(FIXTURES, 'elb', 'nlb-mixed.log')]);
  const [clb, nlb] = s.files;
  assert.deepEqual([clb?.format, clb?.recordsRead, clb?.imported, clb?.rejected], ['elb', 5, 4, 1]);
  assert.deepEqual([nlb?.format, nlb?.recordsRead, nlb?.imported, nlb?.rejected], ['nlb-tls', 7, 6, 1]);
  const rejects = await rowsOf(c, 'SELECT source, CAST(line AS INTEGER) AS line, reason FROM cairn_rejects ORDER BY source, line');
  assert.deepEqual(rejects, [
    { source: 'elb', line: 4, reason: 'received_bytes: not an integer (zero)' },
    { source: 'nlb-tls', line: 3, reason: 'does not match the NLB TLS access log layout' },
  ]);
  const tcp = await rowsOf(c, "SELECT request_verb, url, user_agent, ssl_cipher, elb_response_code FROM elb_logs WHERE request_ip = '203.0.113.9'");
  assert.deepEqual(tcp, [{ request_verb: '-', url: '-', user_agent: '-', ssl_cipher: '-', elb_response_code: '-' }]);
  const old = await rowsOf(c, "SELECT user_agent, ssl_cipher FROM elb_logs WHERE request_timestamp LIKE '2014%'");
  assert.deepEqual(old, [{ user_agent: null, ssl_cipher: null }]);
  const nlbRows = await rowsOf(c, 'SELECT CAST(_ordinal AS INTEGER) AS n, domain_name, _unknown_fields FROM nlb_tls_logs WHERE _ordinal <= 4 ORDER BY _ordinal');
  assert.deepEqual(nlbRows.map((r) => [r.n, r.domain_name === null, r._unknown_fields]), [[1, false, null], [2, true, null], [4, false, 'newfield']]);
});
