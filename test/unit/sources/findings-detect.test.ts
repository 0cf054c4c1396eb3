// Detection of GuardDuty and Security Hub findings: each form is claimed by its own format only, with the
// reason stated; look-alikes (an ASFF copy of a GuardDuty finding, a CloudTrail call to GuardDuty) are not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectSource } from '../../../electron/core/sources/registry';
import type { Probe } from '../../../electron/core/sources/source';
import { FIXTURES } from '../../helpers/temp';

function probe(text: string, name = 'x.json'): Probe {
  const head = Buffer.from(text);
  return { path: `/e/${name}`, relPath: name, name, head, compressed: false, size: head.length };
}
function format(text: string): string {
  const d = detectSource(probe(text));
  return 'detection' in d ? d.detection.format : 'unsupported' in d ? 'unsupported' : `needs a decision (${d.candidates.join(', ')})`;
}
const fixture = (dir: string, f: string): string => readFileSync(join(FIXTURES, dir, f), 'utf8');

test('every fixture form is its own format', () => {
  for (const f of ['aws-cli-example_get-findings.json', 'eventbridge_guardduty-finding.json', 'export-findings.jsonl', 'findings-array.json']) assert.equal(format(fixture('guardduty', f)), 'guardduty', f);
  for (const f of ['aws-cli-example_get-findings.json', 'aws-cli-example_get-findings-critical.json', 'eventbridge_securityhub-findings-imported.json', 'findings.jsonl']) {
    assert.equal(format(fixture('securityhub', f)), 'securityhub', f);
  }
});

test('look-alikes: an ASFF copy of a GuardDuty finding is Security Hub; a CloudTrail call to GuardDuty is CloudTrail; other JSON is neither', () => {
  const asff = JSON.stringify({ SchemaVersion: '2018-10-08', Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    GeneratorId: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1', AwsAccountId: '111122223333', ProductFields: { 'aws/guardduty/service/serviceName': 'guardduty' } });
  assert.equal(format(asff + '\n'), 'securityhub');
  const ct = JSON.stringify({ Records: [{ eventVersion: '1.08', eventTime: '2024-03-05T10:00:00Z', eventSource: 'guardduty.amazonaws.com', eventName: 'GetFindings',
    requestParameters: { detectorId: 'd1', findingIds: ['f1'] }, resources: [{ ARN: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1' }] }] });
  assert.equal(format(ct), 'cloudtrail');
  // schemaVersion 2.0 without a GuardDuty finding ARN, and an EventBridge event of another service.
  assert.equal(format('{"schemaVersion":"2.0","id":"x","arn":"arn:aws:s3:::b"}\n'), 'unsupported');
  assert.equal(format('{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{"state":"running"}}\n'), 'unsupported');
});

test('the stated reason names the form', () => {
  const d = detectSource(probe(fixture('guardduty', 'export-findings.jsonl'), 'f.jsonl'));
  assert.ok('detection' in d);
  assert.equal(d.detection.note, 'GuardDuty findings: JSON lines with schemaVersion 2.0 and a GuardDuty finding ARN');
  const s = detectSource(probe(fixture('securityhub', 'aws-cli-example_get-findings.json')));
  assert.ok('detection' in s);
  assert.equal(s.detection.note, 'Security Hub findings (ASFF): a JSON document with SchemaVersion 2018-10-08, ProductArn and AwsAccountId');
});
