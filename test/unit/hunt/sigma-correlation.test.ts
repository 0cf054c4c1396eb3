// Sigma 2 correlation documents (event_count, value_count, temporal, temporal_ordered; rules by name or id,
// group-by, aliases, ranges, chains, generate) run by `cairn hunt`: each fires exactly at the hand-computed
// events, and every one's hits equal the independent evaluation over the raw records (test/helpers/sigma-oracle.ts).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadAll } from 'js-yaml';
import { Case } from '../../../electron/core/case/case';
import { huntCase, type HuntSummary } from '../../../electron/core/hunt/hunt-case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { oracleCorrelationHits } from '../../helpers/sigma-oracle';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';

type Rec = Record<string, unknown>;
const LOGSOURCE = 'logsource: {product: aws, service: cloudtrail}';
const rule = (name: string, title: string, detection: string[], id?: string): string =>
  [`title: ${title}`, ...(id ? [`id: ${id}`] : []), `name: ${name}`, LOGSOURCE, 'detection:', ...detection.map((l) => `  ${l}`)].join('\n');
const correlation = (title: string, body: string[], extra: string[] = []): string => [`title: ${title}`, ...extra, 'correlation:', ...body.map((l) => `  ${l}`)].join('\n');

const FILES: Record<string, string[]> = {
  'mr_bursts.yml': [
    rule('describe_calls', 'Describe calls', ['sel: {eventName: DescribeInstances}', 'condition: sel']),
    correlation('Describe burst', ['type: event_count', 'rules: [describe_calls]', 'group-by: [sourceIPAddress]', 'timespan: 10m', 'condition: {gte: 3}'], ['level: high', 'tags: [attack.t1580]']),
    correlation('Describe pair', ['type: event_count', 'rules: [describe_calls]', 'group-by: [sourceIPAddress]', 'timespan: 10m', 'condition: {gt: 1, lte: 2}']),
  ],
  'mr_principals.yml': [
    rule('whoami', 'Caller identity', ['sel: {eventName: GetCallerIdentity}', 'condition: sel'], '2c0d0000-0000-4000-8000-000000000001'),
    correlation('Several principals from one address', ['type: value_count', 'rules: [2c0d0000-0000-4000-8000-000000000001]', 'group-by: [sourceIPAddress]', 'timespan: 1h', 'condition: {gte: 2, field: userIdentity.arn}']),
  ],
  'mr_temporal.yml': [
    rule('create_user', 'User created', ['sel: {eventName: CreateUser}', 'condition: sel']),
    rule('attach_policy', 'Policy attached', ['sel: {eventName: AttachUserPolicy}', 'condition: sel']),
    correlation('User made and given a policy', ['type: temporal', 'rules: [create_user, attach_policy]', 'group-by: [userIdentity.arn]', 'timespan: 5m']),
  ],
  'mr_ordered.yml': [
    rule('new_key', 'Access key created', ['sel: {eventName: CreateAccessKey}', 'condition: sel']),
    rule('trail_gone', 'Trail deleted', ['sel: {eventName: DeleteTrail}', 'condition: sel']),
    correlation('Key then trail deletion', ['type: temporal_ordered', 'rules: [new_key, trail_gone]', 'group-by: [sourceIPAddress]', 'timespan: 30m']),
  ],
  'mr_chain.yml': [
    correlation('Failures then a login', ['type: temporal_ordered', 'rules: [many_failures, console_success]', 'group-by: [userIdentity.arn]', 'timespan: 10m'], ['level: critical']),
    correlation('Many failures', ['type: event_count', 'rules: [console_failure]', 'group-by: [userIdentity.arn]', 'timespan: 10m', 'condition: {gte: 3}'], ['name: many_failures']),
    rule('console_failure', 'Console failure', ['sel: {eventName: ConsoleLogin, errorMessage: Failed authentication}', 'condition: sel']),
    rule('console_success', 'Console success', ['sel: {eventName: ConsoleLogin}', 'fail: {errorMessage: Failed authentication}', 'condition: sel and not fail']),
  ],
  'mr_alias.yml': [
    correlation('Created user logs in', ['type: temporal', 'rules: [user_created, user_login]', 'group-by: [actor]', 'timespan: 1h',
      'aliases:', '  actor:', '    user_created: requestParameters.userName', '    user_login: userIdentity.userName', 'generate: true']),
    rule('user_created', 'User created (alias)', ['sel: {eventName: CreateUser}', 'condition: sel']),
    rule('user_login', 'Console login (alias)', ['sel: {eventName: ConsoleLogin}', 'condition: sel']),
  ],
  'lone_describe.yml': [rule('lone_describe', 'Lone describe rule', ['sel: {eventName: DescribeInstances}', 'condition: sel'], '3d0d0000-0000-4000-8000-000000000001')],
  'mr_crossfile.yml': [
    correlation('Burst over another file\'s rule', ['type: event_count', 'rules: [3d0d0000-0000-4000-8000-000000000001]', 'group-by: [sourceIPAddress]', 'timespan: 10m', 'condition: {gte: 3}']),
  ],
  'mr_broken.yml': [
    correlation('Refers to nothing', ['type: event_count', 'rules: [no_such_rule]', 'group-by: [sourceIPAddress]', 'timespan: 1h', 'condition: {gte: 1}']),
    correlation('A sum', ['type: value_sum', 'rules: [describe_calls]', 'timespan: 1h', 'condition: {gte: 1}']),
    correlation('No timespan', ['type: temporal', 'rules: [describe_calls]', 'group-by: [sourceIPAddress]']),
  ],
};

/** Where each correlation must fire (event ids), worked out by hand from the events below. */
const EXPECTED: Record<string, string[]> = {
  'Describe burst': ['burst-a-2'],
  'Describe pair': ['burst-a-1', 'burst-b-1', 'burst-b-2'],
  'Several principals from one address': ['vc-c-1'],
  'User made and given a policy': ['tmp-u1-1'],
  'Key then trail deletion': ['ord-e-1'],
  'Failures then a login': ['chain-v1-ok'],
  'Created user logs in': ['al-m-1'],
  'Burst over another file\'s rule': ['burst-a-2'],
};

let summary: HuntSummary;
let corpus: Array<{ rec: Rec; raw: string }>;
let synthIds: Set<string>;

function events(base: Rec): Rec[] {
  const at = (hour: number, min: number): string => new Date(Date.UTC(2025, 2, 1, hour, min)).toISOString().replace('.000Z', 'Z');
  const ui = base.userIdentity as Rec;
  const e = (id: string, hour: number, min: number, name: string, ip: string, arn: string, more: Rec = {}): Rec => {
    const { userIdentity, ...rest } = more as { userIdentity?: Rec };
    return { ...base, eventID: id, eventTime: at(hour, min), eventName: name, sourceIPAddress: ip, userIdentity: { ...ui, arn, ...(userIdentity ?? {}) }, ...rest };
  };
  const u = (n: string): string => `arn:aws:iam::111122223333:user/${n}`;
  return [
    // event_count: A three within 2 minutes; B three 6 minutes apart (never three in 10 minutes).
    e('burst-a-0', 1, 0, 'DescribeInstances', '203.0.113.1', u('a')), e('burst-a-1', 1, 1, 'DescribeInstances', '203.0.113.1', u('a')),
    e('burst-a-2', 1, 2, 'DescribeInstances', '203.0.113.1', u('a')),
    e('burst-b-0', 1, 0, 'DescribeInstances', '203.0.113.2', u('b')), e('burst-b-1', 1, 6, 'DescribeInstances', '203.0.113.2', u('b')),
    e('burst-b-2', 1, 12, 'DescribeInstances', '203.0.113.2', u('b')),
    // value_count: C two principals, D one principal twice.
    e('vc-c-0', 4, 0, 'GetCallerIdentity', '198.51.100.3', u('x')), e('vc-c-1', 4, 30, 'GetCallerIdentity', '198.51.100.3', u('y')),
    e('vc-d-0', 4, 0, 'GetCallerIdentity', '198.51.100.4', u('x')), e('vc-d-1', 4, 10, 'GetCallerIdentity', '198.51.100.4', u('x')),
    // temporal: u1 policy then user within 5 minutes (any order counts); u2 10 minutes apart.
    e('tmp-u1-0', 7, 0, 'AttachUserPolicy', '192.0.2.5', u('u1')), e('tmp-u1-1', 7, 1, 'CreateUser', '192.0.2.5', u('u1')),
    e('tmp-u2-0', 7, 0, 'CreateUser', '192.0.2.6', u('u2')), e('tmp-u2-1', 7, 10, 'AttachUserPolicy', '192.0.2.6', u('u2')),
    // temporal_ordered: E key then trail; F trail then key (wrong order).
    e('ord-e-0', 10, 0, 'CreateAccessKey', '192.0.2.7', u('e')), e('ord-e-1', 10, 5, 'DeleteTrail', '192.0.2.7', u('e')),
    e('ord-f-0', 10, 0, 'DeleteTrail', '192.0.2.8', u('f')), e('ord-f-1', 10, 5, 'CreateAccessKey', '192.0.2.8', u('f')),
    // chain: v1 three failures then a login; v2 two failures then a login.
    ...[0, 1, 2].map((k) => e(`chain-v1-f${k}`, 13, k, 'ConsoleLogin', '192.0.2.9', u('v1'), { errorMessage: 'Failed authentication' })),
    e('chain-v1-ok', 13, 3, 'ConsoleLogin', '192.0.2.9', u('v1')),
    ...[0, 1].map((k) => e(`chain-v2-f${k}`, 13, k, 'ConsoleLogin', '192.0.2.10', u('v2'), { errorMessage: 'Failed authentication' })),
    e('chain-v2-ok', 13, 3, 'ConsoleLogin', '192.0.2.10', u('v2')),
    // aliases: mallory is created, then logs in as mallory; trent is created, walter logs in.
    e('al-m-0', 16, 0, 'CreateUser', '192.0.2.11', u('admin'), { requestParameters: { userName: 'mallory' } }),
    e('al-m-1', 16, 20, 'ConsoleLogin', '192.0.2.12', u('mallory'), { userIdentity: { userName: 'mallory' } }),
    e('al-t-0', 16, 0, 'CreateUser', '192.0.2.11', u('admin'), { requestParameters: { userName: 'trent' } }),
    e('al-w-1', 16, 20, 'ConsoleLogin', '192.0.2.13', u('walter'), { userIdentity: { userName: 'walter' } }),
  ];
}

function sampleRecords(): Rec[] {
  const dir = join(SAMPLES, 'cloudtrail');
  return readdirSync(dir).flatMap((f) => {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Rec[] | { Records: Rec[] };
    return Array.isArray(doc) ? doc : doc.Records;
  });
}

const docsOf = (): Rec[] => Object.values(FILES).flatMap((docs) => docs.flatMap((d) => loadAll(d) as Rec[]));

before(async () => {
  const root = tempDir();
  const { errorCode: _c, errorMessage: _m, userIdentity, ...rest } = sampleRecords().find((r) => r.eventName === 'ListBuckets')!;
  const { userName: _u, ...ui } = userIdentity as Rec;
  const synth = events({ ...rest, userIdentity: ui });
  synthIds = new Set(synth.map((r) => String(r.eventID)));
  mkdirSync(join(root, 'synth'));
  writeFileSync(join(root, 'synth', 'correlation-cloudtrail.json'), JSON.stringify({ Records: synth }));
  const rules = join(root, 'my-rules');
  mkdirSync(rules);
  for (const [name, docs] of Object.entries(FILES)) writeFileSync(join(rules, name), docs.join('\n---\n') + '\n');
  corpus = [...sampleRecords(), ...synth].map((rec) => ({ rec, raw: JSON.stringify(rec) }));
  const c = await Case.open(join(root, 'case'), { create: { name: 'correlations', examiner: 't' } });
  try {
    await importEvidence(c, [join(SAMPLES, 'cloudtrail'), join(root, 'synth')]);
    summary = await huntCase(c, { resourcesDir: join(REPO, 'resources'), ruleDirs: [rules], shipped: false });
  } finally {
    await c.close();
  }
});

const byTitle = (title: string) => summary.results.find((r) => r.title === title)!;

test('each correlation fires exactly at the hand-computed events, and as the independent evaluation says', () => {
  const docs = docsOf();
  for (const [title, want] of Object.entries(EXPECTED)) {
    const r = byTitle(title);
    assert.ok(r, `${title} has a result`);
    assert.equal(r.runnable, true, `${title}: ${r.reason}`);
    const got = r.rows.map((h) => h.eventId!).sort();
    // The public samples may fire a rule too (the Stratus detonations create users and attach policies).
    assert.deepEqual(got.filter((id) => synthIds.has(id)), [...want].sort(), title);
    assert.equal(r.hits, got.length, title);
    const oracle = oracleCorrelationHits(docs, docs.find((d) => d.title === title)!, corpus);
    assert.deepEqual([...oracle].sort(), got, `${title}: the oracle agrees`);
  }
  assert.equal(byTitle('Key then trail deletion').kind, 'temporal_ordered');
  assert.equal(byTitle('Several principals from one address').rows[0]!.windowCount, 2);
  assert.equal(byTitle('Describe burst').rows[0]!.groupValue, '203.0.113.1');
  assert.deepEqual(byTitle('Describe burst').techniques, ['T1580']);
});

test('referenced rules run only inside their correlation unless it says generate: true; broken ones say why', () => {
  const titles = summary.results.map((r) => r.title);
  for (const inner of ['Describe calls', 'Caller identity', 'Many failures', 'Console failure', 'Console success', 'User created', 'Trail deleted']) {
    assert.ok(!titles.includes(inner), `${inner} runs only as part of its correlation`);
  }
  assert.ok(byTitle('User created (alias)').runnable && byTitle('Console login (alias)').runnable, 'generate: true runs the referenced rules too');
  assert.equal(byTitle('Lone describe rule').hits, 6, 'a rule in a file of its own still runs when another file\'s correlation refers to it');
  assert.match(byTitle('Refers to nothing').reason ?? '', /refers to no_such_rule, which no rule file defines/);
  assert.match(byTitle('A sum').reason ?? '', /correlation type "value_sum" is not one Cairn runs/);
  assert.match(byTitle('No timespan').reason ?? '', /timespan null is not a number/);
  assert.ok(summary.results.every((r) => /mr_\w+\.yml#\d$|lone_describe\.yml$|mr_crossfile\.yml$/.test(r.file)), 'each document of a multi-document file is named file#n');
});
