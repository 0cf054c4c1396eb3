import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ACCOUNT = '111122223333';
const ARN = `arn:aws:iam::${ACCOUNT}:user/mallory`;

function event(time: string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09', eventTime: time, eventSource: 'cloudtrail.amazonaws.com', eventName: name, awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9', userAgent: 'aws-cli', recipientAccountId: ACCOUNT, eventID: `${name}-${time}`,
    userIdentity: { type: 'IAMUser', arn: ARN, accountId: ACCOUNT, userName: 'mallory' }, ...extra,
  };
}

/**
 * A small world: CloudTrail for 2024-05-02 hours 00, 01 and 04 (02 and 03 empty), with the trail stopped at
 * 01:10 and started again at 04:05, a failed DeleteTrail, and VPC flow records in hours 00 and 02.
 */
export function coverageEvidence(root: string): void {
  const dir = join(root, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2024', '05', '02');
  mkdirSync(dir, { recursive: true });
  const trail = { name: 'main-trail' };
  const a = [event('2024-05-02T00:05:00Z', 'ListBuckets'), event('2024-05-02T00:50:00Z', 'GetObject'), event('2024-05-02T01:02:00Z', 'DescribeInstances'),
    event('2024-05-02T01:10:00Z', 'StopLogging', { requestParameters: trail })];
  const b = [event('2024-05-02T04:05:00Z', 'StartLogging', { requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main-trail` } }),
    event('2024-05-02T04:06:00Z', 'DeleteTrail', { requestParameters: trail, errorCode: 'AccessDenied', errorMessage: 'denied' }),
    event('2024-05-02T04:30:00Z', 'PutEventSelectors', { requestParameters: { trailName: 'main-trail', eventSelectors: [] } })];
  writeFileSync(join(dir, `${ACCOUNT}_CloudTrail_us-east-1_20240502T0100Z_aaaa.json`), JSON.stringify({ Records: a }));
  writeFileSync(join(dir, `${ACCOUNT}_CloudTrail_us-east-1_20240502T0410Z_bbbb.json`), JSON.stringify({ Records: b }));
  const flowDir = join(root, 'AWSLogs', ACCOUNT, 'vpcflowlogs', 'us-east-1', '2024', '05', '02');
  mkdirSync(flowDir, { recursive: true });
  const t0 = Date.parse('2024-05-02T00:10:00Z') / 1000;
  const t2 = Date.parse('2024-05-02T02:10:00Z') / 1000;
  writeFileSync(join(flowDir, `${ACCOUNT}_vpcflowlogs_us-east-1_fl-1_20240502T0000Z_cccc.log`),
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n' +
    `2 ${ACCOUNT} eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 1000 ${t0} ${t0 + 60} ACCEPT OK\n` +
    `2 ${ACCOUNT} eni-1 10.0.0.1 10.0.0.2 443 50001 6 10 1000 ${t2} ${t2 + 60} ACCEPT OK\n`);
}
