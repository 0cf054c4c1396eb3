import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { canonicalSnapshot } from '../../../electron/core/findings/row-snapshot';
import type { Finding, ReportExport, ReportModel } from '../../../shared/types';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';
import { caseWithEvidence } from '../../helpers/findings-harness';

const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'report-schema.json'), 'utf8')) as object;
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

test('the JSON report matches its schema, the manifest and the finding rows; the sidecar holds its hash', async (t) => {
  const { call, c } = await caseWithEvidence(t);
  const q = await call<{ queryId: string }>('query.run', { sql: 'SELECT eventname, useridentity, event_ts, _evidence_id, _ordinal FROM cloudtrail ORDER BY event_ts LIMIT 4' });
  await call<Finding>('finding.create', { queryId: q.queryId, rows: [0, 2, 3], title: 'Early activity', tags: ['triage'] });
  const noProv = await call<{ queryId: string }>('query.run', { sql: 'SELECT srcaddr, dstaddr, start FROM vpc_flow_logs LIMIT 1' });
  await call<Finding>('finding.create', { queryId: noProv.queryId, all: true, title: 'A flow' });
  await call('note.save', { body: 'Reviewed by *two* examiners.' });

  const r = await call<ReportExport>('report.export', { format: 'json', path: 'case.json' });
  assert.equal(r.path, join(c.dir, 'reports', 'case.json'));
  const bytes = readFileSync(r.path);
  const csv = readFileSync(r.manifestCsv.path);
  assert.equal(r.manifestCsv.path, join(c.dir, 'reports', 'case.json.manifest.csv'));
  assert.equal(readFileSync(r.sha256Path, 'utf8'), `${sha256(bytes)}  case.json\n${sha256(csv)}  case.json.manifest.csv\n`, 'the sidecar holds the report and its manifest CSV');
  assert.equal(r.sha256, sha256(bytes));
  assert.ok(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(bytes.toString('latin1')), 'the JSON report is plain ASCII');

  const model = JSON.parse(bytes.toString('utf8')) as ReportModel;
  const ajv = new Ajv({ allErrors: true });
  assert.ok(ajv.validate(schema, model), ajv.errorsText(ajv.errors));
  const manifest = c.forImport().store.evidence();
  assert.deepEqual(model.evidence.map((e) => [e.id, e.sha256, e.size]), manifest.map((e) => [e.id, e.sha256, e.size]));
  assert.equal(model.integrityProblems, 0);
  assert.ok(model.evidenceChecks.every((x) => x.status === 'verified' && x.actualSha256 === x.expectedSha256));
  assert.equal(model.findings.length, 2);
  for (const row of model.findings[0]!.rows) {
    assert.equal(row.provenance!.evidenceSha256, manifest.find((e) => e.id === row.provenance!.evidenceId)!.sha256);
    assert.equal(sha256(canonicalSnapshot(row.snapshot)), row.snapshotSha256, 'a snapshot hash recomputes from the JSON report');
  }
  assert.equal(model.findings[1]!.rowsWithoutProvenance, 1);
  assert.equal(model.timeline.length, 4);
  assert.equal(model.caseNotes.length, 1);
  assert.equal(model.audit.chainOk, true);
  assert.equal(model.audit.head?.length, 64);
  assert.ok(c.forImport().store.auditLog().some((e) => e.action === 'report.exported' && (e.detail as { sha256: string }).sha256 === r.sha256));

  const md = await call<ReportExport>('report.export', { format: 'md' });
  const text = readFileSync(md.path, 'utf8');
  for (const e of manifest) assert.ok(text.includes(e.sha256), `manifest hash of ${e.relPath} in the Markdown report`);
  assert.match(text, /1 row\(s\) carry no provenance/);
  for (const bad of ['../x.json', '/tmp/x.json', 'x.html']) assert.equal((await call('report.export', { format: 'json', path: bad }).catch((e: Error) => e)) instanceof Error, true, bad);
});

test('a changed or missing evidence file is flagged in every format, not hidden', async (t) => {
  const evidence = join(tempDir(), 'evidence');
  cpSync(join(SAMPLES, 'cloudtrail'), evidence, { recursive: true });
  const { call, c } = await caseWithEvidence(t, [evidence]);
  const files = c.forImport().store.evidence();
  const changed = files.find((f) => f.relPath.endsWith('StopLogging.json.cloudtrail'))!;
  const gone = files.find((f) => f.relPath.endsWith('cloudtrail.json') && f.id !== changed.id)!;
  appendFileSync(changed.originalPath, ' ');
  rmSync(gone.originalPath);

  const json = await call<ReportExport>('report.export', { format: 'json' });
  assert.equal(json.integrityProblems, 2);
  const byId = new Map(json.evidenceChecks.map((x) => [x.evidenceId, x]));
  assert.equal(byId.get(changed.id)!.status, 'mismatch');
  assert.equal(byId.get(changed.id)!.actualSha256, sha256(readFileSync(changed.originalPath)));
  assert.equal(byId.get(gone.id)!.status, 'missing');
  assert.equal(json.evidenceChecks.filter((x) => x.status === 'verified').length, files.length - 2);
  const model = JSON.parse(readFileSync(json.path, 'utf8')) as ReportModel;
  assert.equal(model.integrityProblems, 2);

  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html' })).path, 'utf8');
  assert.match(html, /class="alert"><strong>Evidence integrity: 2 file\(s\) could not be verified/);
  assert.match(html, new RegExp(`MISMATCH</span> #${changed.id} `));
  assert.match(html, new RegExp(`MISSING</span> #${gone.id} `));
  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md' })).path, 'utf8');
  assert.match(md, /EVIDENCE INTEGRITY: 2 file\(s\) could not be verified/);
  assert.match(md, new RegExp(`\\*\\*MISMATCH\\*\\* \\\\#${changed.id} `));
});
