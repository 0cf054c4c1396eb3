// Shared set-up for the query-library tests: one real case holding the hunting fixtures (and the public
// samples they build on), imported through the real import service, and a way to run a library query with
// its parameters the way the UI and CLI do (every value bound as text, optional ones as '').
import { join } from 'node:path';
import { after } from 'node:test';
import type { LibraryQuery } from '../../shared/api';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { loadQueryLibrary } from '../../electron/core/query/query-library';
import { REPO, SAMPLES, tempDir } from './temp';

export const QUERY_DIR = join(REPO, 'resources', 'queries');
export const HUNTING = join(REPO, 'test', 'fixtures', 'hunting');

/** The public samples the hunts use besides test/fixtures/hunting (StopLogging, DeleteTrail, ...). */
const SAMPLE_FILES = [
  'AssumeRole.json.cloudtrail', 'CreateAccessKey.json.cloudtrail', 'CreateLoginProfile.json.cloudtrail',
  'StopLogging.json.cloudtrail', 'RunInstances.json.cloudtrail',
  'aws.credential-access.ssm-retrieve-securestring-parameters.json', 'aws.defense-evasion.cloudtrail-delete.json',
  'aws.defense-evasion.cloudtrail-stop.json', 'aws.defense-evasion.organizations-leave.json',
  'aws.defense-evasion.vpc-remove-flow-logs.json', 'aws.initial-access.console-login-without-mfa.json',
  'aws.persistence.iam-create-admin-user.json', 'aws.persistence.iam-create-user-login-profile.json',
].map((f) => join(SAMPLES, 'cloudtrail', f));

/** Public samples of the other sources the hunts also find (WAF, Network Firewall, Lambda envelopes). */
const MORE_SAMPLES = [join(SAMPLES, 'waf'), join(SAMPLES, 'network_firewall'), join(SAMPLES, 'cloudwatch_lambda')];

export type Row = Record<string, string | null>;

export interface HuntingCase {
  case: Case;
  library: LibraryQuery[];
  /** Runs a library query; params not given take their default, or '' when they have none. */
  run(q: LibraryQuery, params?: Record<string, string>): Promise<Row[]>;
}

let shared: Promise<HuntingCase> | undefined;
// Registered when a test file imports this module, so the clean-up belongs to the file, not to one test.
const CASE_DIR = join(tempDir('cairn-hunting-'), 'case');
after(async () => {
  const h = await shared?.catch(() => undefined);
  await h?.case.close();
});

/** One case per test file: importing is the slow part and no test changes the evidence. */
export function huntingCase(): Promise<HuntingCase> {
  shared ??= open(CASE_DIR);
  return shared;
}

async function open(dir: string): Promise<HuntingCase> {
  const c = await Case.open(dir, { create: { name: 'hunting fixtures', examiner: 'tester' } });
  const summary = await importEvidence(c, [join(HUNTING, 'cloudtrail'), join(HUNTING, 'vpcflow'), join(HUNTING, 'alb'), join(HUNTING, 'elb'), join(HUNTING, 'nlb'), join(HUNTING, 'alb_connection'),
    ...['s3', 'route53', 'cloudfront', 'waf', 'network_firewall', 'cloudwatch', 'config', 'guardduty', 'securityhub', 'cloudfront_realtime'].map((d) => join(HUNTING, d)), ...SAMPLE_FILES, ...MORE_SAMPLES]);
  const failed = summary.files.filter((f) => f.status !== 'imported');
  if (failed.length > 0) throw new Error(`fixtures did not import: ${JSON.stringify(failed)}`);
  const engine = c.queries;
  const library = loadQueryLibrary(QUERY_DIR);
  return {
    case: c,
    library,
    async run(q, params = {}) {
      const values = Object.fromEntries(q.params.map((p) => [p.name, params[p.name] ?? p.default ?? '']));
      const first = await engine.run(q.sql, { params: values, pageSize: 10_000, timeoutMs: 60_000 });
      try {
        const page = first.done ? first : await engine.page(first.queryId, 0, 10_000);
        if (!page.done) throw new Error(`${q.id}: more than 10,000 rows from the fixtures`);
        return page.rows.map((r) => Object.fromEntries(page.columns.map((col, i) => [col.name.toLowerCase(), text(r[i])])));
      } finally {
        await engine.close(first.queryId);
      }
    },
  };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

/** A value for a required parameter that has no default, by kind, for "every query runs" checks. */
export function sampleValue(kind: string): string {
  switch (kind) {
    case 'ip': return '203.0.113.99';
    case 'cidr': return '203.0.113.0/24';
    case 'principal': return 'alice';
    case 'account': return '111122223333';
    case 'region': return 'us-east-1';
    case 'timestamp': return '2024-03-05T00:00:00Z';
    default: return 'x';
  }
}
