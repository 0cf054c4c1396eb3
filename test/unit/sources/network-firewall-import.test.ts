// AWS Network Firewall logs end to end: the four real samples (alert, flow, HTTP, TLS), an epoch-seconds
// event_timestamp as in the AWS guide, and a record without its timestamp rejected.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('Network Firewall samples land in anf_logs with the event as a struct', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'network_firewall'), join(FIXTURES, 'network_firewall', 'anf-epoch.log')]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  for (const [name, n] of [['alert_log_multi.json', 2], ['flow_log.json', 1], ['http_log.json', 1], ['tls_with_revocation_log.json', 1]] as const) {
    const f = by.get(name)!;
    assert.deepEqual([f.format, f.status, f.recordsRead, f.imported, f.rejected], ['network-firewall', 'imported', n, n, 0], name);
  }
  assert.match(by.get('alert_log_multi.json')!.reason!, /^AWS Network Firewall log: JSON lines with the keys firewall_name/);
  const epoch = by.get('anf-epoch.log')!;
  assert.deepEqual([epoch.recordsRead, epoch.imported, epoch.rejected], [2, 1, 1]);
  assert.deepEqual(await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, byte_offset > 0 AS off, reason FROM cairn_rejects'),
    [{ line: 2, off: true, reason: 'missing key event_timestamp' }]);
  const rows = await rowsOf(c, `SELECT event.event_type AS t, event.alert.signature AS sig, event.netflow.bytes AS bytes, event.http.hostname AS host,
      event.revocation_check.status AS revoked, event.tls_error.error_message AS tls_error, CAST(event_ts AS VARCHAR) AS ts
    FROM anf_logs ORDER BY _evidence_id, _ordinal`);
  const byType = (t: string): Record<string, unknown>[] => rows.filter((r) => r.t === t);
  assert.equal(byType('alert').length, 3);
  assert.equal(byType('netflow')[0]?.bytes, 45000n);
  assert.equal(byType('http')[0]?.host, 'example.com');
  assert.deepEqual([byType('tls')[0]?.revoked, byType('tls')[0]?.tls_error], ['REVOKED', 'Certificate verification failed']);
  assert.deepEqual(rows.find((r) => r.sig === 'hunt: outbound to C2')?.ts, '2024-03-05 10:00:00');
  assert.equal(rows.find((r) => r.sig === 'test_tcp')?.ts, '2025-10-20 10:30:45.123');
});
