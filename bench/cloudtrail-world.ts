// The cast of a synthetic AWS estate for benchmark CloudTrail: accounts, regions, principals, addresses and
// user agents. Shapes follow real CloudTrail records (IAM users with access keys, SSO and instance-profile
// role sessions with sessionContext, AWS services acting on the account's behalf, the occasional root call).
import type { Rng } from './rng';

export const ACCOUNTS = ['111122223333', '444455556666'] as const;
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

/** An address the benchmark queries look for (attacker-ish activity in both CloudTrail and flow logs). */
export const SUSPECT_IP = '198.51.100.77';

export type Identity = Record<string, unknown>;

export interface Principal {
  kind: 'user' | 'role' | 'service' | 'root';
  weight: number;
  identity(rng: Rng, account: string, time: string): Identity;
  sourceIp(rng: Rng): string;
  userAgent(rng: Rng): string;
}

const PUBLIC_IPS = ['203.0.113.', '198.51.100.', '192.0.2.', '100.24.', '52.94.', '18.204.'];

export function publicIp(rng: Rng): string {
  const p = rng.pick(PUBLIC_IPS);
  return p.split('.').length === 4 ? p + rng.int(1, 254) : `${p}${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

const CLI = ['aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/', 'aws-cli/2.13.4 Python/3.11.4 Darwin/23.1.0 exe/x86_64 prompt/off command/'];
const SDKS = [
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'aws-sdk-go-v2/1.25.2 os/linux lang/go#1.21.6 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.1',
  'aws-sdk-java/2.21.29 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy',
  'Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.51.1 (go1.22.0; linux; amd64)',
];
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

function iamUser(name: string, weight: number, agents: string[], ips: (rng: Rng) => string): Principal {
  return {
    kind: 'user', weight,
    identity: (rng, account) => ({
      type: 'IAMUser', principalId: `AIDA${stableId(name + account, 17)}`, arn: `arn:aws:iam::${account}:user/${name}`,
      accountId: account, accessKeyId: rng.chance(0.85) ? `AKIA${stableId(name + account + 'k', 16)}` : `ASIA${rng.upper(16)}`, userName: name,
    }),
    sourceIp: ips, userAgent: (rng) => { const a = rng.pick(agents); return a.endsWith('command/') ? a + rng.pick(['ec2.describe-instances', 's3.ls', 'iam.list-users', 'sts.get-caller-identity']) : a; },
  };
}

function roleSession(role: string, weight: number, session: (rng: Rng) => string, agents: string[], ips: (rng: Rng) => string, mfa: string): Principal {
  return {
    kind: 'role', weight,
    identity: (rng, account, time) => {
      const roleId = `AROA${stableId(role + account, 17)}`;
      const s = session(rng);
      return {
        type: 'AssumedRole', principalId: `${roleId}:${s}`, arn: `arn:aws:sts::${account}:assumed-role/${role}/${s}`,
        accountId: account, accessKeyId: `ASIA${rng.upper(16)}`,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role.split('/').pop() },
          webIdFederationData: {},
          attributes: { creationDate: time.replace(/T(\d\d)/, (_m, h: string) => `T${String(Math.max(0, Number(h) - 1)).padStart(2, '0')}`), mfaAuthenticated: mfa },
          ...(role.includes('ec2') ? { ec2RoleDelivery: '2.0' } : {}),
        },
      };
    },
    sourceIp: ips, userAgent: (rng) => rng.pick(agents),
  };
}

const internalIp = (rng: Rng): string => `10.${rng.int(0, 3)}.${rng.int(0, 31)}.${rng.int(4, 250)}`;

export const PRINCIPALS: Principal[] = [
  iamUser('alice', 8, [...CLI, BROWSER], publicIp),
  iamUser('bob', 5, [...CLI, SDKS[0]!], publicIp),
  iamUser('ci-deploy', 10, [SDKS[3]!, SDKS[1]!], publicIp),
  iamUser('svc-backup', 4, [SDKS[2]!], internalIp),
  iamUser('mallory-temp', 1, [CLI[0]!, 'python-requests/2.31.0'], () => SUSPECT_IP),
  roleSession('aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_5d2f7a1c0e9b3a44', 10,
    (rng) => rng.pick(['alice@example.com', 'carol@example.com', 'dave@example.com']), [BROWSER, CLI[0]!], publicIp, 'true'),
  roleSession('app-ec2-role', 30, (rng) => `i-0${rng.hex(16)}`, [SDKS[1]!, SDKS[2]!], internalIp, 'false'),
  roleSession('lambda-orders-exec', 20, (rng) => rng.pick(['orders-ingest', 'orders-api', 'orders-report']), ['aws-sdk-nodejs/2.1553.0 linux/v18.19.1 exec-env/AWS_Lambda_nodejs18.x promise'], internalIp, 'false'),
  roleSession('OrganizationAccountAccessRole', 2, (rng) => `session-${rng.hex(8)}`, [CLI[1]!], publicIp, 'false'),
  {
    kind: 'service', weight: 9,
    identity: (rng) => ({ type: 'AWSService', invokedBy: rng.pick(['cloudtrail.amazonaws.com', 'autoscaling.amazonaws.com', 'config.amazonaws.com', 'lambda.amazonaws.com']) }),
    sourceIp: (rng) => rng.pick(['cloudtrail.amazonaws.com', 'autoscaling.amazonaws.com', 'config.amazonaws.com', 'lambda.amazonaws.com']),
    userAgent: (rng) => rng.pick(['cloudtrail.amazonaws.com', 'autoscaling.amazonaws.com', 'config.amazonaws.com', 'AWS Internal']),
  },
  {
    kind: 'root', weight: 0.2,
    identity: (_rng, account) => ({ type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: '' }),
    sourceIp: publicIp, userAgent: () => BROWSER,
  },
];

/** A repeatable id for a fixed name, so the same user keeps the same principal id across files. */
function stableId(seed: string, n: number): string {
  let h = 2166136261;
  let out = '';
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  for (let i = 0; out.length < n; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i % seed.length) ^ i, 16777619) >>> 0;
    out += A[h % 32];
  }
  return out;
}
