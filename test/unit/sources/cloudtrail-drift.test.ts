// CloudTrail schema drift: an import lists, per file and per run, the keys its records hold that the table has
// no column for (top level, userIdentity and the objects it nests), in every layout the records come in; the
// file's reason (manifest, CLI, report) says so, and the records keep them in _raw.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { buildReportModel } from '../../../electron/core/report/report-model';
import { mayHaveDuplicateKeys } from '../../../electron/core/sources/cloudtrail/duplicate-keys';
import { driftScan } from '../../../electron/core/sources/cloudtrail/drift-keys';
import { runCli } from '../../helpers/cli';
import { newCase } from '../../helpers/case';
import { FIXTURES, tempDir } from '../../helpers/temp';

const DRIFT = join(FIXTURES, 'cloudtrail', 'drift');
const COMPACT = '111122223333_CloudTrail_us-east-1_20240305T1200Z_drift0001.json';
const DUPLICATE = '111122223333_CloudTrail_us-east-1_20240305T1200Z_drift0002.json';

test('every layout: the keys without a column are listed per file and per run, and kept in _raw', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [DRIFT]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  assert.deepEqual([...by.values()].map((f) => [f.format, f.status]), Array(4).fill(['cloudtrail', 'imported']));
  assert.deepEqual(by.get(COMPACT)?.unknownKeys, ['userIdentity.inScopeOf', 'userIdentity.sessionContext.ec2IssuedInVpc']);
  assert.deepEqual(by.get('drift-pretty.json')?.unknownKeys, ['userIdentity.identityProvider']);
  assert.deepEqual(by.get('logstash-reexport.jsonl')?.unknownKeys, ['@timestamp', '@version']);
  // The byte scan stops at a duplicate key; the rest of that record is still read.
  assert.deepEqual(by.get(DUPLICATE)?.unknownKeys, ['afterTheDuplicate', 'userIdentity.username']);
  assert.match(by.get(COMPACT)!.reason!, /(^|; )keys the table has no column for \(kept in _raw\): userIdentity\.inScopeOf, userIdentity\.sessionContext\.ec2IssuedInVpc$/);
  assert.deepEqual(s.unknownKeys, { cloudtrail: ['@timestamp', '@version', 'afterTheDuplicate', 'userIdentity.identityProvider', 'userIdentity.inScopeOf', 'userIdentity.sessionContext.ec2IssuedInVpc', 'userIdentity.username'] });
  // The manifest keeps the reason; the records keep the values.
  const manifest = c.manifest.evidence().find((f) => f.relPath.endsWith(COMPACT))!;
  assert.match(manifest.reason!, /userIdentity\.inScopeOf/);
  const raw = (await c.forImport().conn.runAndReadAll("SELECT _raw->>'$.userIdentity.sessionContext.ec2IssuedInVpc' AS v FROM cloudtrail WHERE eventid = 'drift-1'")).getRowObjectsJS();
  assert.deepEqual(raw, [{ v: 'vpc-0drift' }]);
  // The report's schema-drift table lists each file's keys.
  const drift = (await buildReportModel(c)).validation.schemaDrift;
  assert.deepEqual(drift.files.find((f) => f.relPath.endsWith(COMPACT))?.fields, ['userIdentity.inScopeOf', 'userIdentity.sessionContext.ec2IssuedInVpc']);
  assert.deepEqual(drift.files.map((f) => f.source), ['cloudtrail', 'cloudtrail', 'cloudtrail', 'cloudtrail']);
});

test('the CLI prints the run\'s drift', async () => {
  const root = tempDir();
  const r = await runCli(['import', '--case', join(root, 'case'), '--name', 'drift', '--examiner', 'tester', '--quiet', join(DRIFT, COMPACT)]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /\nschema drift: cloudtrail records hold 2 key\(s\) the table has no column for \(kept in _raw\): userIdentity\.inScopeOf, userIdentity\.sessionContext\.ec2IssuedInVpc\n/);
});

test('the scanner: known keys in any nesting are not drift; an escaped spelling of a known key is that key; arrays and JSON columns are free-form', () => {
  const scan = (record: string): string[] => {
    const found = new Set<string>();
    const b = Buffer.from(record);
    assert.equal(mayHaveDuplicateKeys(b, 0, b.length, driftScan(found)), false);
    return [...found].sort();
  };
  assert.deepEqual(scan('{"eventVersion":"1","userIdentity":{"type":"x","sessionContext":{"attributes":{"mfaAuthenticated":"true","newAttr":"1"}}}}'), ['userIdentity.sessionContext.attributes.newAttr']);
  assert.deepEqual(scan('{"event\\u0056ersion":"1","userIdentity":{"user\\u004eame":"x"}}'), []);
  assert.deepEqual(scan('{"eventVersion":"1","userIdentity":{"\\u0075sername":"x"}}'), ['userIdentity.username']);
  assert.deepEqual(scan('{"requestParameters":{"anything":{"deep":1}},"resources":[{"ARN":"a","other":1}],"EventName":"x"}'), ['EventName']);
});
