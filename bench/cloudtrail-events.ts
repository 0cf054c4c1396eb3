// The API calls benchmark CloudTrail records are made of: event source and name, the shape of
// requestParameters/responseElements (which differ per API, as in real trails), resources, and how often
// each call is denied. Weights roughly follow a busy production account: reads dominate, writes are rare.
import type { Rng } from './rng';

export interface Call {
  source: string;
  name: string;
  weight: number;
  readOnly: boolean;
  category?: 'Management' | 'Data';
  /** errorCode used when the call is denied. */
  denied?: string;
  request(rng: Rng, c: Ctx): unknown;
  response?(rng: Rng, c: Ctx): unknown;
  resources?(rng: Rng, c: Ctx): { accountId?: string; type: string; ARN: string }[];
  additional?(rng: Rng, c: Ctx): unknown;
}

export interface Ctx { account: string; region: string; time: string }

const BUCKETS = ['orders-prod-data', 'cairn-bench-logs', 'finance-reports-2024', 'ml-training-sets', 'static-site-assets'];
const KEYS = ['2024/03/report.csv', 'exports/customers.parquet', 'index.html', 'models/v3/weights.bin', 'raw/events-000123.json.gz'];
const TYPES = ['t3.micro', 't3.large', 'm6i.xlarge', 'c7g.2xlarge'];
const kmsKey = (rng: Rng, c: Ctx): string => `arn:aws:kms:${c.region}:${c.account}:key/${rng.pick(['1c3d5e7f-0a2b-4c6d-8e0f-1a2b3c4d5e6f', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'])}`;
const instanceId = (rng: Rng): string => `i-0${rng.hex(16)}`;
const sg = (rng: Rng): string => `sg-0${rng.hex(16)}`;

export const CALLS: Call[] = [
  { source: 'ec2.amazonaws.com', name: 'DescribeInstances', weight: 120, readOnly: true, denied: 'Client.UnauthorizedOperation',
    request: (rng) => ({ instancesSet: rng.chance(0.3) ? { items: [{ instanceId: instanceId(rng) }] } : {}, filterSet: {} }) },
  { source: 'ec2.amazonaws.com', name: 'DescribeSecurityGroups', weight: 40, readOnly: true,
    request: (rng) => ({ securityGroupSet: {}, securityGroupIdSet: { items: [{ groupId: sg(rng) }] }, filterSet: {} }) },
  { source: 'ec2.amazonaws.com', name: 'RunInstances', weight: 3, readOnly: false, denied: 'Client.UnauthorizedOperation',
    request: (rng) => ({ instancesSet: { items: [{ imageId: `ami-0${rng.hex(16)}`, minCount: 1, maxCount: rng.int(1, 3) }] }, instanceType: rng.pick(TYPES), blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false, clientToken: rng.uuid() }),
    response: (rng, c) => ({ requestId: rng.uuid(), reservationId: `r-0${rng.hex(16)}`, ownerId: c.account, groupSet: {}, instancesSet: { items: [{ instanceId: instanceId(rng), instanceType: rng.pick(TYPES), currentState: { code: 0, name: 'pending' }, privateIpAddress: `10.0.${rng.int(0, 31)}.${rng.int(4, 250)}` }] } }) },
  { source: 'ec2.amazonaws.com', name: 'AuthorizeSecurityGroupIngress', weight: 1.5, readOnly: false, denied: 'Client.UnauthorizedOperation',
    request: (rng) => ({ groupId: sg(rng), ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: rng.pick([22, 443, 3389, 5432]), toPort: rng.pick([22, 443, 3389, 5432]), ipRanges: { items: [{ cidrIp: rng.pick(['0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24']) }] } }] } }),
    response: (rng) => ({ requestId: rng.uuid(), _return: true, securityGroupRuleSet: { items: [{ securityGroupRuleId: `sgr-0${rng.hex(16)}`, isEgress: false }] } }) },
  { source: 's3.amazonaws.com', name: 'GetObject', weight: 90, readOnly: true, category: 'Data', denied: 'AccessDenied',
    request: (rng) => ({ bucketName: rng.pick(BUCKETS), Host: `${rng.pick(BUCKETS)}.s3.amazonaws.com`, key: rng.pick(KEYS) }),
    resources: (rng, c) => { const b = rng.pick(BUCKETS); return [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${rng.pick(KEYS)}` }, { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }]; },
    additional: (rng) => ({ SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': rng.hex(40), bytesTransferredOut: rng.int(200, 5_000_000) }) },
  { source: 's3.amazonaws.com', name: 'PutObject', weight: 25, readOnly: false, category: 'Data', denied: 'AccessDenied',
    request: (rng) => ({ bucketName: rng.pick(BUCKETS), Host: `${rng.pick(BUCKETS)}.s3.amazonaws.com`, key: rng.pick(KEYS), 'x-amz-server-side-encryption': 'aws:kms' }),
    response: (rng) => ({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-version-id': rng.hex(32) }),
    resources: (rng, c) => { const b = rng.pick(BUCKETS); return [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${rng.pick(KEYS)}` }, { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` }]; } },
  { source: 's3.amazonaws.com', name: 'ListBuckets', weight: 8, readOnly: true, denied: 'AccessDenied',
    request: () => ({ Host: 's3.amazonaws.com' }) },
  { source: 's3.amazonaws.com', name: 'PutBucketPolicy', weight: 0.5, readOnly: false, denied: 'AccessDenied',
    request: (rng) => ({ bucketName: rng.pick(BUCKETS), bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${rng.pick(BUCKETS)}/*` }] }, policy: '' }) },
  { source: 'kms.amazonaws.com', name: 'Decrypt', weight: 70, readOnly: true, denied: 'AccessDenied',
    request: () => ({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${BUCKETS[0]}/data` } }),
    resources: (rng, c) => [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: kmsKey(rng, c) }] },
  { source: 'kms.amazonaws.com', name: 'GenerateDataKey', weight: 30, readOnly: true,
    request: (rng, c) => ({ keyId: kmsKey(rng, c), keySpec: 'AES_256', encryptionContext: { 'aws:lambda:FunctionArn': `arn:aws:lambda:${c.region}:${c.account}:function:orders-api` } }),
    resources: (rng, c) => [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: kmsKey(rng, c) }] },
  { source: 'sts.amazonaws.com', name: 'AssumeRole', weight: 35, readOnly: true, denied: 'AccessDenied',
    request: (rng, c) => ({ roleArn: `arn:aws:iam::${c.account}:role/${rng.pick(['app-ec2-role', 'lambda-orders-exec', 'OrganizationAccountAccessRole'])}`, roleSessionName: `s-${rng.hex(10)}`, durationSeconds: rng.pick([900, 3600, 43200]) }),
    response: (rng, c) => ({ credentials: { accessKeyId: `ASIA${rng.upper(16)}`, sessionToken: rng.hex(120), expiration: 'Mar 2, 2024, 1:00:00 AM' }, assumedRoleUser: { assumedRoleId: `AROA${rng.upper(17)}:s-${rng.hex(10)}`, arn: `arn:aws:sts::${c.account}:assumed-role/app-ec2-role/s-${rng.hex(10)}` } }),
    resources: (rng, c) => [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${c.account}:role/app-ec2-role` }] },
  { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', weight: 15, readOnly: true, request: () => null },
  { source: 'iam.amazonaws.com', name: 'ListUsers', weight: 6, readOnly: true, denied: 'AccessDenied', request: () => ({ maxItems: 100 }) },
  { source: 'iam.amazonaws.com', name: 'CreateAccessKey', weight: 0.4, readOnly: false, denied: 'AccessDenied',
    request: (rng) => ({ userName: rng.pick(['alice', 'bob', 'ci-deploy', 'mallory-temp']) }),
    response: (rng) => ({ accessKey: { accessKeyId: `AKIA${rng.upper(16)}`, status: 'Active', userName: 'ci-deploy', createDate: 'Mar 1, 2024, 10:00:00 AM' } }) },
  { source: 'iam.amazonaws.com', name: 'AttachRolePolicy', weight: 0.3, readOnly: false, denied: 'AccessDenied',
    request: (rng) => ({ roleName: rng.pick(['app-ec2-role', 'lambda-orders-exec']), policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }) },
  { source: 'signin.amazonaws.com', name: 'ConsoleLogin', weight: 1, readOnly: false,
    request: () => null, response: (rng) => ({ ConsoleLogin: rng.chance(0.9) ? 'Success' : 'Failure' }),
    additional: (rng) => ({ LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: rng.chance(0.8) ? 'Yes' : 'No' }) },
  { source: 'logs.amazonaws.com', name: 'CreateLogStream', weight: 15, readOnly: false,
    request: (rng) => ({ logGroupName: `/aws/lambda/${rng.pick(['orders-ingest', 'orders-api', 'orders-report'])}`, logStreamName: `2024/03/01/[$LATEST]${rng.hex(32)}` }) },
  { source: 'lambda.amazonaws.com', name: 'GetFunction20150331v2', weight: 5, readOnly: true,
    request: (rng) => ({ functionName: rng.pick(['orders-ingest', 'orders-api', 'orders-report']) }) },
  { source: 'ssm.amazonaws.com', name: 'GetParameter', weight: 18, readOnly: true, denied: 'AccessDenied',
    request: (rng) => ({ name: rng.pick(['/prod/db/password', '/prod/api/token', '/shared/feature-flags']), withDecryption: true }) },
  { source: 'cloudtrail.amazonaws.com', name: 'LookupEvents', weight: 2, readOnly: true, request: (rng) => ({ maxResults: 50, lookupAttributes: [{ attributeKey: 'EventName', attributeValue: rng.pick(['ConsoleLogin', 'CreateAccessKey']) }] }) },
  { source: 'cloudtrail.amazonaws.com', name: 'StopLogging', weight: 0.05, readOnly: false, denied: 'AccessDenied',
    request: (_rng, c) => ({ name: `arn:aws:cloudtrail:${c.region}:${c.account}:trail/org-trail` }) },
];
