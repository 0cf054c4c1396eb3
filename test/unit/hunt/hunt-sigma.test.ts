// SigmaHQ's AWS rules run by `cairn hunt`: every rule runs or says why not; for every runnable rule, the hits
// Cairn's SQL finds equal an independent evaluation of the rule over the raw records (test/helpers/sigma-oracle.ts),
// on the public samples plus, per rule, synthesised records meant to match it and a negative control.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { huntCase, type HuntSummary } from '../../../electron/core/hunt/hunt-case';
import { STRUCT_PATHS } from '../../../electron/core/hunt/sigma/cloudtrail-fields';
import { importEvidence } from '../../../electron/core/import/import-service';
import { runCli } from '../../helpers/cli';
import { oracleHits, oracleRule, synthesise, type OracleRule } from '../../helpers/sigma-oracle';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';

const RESOURCES = join(REPO, 'resources');
type Rec = Record<string, unknown>;

/** Rules whose first search a generic synthesis cannot satisfy (a regular expression): a record written for them. */
const HAND_WRITTEN: Record<string, Rec> = {
  'aws_cloudtrail_imds_malicious_usage.yml': { userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc' }, eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', sourceIPAddress: '198.51.100.7' },
};

const NOT_RUNNABLE = new Map([
  ['aws_delete_saml_provider.yml', /field status is not a field of CloudTrail records/],
  ['aws_cloudtrail_console_login_success_from_susp_locations.yml', /\|expand/],
  ['aws_lambda_function_created_or_invoked.yml', /near/],
]);

function ruleFiles(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.isDirectory()) walk(join(d, n.name));
      else if (n.name.endsWith('.yml')) out.push({ name: n.name, text: readFileSync(join(d, n.name), 'utf8') });
    }
  };
  walk(join(RESOURCES, 'sigma'));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function sampleRecords(): Rec[] {
  const dir = join(SAMPLES, 'cloudtrail');
  // Most samples are bare arrays of records (Stratus Red Team detonations); cloudtrail.json is a delivered file.
  return readdirSync(dir).flatMap((f) => {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Rec[] | { Records: Rec[] };
    return Array.isArray(doc) ? doc : doc.Records;
  });
}

/** How many matching events a correlation needs to fire (count() > N: N + 1). */
function needed(rule: OracleRule): number {
  const m = /count\(\s*\)[^<>=]*(>=|>)\s*(\d+)/.exec(rule.condition);
  return m ? Number(m[2]) + (m[1] === '>' ? 1 : 0) : 1;
}

let summary: HuntSummary;
let corpus: Array<{ rec: Rec; raw: string }>;
let caseDir: string;
const rules = ruleFiles();

before(async () => {
  const root = tempDir();
  const { errorCode: _c, errorMessage: _m, ...base } = sampleRecords().find((r) => r.eventName === 'ListBuckets')!;
  const synth: Rec[] = [];
  rules.forEach(({ name, text }, i) => {
    const rule = oracleRule(text);
    const at = (k: number): string => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000 + k * 1000).toISOString().replace('.000Z', 'Z');
    // A legacy timeframe without a count is a temporal correlation: one event per search, a second apart.
    const temporal = rule.timeframe !== null && !rule.condition.includes('|');
    const positives = temporal
      ? rule.condition.split(/\s+and\s+/).map((s) => synthesise(rule, base, s.trim()))
      : Array.from({ length: needed(rule) }, () => ({ ...synthesise(rule, base), ...(HAND_WRITTEN[name] ?? {}) }));
    positives.forEach((p, k) => synth.push({ ...p, eventID: `pos-${i}-${k}`, eventTime: at(k) }));
    synth.push({ ...base, eventSource: 'negative.example.com', eventName: 'CairnNegativeControl', eventID: `neg-${i}`, eventTime: at(3000) });
  });
  const synthDir = join(root, 'synth');
  mkdirSync(synthDir);
  writeFileSync(join(synthDir, 'synthesised-cloudtrail.json'), JSON.stringify({ Records: synth }));
  corpus = [...sampleRecords(), ...synth].map((rec) => ({ rec, raw: JSON.stringify(rec) }));
  caseDir = join(root, 'case');
  const c = await Case.open(caseDir, { create: { name: 'hunt', examiner: 't' } });
  try {
    const imported = await importEvidence(c, [join(SAMPLES, 'cloudtrail'), synthDir]);
    assert.equal(imported.totals.imported, corpus.length, 'every record of the corpus is imported');
    summary = await huntCase(c, { resourcesDir: RESOURCES });
  } finally {
    await c.close();
  }
});

test('every shipped rule either runs or says why not; exactly the three known rules do not run', () => {
  assert.equal(summary.rules, 66, 'the 57 rules, 1 placeholder rule and 8 legacy rules are all read');
  const refused = summary.results.filter((r) => !r.runnable);
  assert.deepEqual(refused.map((r) => r.file.split('/').at(-1)).sort(), [...NOT_RUNNABLE.keys()].sort());
  for (const r of refused) assert.match(r.reason ?? '', NOT_RUNNABLE.get(r.file.split('/').at(-1)!)!, r.file);
});

test('for every runnable rule, Cairn\'s hits equal the independent evaluation over the raw records', () => {
  const problems: string[] = [];
  for (const { name, text } of rules) {
    const r = summary.results.find((x) => x.file.endsWith(`/${name}`))!;
    if (!r.runnable) continue;
    const want = oracleHits(oracleRule(text), corpus);
    const got = new Set(r.rows.map((h) => h.eventId!));
    if (r.hits !== want.size) problems.push(`${name}: ${r.hits} hits, the oracle ${want.size}`);
    else if ([...want].some((id) => !got.has(id))) problems.push(`${name}: different events (${[...want].filter((id) => !got.has(id)).slice(0, 3).join(', ')} missing)`);
    const i = rules.findIndex((x) => x.name === name);
    if (![...want].some((id) => id.startsWith(`pos-${i}-`))) problems.push(`${name}: its synthesised positive does not match (fixture needed)`);
    if (want.has(`neg-${i}`)) problems.push(`${name}: its negative control matches`);
  }
  assert.deepEqual(problems, []);
});

test('hits carry provenance, ATT&CK techniques with names where the offline table has them, and the hunt is audited', async () => {
  const mfa = summary.results.find((r) => r.file.endsWith('aws_cloudtrail_console_login_success_without_mfa.yml'))!;
  assert.ok(mfa.hits >= 1);
  assert.ok(mfa.rows.every((h) => Number.isInteger(h.evidenceId) && Number.isInteger(h.ordinal)));
  assert.deepEqual(mfa.techniqueNames, [{ id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' }]);
  const c = await Case.open(caseDir);
  try {
    const audit = c.auditLog().filter((e) => e.action === 'hunt.run');
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.detail as { hits: number }).hits, summary.hits);
  } finally {
    await c.close();
  }
});

test('cairn hunt prints hits and the rules it could not run; --rules adds an analyst folder, --format json', async () => {
  const mine = join(tempDir(), 'my-rules');
  mkdirSync(mine);
  writeFileSync(join(mine, 'root-list-buckets.yml'), [
    'title: Bucket listing by anyone', 'id: 00000000-0000-4000-8000-000000000001', 'level: low', 'tags: [attack.t1619]',
    'logsource: {product: aws, service: cloudtrail}', 'detection:', '  sel:', '    eventName|endswith: Buckets', '  condition: sel',
  ].join('\n'));
  writeFileSync(join(mine, 'broken.yml'), 'title: [unclosed');
  const table = await runCli(['hunt', '--case', caseDir, '--rules', mine]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /68 rules: 64 runnable, 4 not runnable/);
  assert.match(table.out, /Bucket listing by anyone/);
  assert.match(table.out, /broken\.yml +not YAML/);
  const json = await runCli(['hunt', '--case', caseDir, '--rules', mine, '--no-shipped', '--format', 'json']);
  const s = JSON.parse(json.out) as HuntSummary;
  assert.equal(s.rules, 2);
  assert.ok(s.results.find((r) => r.title === 'Bucket listing by anyone')!.hits >= 1);
});

test('every struct path the field map names binds against the cloudtrail table (the map follows the schema)', async () => {
  const c = await Case.open(caseDir);
  try {
    const unbound: string[] = [];
    await c.queries.generated(async (conn) => {
      for (const p of STRUCT_PATHS) {
        try { await conn.runAndReadAll(`SELECT t.${p} FROM evidence.main.cloudtrail AS t LIMIT 0`); } catch { unbound.push(p); }
      }
    });
    assert.deepEqual(unbound, []);
  } finally {
    await c.close();
  }
});

test('cairn hunt --accept records a rule\'s hits as a finding with provenance, severity and ATT&CK technique', async () => {
  const r = await runCli(['hunt', '--case', caseDir, '--accept', 'aws_cloudtrail_console_login_success_without_mfa', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as HuntSummary & { accepted: Array<{ finding: number }> };
  const mfa = out.results.find((x) => x.file.endsWith('aws_cloudtrail_console_login_success_without_mfa.yml'))!;
  assert.equal(out.accepted.length, 1);
  const c = await Case.open(caseDir);
  try {
    const f = c.findings.get(out.accepted[0]!.finding);
    assert.equal(f.title, 'AWS Successful Console Login Without MFA');
    assert.equal(f.severity, 'medium');
    assert.equal(f.attack, 'T1078.004');
    assert.equal(f.rowCount, mfa.hits);
    assert.equal(f.rowsWithoutProvenance, 0, 'every hit traces to its evidence file and record');
    assert.ok(f.tags.some((t) => t.name === 'sigma'));
  } finally {
    await c.close();
  }
  const none = await runCli(['hunt', '--case', caseDir, '--accept', 'no-such-rule']);
  assert.equal(none.code, 2);
});

test('cairn attack lists the findings\' techniques with names and writes an ATT&CK Navigator layer', async () => {
  const table = await runCli(['attack', '--case', caseDir]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /T1078\.004 +Valid Accounts: Cloud Accounts +1 /);
  const out = join(tempDir(), 'layer.json');
  const r = await runCli(['attack', '--case', caseDir, '--out', out]);
  assert.equal(r.code, 0, r.err);
  const layer = JSON.parse(readFileSync(out, 'utf8')) as { domain: string; versions: { layer: string }; techniques: Array<{ techniqueID: string; score: number }> };
  assert.equal(layer.domain, 'enterprise-attack');
  assert.equal(layer.versions.layer, '4.5');
  assert.deepEqual(layer.techniques.map((t) => [t.techniqueID, t.score]), [['T1078.004', 1]]);
  const again = await runCli(['attack', '--case', caseDir, '--out', out]);
  assert.notEqual(again.code, 0, 'an existing file is never overwritten');
});
