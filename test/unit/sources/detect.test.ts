import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSource } from '../../../electron/core/sources/registry';

/** What the registry decides for some content: the winning format, or why none. */
function formatOf(content: string | Buffer, path = '/evidence/file'): string {
  const head = typeof content === 'string' ? Buffer.from(content) : content;
  const d = detectSource({ path, relPath: 'file', name: 'file', head, compressed: false, size: head.length });
  if ('unsupported' in d) return `unsupported: ${d.unsupported}`;
  return 'needsDecision' in d ? `needs decision: ${d.candidates.join(',')}` : d.detection.format;
}

const record = {
  eventVersion: '1.08', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' }, eventTime: '2024-07-31T13:06:24Z',
  eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.7',
  eventID: '6a7e2d3c-0000-4000-8000-000000000001', eventType: 'AwsApiCall', recipientAccountId: '111122223333',
};

test('CloudTrail is recognised in each of its layouts, with a BOM and leading whitespace too', () => {
  const compact = JSON.stringify({ Records: [record, record] });
  assert.equal(formatOf(compact), 'cloudtrail');
  assert.equal(formatOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n  ${JSON.stringify({ Records: [record] }, null, 2)}`)])), 'cloudtrail');
  assert.equal(formatOf(JSON.stringify([record])), 'cloudtrail');
  assert.equal(formatOf(`${JSON.stringify(record)}\n${JSON.stringify(record)}\n`), 'cloudtrail');
  assert.equal(formatOf(JSON.stringify({ Events: [{ CloudTrailEvent: JSON.stringify(record) }] })), 'cloudtrail');
  assert.equal(formatOf('{"Records":[]}'), 'cloudtrail');
  // Keys with whitespace before the colon still count; a key named only inside a value does not.
  assert.equal(formatOf(JSON.stringify({ Records: [record] }, null, 1).replace(/":/g, '" :')), 'cloudtrail');
  assert.notEqual(formatOf(JSON.stringify({ Records: [{ names: ['eventTime', 'eventName', 'eventSource', 'eventID', 'awsRegion'] }] })), 'cloudtrail');
});

test('look-alikes are not CloudTrail: digests are recorded as such, S3 event notifications are not events', () => {
  assert.equal(formatOf(JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2024-07-31T12:00:00Z', digestPublicKeyFingerprint: 'ab' })), 'cloudtrail-digest');
  // A trail file whose records mention a digest's keys is still a trail file.
  const digestLookAlike = { ...record, eventName: 'PutObject', requestParameters: { key: 'x', digestStartTime: '2024-07-31T12:00:00Z' } };
  assert.equal(formatOf(JSON.stringify({ Records: [digestLookAlike, record] })), 'cloudtrail');
  assert.equal(formatOf(`${JSON.stringify(digestLookAlike)}\n${JSON.stringify(record)}\n`), 'cloudtrail');
  assert.equal(formatOf(JSON.stringify(digestLookAlike, null, 2)), 'cloudtrail');
  const s3Notification = { Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: '2024-07-31T13:06:24Z', eventName: 'ObjectCreated:Put', userIdentity: { principalId: 'AWS:X' }, requestParameters: { sourceIPAddress: '198.51.100.7' } }] };
  assert.notEqual(formatOf(JSON.stringify(s3Notification)), 'cloudtrail');
});

test('flow logs and CSV are told apart from JSON by their first bytes', () => {
  assert.equal(formatOf('version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n2 111122223333 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 1700000000 1700000060 ACCEPT OK\n'), 'vpcflow');
  assert.equal(formatOf('2 111122223333 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 1700000000 1700000060 ACCEPT OK\n'), 'vpcflow');
  assert.equal(formatOf('a,b,c\n1,2,3\n4,5,6\n'), 'csv');
});
