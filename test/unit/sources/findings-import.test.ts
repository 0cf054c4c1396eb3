// GuardDuty and Security Hub findings end to end, in every form a responder is handed them: the S3 export
// (JSON lines, gzip, in the S3 layout), get-findings output, bare arrays, EventBridge events; one row per
// finding, and every finding imported or rejected with its place and reason.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, tempDir } from '../../helpers/temp';

type C = Awaited<ReturnType<typeof newCase>>;
async function rowsOf(c: C, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
const GD = join(FIXTURES, 'guardduty');
const SH = join(FIXTURES, 'securityhub');

test('GuardDuty: the S3 export, get-findings output, an array and an EventBridge event are one row per finding, read alike', async () => {
  const c = await newCase();
  const dir = tempDir();
  const key = join(dir, 'AWSLogs', '111122223333', 'GuardDuty', 'us-east-1', '2020', '05', '26');
  mkdirSync(key, { recursive: true });
  writeFileSync(join(key, '3b5f5e2c-0b4a-3a7e-9c1e-5d2f9a1b7c30.jsonl.gz'), gzipSync(readFileSync(join(GD, 'export-findings.jsonl'))));
  const s = await importEvidence(c, [dir, join(GD, 'aws-cli-example_get-findings.json'), join(GD, 'findings-array.json'), join(GD, 'eventbridge_guardduty-finding.json')]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  const counts = [...by.entries()].map(([name, f]) => [name, f.format, f.status, f.recordsRead, f.imported, f.rejected]);
  assert.deepEqual(counts.sort(), [
    ['3b5f5e2c-0b4a-3a7e-9c1e-5d2f9a1b7c30.jsonl.gz', 'guardduty', 'imported', 2, 2, 0],
    ['aws-cli-example_get-findings.json', 'guardduty', 'imported', 1, 1, 0],
    ['eventbridge_guardduty-finding.json', 'guardduty', 'imported', 1, 1, 0],
    ['findings-array.json', 'guardduty', 'imported', 2, 2, 0],
  ]);
  assert.match(by.get('eventbridge_guardduty-finding.json')!.reason!, /^GuardDuty findings: a JSON document of EventBridge events/);
  assert.match(by.get('aws-cli-example_get-findings.json')!.reason!, /^GuardDuty findings: a JSON document with schemaVersion 2\.0 and a GuardDuty finding ARN/);
  // The PascalCase CLI output and the camelCase forms give the same columns.
  const rows = await rowsOf(c, `SELECT DISTINCT id, "type", severity, severity_label, accountid, resource_type, principal, access_key_id, remote_ip, api,
      CAST(updated_ts AS VARCHAR) AS updated, CAST(last_seen_ts AS VARCHAR) AS last_seen, occurrences, archived, sample,
      resource->>'$.accessKeyDetails.userType' AS user_type, service->>'$.action.awsApiCallAction.serviceName' AS svc
    FROM guardduty_findings WHERE id = '1ab92989eaf0e742df4a014d5example'`);
  assert.deepEqual(rows, [{ id: '1ab92989eaf0e742df4a014d5example', type: 'Recon:IAMUser/UserPermissions', severity: 5, severity_label: 'Medium',
    accountid: '111122223333', resource_type: 'AccessKey', principal: 'testuser', access_key_id: 'ASIASZ4SI7REEEXAMPLE', remote_ip: '52.94.36.7',
    api: 'ListPolicyVersions', updated: '2020-05-26 22:55:21.703', last_seen: '2020-05-26 22:33:55', occurrences: 5n, archived: false, sample: false,
    user_type: 'IAMUser', svc: 'iam.amazonaws.com' }]);
  const ssh = await rowsOf(c, "SELECT count(*) AS n, any_value(remote_ip) AS ip, any_value(instance_id) AS i, any_value(severity_label) AS l FROM guardduty_findings WHERE \"type\" = 'UnauthorizedAccess:EC2/SSHBruteForce'");
  assert.deepEqual(ssh, [{ n: 2n, ip: '198.51.100.23', i: 'i-0synthetic000001', l: 'Low' }]);
  // The export's JSON lines keep their line numbers; the whole finding is kept.
  const exported = await rowsOf(c, `SELECT _ordinal, _raw->>'$.service.action.networkConnectionAction.localPortDetails.portName' AS port, _unknown_fields FROM guardduty_findings
    WHERE _evidence_id = ${by.get('3b5f5e2c-0b4a-3a7e-9c1e-5d2f9a1b7c30.jsonl.gz')!.evidenceId} ORDER BY _ordinal`);
  assert.deepEqual(exported, [{ _ordinal: 1n, port: null, _unknown_fields: null }, { _ordinal: 2n, port: 'SSH', _unknown_fields: null }]);
  assert.equal((await rowsOf(c, 'SELECT count(*) AS n FROM gd_logs'))[0]!.n, 6n);
});

test('GuardDuty bad input: each bad line or finding is one rejected record with its line and reason', async () => {
  const c = await newCase();
  // It also holds a Security Hub event, so both formats claim it: the analyst decides.
  const undecided = (await importEvidence(c, [join(GD, 'bad-findings.jsonl')])).files[0]!;
  assert.deepEqual([undecided.status, undecided.imported], ['needs_decision', 0]);
  assert.match(undecided.reason!, /2 formats claim this file; candidates: guardduty .*securityhub/);
  const s = await importEvidence(c, [join(GD, 'bad-findings.jsonl')], { as: 'guardduty' });
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['guardduty', 'imported_with_rejects', 6, 1, 5]);
  const rejects = await rowsOf(c, 'SELECT CAST(ordinal AS INTEGER) AS n, reason, left(raw, 20) AS raw FROM cairn_rejects ORDER BY ordinal');
  assert.deepEqual(rejects, [
    { n: 2, reason: 'line 2: not valid JSON', raw: '{"schemaVersion":"2.' },
    { n: 3, reason: 'line 3: not a JSON object', raw: '42' },
    { n: 4, reason: 'missing key type', raw: '{"schemaVersion":"2.' },
    { n: 5, reason: 'severity: not a number ("high")', raw: '{"schemaVersion":"2.' },
    { n: 6, reason: 'line 6: an EventBridge event that is not a GuardDuty finding (detail-type "Security Hub Findings - Imported")', raw: '{"version":"0","id":' },
  ]);
});

test('Security Hub: get-findings output, an EventBridge event of two findings, JSON lines; ASFF columns', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [SH]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  assert.equal(by.get('bad-findings.jsonl')!.status, 'needs_decision');
  const counts = [...by.entries()].filter(([n]) => /^(?!bad).*\.jsonl?$/.test(n!)).map(([name, f]) => [name, f.format, f.recordsRead, f.imported, f.rejected]);
  assert.deepEqual(counts.sort(), [
    ['aws-cli-example_get-findings-critical.json', 'securityhub', 1, 1, 0],
    ['aws-cli-example_get-findings.json', 'securityhub', 1, 1, 0],
    // One event, two findings: two records.
    ['eventbridge_securityhub-findings-imported.json', 'securityhub', 2, 2, 0],
    ['findings.jsonl', 'securityhub', 2, 2, 0],
  ]);
  assert.match(by.get('eventbridge_securityhub-findings-imported.json')!.reason!, /^Security Hub findings \(ASFF\): a JSON document of EventBridge events/);
  const ev = by.get('eventbridge_securityhub-findings-imported.json')!;
  const rows = await rowsOf(c, `SELECT _ordinal, severity."Label" AS label, severity."Normalized" AS norm, compliance."Status" AS status, workflow."Status" AS wf, recordstate,
      types[1] AS t, resource_ids, generatorid, CAST(updated_ts AS VARCHAR) AS updated, productfields->>'$.RuleId' AS rule, _unknown_fields
    FROM securityhub_findings WHERE _evidence_id = ${ev.evidenceId} ORDER BY _ordinal`);
  assert.deepEqual(rows.map((r) => [r._ordinal, r.label, r.norm, r.status, r.wf, r.recordstate, r.rule, r.updated]), [
    [1n, 'INFORMATIONAL', 0, 'PASSED', 'NEW', 'ARCHIVED', null, '2020-06-02 14:02:52.397'],
    [2n, 'CRITICAL', 90, 'FAILED', 'NOTIFIED', 'ACTIVE', '1.13', '2020-06-09 08:16:36.43'],
  ]);
  assert.deepEqual(rows[1]!.resource_ids, ['AWS::::Account:123456789012']);
  assert.equal(rows[1]!.t, 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
  // get-findings' NextToken is not a finding: it is the wrapper's, not kept as a row or an unknown field.
  assert.equal((await rowsOf(c, 'SELECT count(*) AS n FROM securityhub_findings WHERE _unknown_fields IS NOT NULL'))[0]!.n, 0n);
});

test('Security Hub bad input: an event\'s findings are accounted one by one; an event of no findings is none', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SH, 'bad-findings.jsonl')], { as: 'securityhub' });
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['securityhub', 'imported_with_rejects', 6, 1, 5]);
  const rejects = await rowsOf(c, 'SELECT CAST(ordinal AS INTEGER) AS n, reason FROM cairn_rejects ORDER BY ordinal');
  assert.deepEqual(rejects, [
    { n: 2, reason: 'line 1: not a JSON object' },
    { n: 3, reason: 'missing key ProductArn' },
    { n: 4, reason: 'line 2: not valid JSON' },
    { n: 5, reason: 'Confidence: not an integer ("very")' },
    { n: 6, reason: 'line 4: an EventBridge event without Security Hub findings (detail-type "GuardDuty Finding", no detail.findings list)' },
  ]);
});

test('a GuardDuty export of 12,000 findings imports within the importer\'s memory (each path a finding names is read from one parse)', async () => {
  const c = await newCase();
  const dir = tempDir();
  const finding = JSON.parse(readFileSync(join(GD, 'export-findings.jsonl'), 'utf8').split('\n')[1]!) as Record<string, unknown>;
  const n = 12_000;
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ ...finding, id: `bulk${String(i).padStart(28, '0')}`, updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString() }));
  writeFileSync(join(dir, 'findings.jsonl'), lines.join('\n') + '\n');
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.imported, f?.rejected], ['guardduty', 'imported', n, 0], f?.reason ?? '');
  const [row] = await rowsOf(c, 'SELECT count(*) AS n, count(DISTINCT id) AS ids, count(resource_type) AS typed, min(remote_ip) AS ip FROM guardduty_findings');
  assert.deepEqual([Number(row!.n), Number(row!.ids), Number(row!.typed)], [n, n, n]);
  assert.equal(row!.ip, (finding as { service: { action: { networkConnectionAction?: { remoteIpDetails: { ipAddressV4: string } }; awsApiCallAction?: { remoteIpDetails: { ipAddressV4: string } } } } })
    .service.action.networkConnectionAction?.remoteIpDetails.ipAddressV4 ?? (finding as { service: { action: { awsApiCallAction: { remoteIpDetails: { ipAddressV4: string } } } } }).service.action.awsApiCallAction.remoteIpDetails.ipAddressV4);
});
