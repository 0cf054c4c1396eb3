import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import type { ReportModel } from '../../../shared/types';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';

const cairn = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin', 'cairn.js'), ...args], { encoding: 'utf8' });

test('cairn finding add → cairn report: the finding, its query and parameters reach the report; the sidecar verifies', () => {
  const caseDir = join(tempDir(), 'case');
  assert.equal(cairn('import', '--case', caseDir, '--quiet', join(SAMPLES, 'cloudtrail')).status, 0);
  const added = cairn('finding', 'add', '--case', caseDir, '--title', 'Trail stopped', '--severity', 'high', '--tag', 'defense-evasion', '--tag', 'cloudtrail',
    '--note', 'From the triage script.', '--json', '--param', 'name=StopLogging',
    '--sql', 'SELECT eventname, useridentity.arn AS arn, event_ts, _evidence_id, _ordinal FROM cloudtrail WHERE eventname = $name');
  assert.equal(added.status, 0, added.stderr);
  const f = JSON.parse(added.stdout) as { id: number; rows: number; rowsWithoutProvenance: number; tags: string[] };
  assert.equal(f.rows, 2); // the two public StopLogging samples
  assert.equal(f.rowsWithoutProvenance, 0);
  assert.deepEqual(f.tags.sort(), ['cloudtrail', 'defense-evasion']);

  assert.equal(cairn('finding', 'add', '--case', caseDir, '--title', 'x', '--severity', 'urgent', '--sql', 'SELECT 1').status, 2);
  assert.equal(cairn('finding', 'add', '--case', caseDir, '--title', 'x', '--sql', 'SELECT * FROM range(10001)').status, 2);

  const out = join(tempDir(), 'report.json');
  const r = cairn('report', '--case', caseDir, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(out);
  assert.equal(readFileSync(`${out}.sha256`, 'utf8'), `${createHash('sha256').update(bytes).digest('hex')}  report.json\n${createHash('sha256').update(readFileSync(`${out}.manifest.csv`)).digest('hex')}  report.json.manifest.csv\n`);
  const model = JSON.parse(bytes.toString()) as ReportModel;
  const ajv = new Ajv();
  assert.ok(ajv.validate(JSON.parse(readFileSync(join(REPO, 'docs', 'report-schema.json'), 'utf8')) as object, model), ajv.errorsText(ajv.errors));
  assert.equal(model.findings.length, 1);
  assert.deepEqual(model.findings[0]!.queries[0]!.params, { name: 'StopLogging' });
  assert.equal(model.findings[0]!.notes[0]!.body, 'From the triage script.');
  assert.ok(model.timeline.every((e) => e.action === 'StopLogging'));

  const html = join(tempDir(), 'report.html');
  assert.equal(cairn('report', '--case', caseDir, '--out', html).status, 0);
  assert.match(readFileSync(html, 'utf8'), /Finding 1: Trail stopped/);
  assert.equal(cairn('report', '--case', caseDir, '--out', join(tempDir(), 'report.docx')).status, 2);
  assert.match(cairn('help').stdout, /cairn report --case DIR --out FILE\.\(html\|pdf\|md\|json\)/);
});
