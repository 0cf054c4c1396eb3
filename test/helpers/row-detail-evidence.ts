// A small CloudTrail trail whose neighbourhoods are known: alice and bob around 10:00 UTC from 8.8.8.8 and
// 1.1.1.1, one of alice's events 20 minutes later, a field outside the table's schema and a NULL error code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ALICE = 'arn:aws:iam::111122223333:user/alice';
export const BOB = 'arn:aws:iam::111122223333:user/bob';
/** A field CloudTrail's table has no column for: only the whole event shows it. */
export const EXTRA_FIELD = 'cairnExtraField';
export const EXTRA_VALUE = '<img src=x onerror=window.__pwned=9>';

interface Spec { id: string; time: string; who: string; ip: string; name: string; error?: string }

export const EVENTS: Spec[] = [
  { id: 'ev-a1', time: '2024-05-01T10:00:00Z', who: ALICE, ip: '8.8.8.8', name: 'ListBuckets' },
  { id: 'ev-b1', time: '2024-05-01T10:01:00Z', who: BOB, ip: '8.8.8.8', name: 'ConsoleLogin', error: 'Failed authentication' },
  { id: 'ev-b2', time: '2024-05-01T10:02:00Z', who: BOB, ip: '1.1.1.1', name: 'GetObject' },
  { id: 'ev-a2', time: '2024-05-01T10:03:00Z', who: ALICE, ip: '1.1.1.1', name: 'GetObject' },
  { id: 'ev-a3', time: '2024-05-01T10:04:00Z', who: ALICE, ip: '1.1.1.1', name: 'GetObject' },
  { id: 'ev-a4', time: '2024-05-01T10:20:00Z', who: ALICE, ip: '8.8.8.8', name: 'DeleteBucket' },
];

function record(e: Spec, k: number): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: `AIDA-${e.who.split('/')[1]}`, arn: e.who, accountId: '111122223333', userName: e.who.split('/')[1],
      sessionContext: { sessionIssuer: { type: 'Role', arn: `${e.who}-issuer` } } },
    eventTime: e.time, eventSource: 's3.amazonaws.com', eventName: e.name, awsRegion: 'us-east-1', sourceIPAddress: e.ip,
    userAgent: 'aws-cli/2', ...(e.error ? { errorCode: e.error } : {}),
    requestParameters: { bucketName: `bucket-${k}`, filter: { level1: { level2: { level3: { level4: 'deep value' } } } } },
    responseElements: null, requestID: `req-${k}`, eventID: e.id, eventType: 'AwsApiCall', recipientAccountId: '111122223333',
    [EXTRA_FIELD]: EXTRA_VALUE,
  };
}

/** Writes the trail into dir/trail.json and returns the folder. */
export function writeRowDetailTrail(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: EVENTS.map(record) }));
  return dir;
}
