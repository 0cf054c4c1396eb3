// The `events` view across sources: every imported record of every source appears once, with a UTC time,
// and one address can be followed through every log that saw it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

const TABLES: [string, string][] = [
  ['cloudtrail', 'cloudtrail'], ['vpcflow', 'vpc_flow_logs'], ['alb', 'alb_logs'], ['elb', 'elb_logs'], ['nlb-tls', 'nlb_tls_logs'], ['alb-connection', 'alb_connection_logs'],
  ['s3-access', 's3_access_logs'], ['r53-public', 'r53_public_logs'], ['r53-resolver', 'r53_rlogs'], ['cloudfront', 'cloudfront_logs'],
  ['waf', 'waf_logs'], ['network-firewall', 'anf_logs'], ['cloudwatch', 'cloudwatch_logs'], ['config', 'config_items'],
  ['cloudfront-realtime', 'cloudfront_realtime_logs'], ['guardduty', 'guardduty_findings'], ['securityhub', 'securityhub_findings'],
];

test('every record of every source is one event with a time; an address is followed across logs', async () => {
  const c = await newCase();
  await importEvidence(c, [SAMPLES, join(FIXTURES, 'hunting')]);
  const bySource = new Map((await rowsOf(c, 'SELECT source, count(*) AS n, count(event_time) AS timed FROM events GROUP BY source')).map((r) => [r.source, r]));
  for (const [source, table] of TABLES) {
    const n = (await rowsOf(c, `SELECT count(*) AS n FROM ${table}`))[0]!.n as bigint;
    assert.ok(n > 0n, `${table} has rows`);
    assert.deepEqual([bySource.get(source)?.n, bySource.get(source)?.timed], [n, n], source);
  }
  assert.equal(bySource.size, TABLES.length);
  // The same scanner range in three logs: WAF blocks, CloudFront probes, S3 refusals.
  const pivot = await rowsOf(c, "SELECT DISTINCT source FROM events WHERE source_ip LIKE '203.0.113.%' ORDER BY source");
  for (const s of ['cloudfront', 'cloudtrail', 's3-access', 'waf']) assert.ok(pivot.some((r) => r.source === s), `${s} in the pivot`);
  const s3 = await rowsOf(c, "SELECT CAST(event_time AS VARCHAR) AS t, principal, action, target, outcome, summary FROM events WHERE source = 's3-access' AND target LIKE '%dump0.sql.gz' AND action = 'REST.GET.OBJECT'");
  assert.deepEqual(s3, [{ t: '2024-03-05 11:00:00', principal: 'arn:aws:iam::111122223333:user/exfil', action: 'REST.GET.OBJECT', target: 'hunt-data-bucket/db/dump0.sql.gz',
    outcome: '200', summary: 'REST.GET.OBJECT hunt-data-bucket/db/dump0.sql.gz by arn:aws:iam::111122223333:user/exfil -> 200' }]);
  // A GuardDuty finding and the Security Hub copy of it: the same key, the same address, one timeline.
  const gd = await rowsOf(c, "SELECT CAST(event_time AS VARCHAR) AS t, account, region, principal, source_ip, action, target, outcome FROM events WHERE source = 'guardduty' AND action LIKE '%InstanceCredentialExfiltration%'");
  assert.deepEqual(gd, [{ t: '2024-03-05 11:20:00', account: '111122223333', region: 'us-east-1', principal: 'hunt-victim', source_ip: '203.0.113.77',
    action: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', target: 'AccessKey ASIAHUNTEXFIL0000001', outcome: 'High 8.0' }]);
  const sh = await rowsOf(c, "SELECT target, outcome FROM events WHERE source = 'securityhub' AND target = 'ASIAHUNTEXFIL0000001'");
  assert.deepEqual(sh, [{ target: 'ASIAHUNTEXFIL0000001', outcome: 'HIGH NEW' }]);
  const ct = await rowsOf(c, "SELECT source, account, outcome FROM events WHERE source = 'cloudtrail' AND action = 'iam.amazonaws.com:CreateAccessKey' LIMIT 1");
  assert.equal(ct.length, 1);
});
