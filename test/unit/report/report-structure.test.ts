// The report's structure (#25) and its validation section (#26): findings lead, evidence is summarised, problems
// are listed in full, the per-file manifest is an appendix and a CSV hashed in the sidecar, the PDF stays short;
// examiner fields and chain of custody come from the case. Export speed is measured in bench/report-scale.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { generateSmallFiles } from '../../../bench/generate-small-files';
import { Rng } from '../../../bench/rng';
import { importEvidence } from '../../../electron/core/import/import-service';
import { LIMITS } from '../../../electron/core/report/report-document';
import { manifestCsv } from '../../../electron/core/report/manifest-csv';
import { placeOf } from '../../../electron/core/report/report-model';
import type { CustodyRecord, ExaminerDetails, Finding, ReportExport, ReportModel } from '../../../shared/types';
import { runCli } from '../../helpers/cli';
import { signedTrailEvidence } from '../../helpers/cloudtrail-digests';
import { REPO, SAMPLES, tempDir } from '../../helpers/temp';
import { caseWithEvidence } from '../../helpers/findings-harness';

const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'report-schema.json'), 'utf8')) as object;
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const SECTIONS = ['summary', 'findings', 'timeline', 'notes', 'evidence', 'problems', 'validation', 'audit', 'manifest'];
const MD_HEADINGS = ['## Executive summary', '## Findings', '## Timeline', '## Case notes', '## Evidence', '## Problems', '## Validation', '## Audit log', '## Appendix A'];

/** Asserts each needle occurs, in this order. */
function inOrder(text: string, needles: string[], what: string): void {
  let at = -1;
  for (const n of needles) {
    const k = text.indexOf(n, at + 1);
    assert.ok(k > at, `${what}: ${n} after the section before it`);
    at = k;
  }
}

function csvRows(path: string): string[] {
  return readFileSync(path, 'utf8').split('\r\n').filter((l) => l !== '');
}

test('a many-file case: findings lead, evidence is summarised, problems listed, the manifest is a CSV hashed in the sidecar, the PDF stays short', async (t) => {
  const data = tempDir('cairn-many-');
  const gen = generateSmallFiles(data, 240, new Rng(7), 100);
  const { call, c } = await caseWithEvidence(t, [data]);
  const q = await call<{ queryId: string }>('query.run', { sql: "SELECT eventtime, eventname, useridentity.arn, _evidence_id, _ordinal FROM cloudtrail WHERE eventname = 'ConsoleLogin' ORDER BY eventtime LIMIT 5" });
  await call<Finding>('finding.create', { queryId: q.queryId, all: true, title: 'Console logins', severity: 'high' });
  await call('note.save', { body: 'Case note.' });
  const manifest = c.manifest.evidence();
  assert.equal(manifest.length, gen.files);

  // The limit lowered so this case's manifest stays out of the human formats, as a 100k-file case's does.
  const keep = LIMITS.manifestRows;
  LIMITS.manifestRows = 100;
  t.after(() => { LIMITS.manifestRows = keep; });
  const json = await call<ReportExport>('report.export', { format: 'json', path: 'many.json' });
  const html = await call<ReportExport>('report.export', { format: 'html', path: 'many.html' });
  const md = await call<ReportExport>('report.export', { format: 'md', path: 'many.md' });
  const pdf = await call<ReportExport>('report.export', { format: 'pdf', path: 'many.pdf' });

  for (const r of [json, html, md, pdf]) {
    const rows = csvRows(r.manifestCsv.path);
    assert.equal(rows.length - 1, manifest.length, 'one CSV row per evidence file');
    assert.equal(r.manifestCsv.rows, manifest.length);
    const csvHash = sha256(readFileSync(r.manifestCsv.path));
    assert.equal(r.manifestCsv.sha256, csvHash);
    const side = readFileSync(r.sha256Path, 'utf8').split('\n');
    assert.equal(side[1], `${csvHash}  ${r.manifestCsv.path.split('/').pop()}`, 'the sidecar holds the CSV\'s hash');
    assert.equal(side[0], `${sha256(readFileSync(r.path))}  ${r.path.split('/').pop()}`);
  }
  const header = csvRows(json.manifestCsv.path)[0]!.split(',');
  const csvIds = csvRows(json.manifestCsv.path).slice(1).map((l) => Number(l.split(',')[0]));
  assert.deepEqual(csvIds, manifest.map((f) => f.id));
  assert.ok(header.includes('sha256') && header.includes('rehash_status'));

  const model = JSON.parse(readFileSync(json.path, 'utf8')) as ReportModel;
  const ajv = new Ajv({ allErrors: true });
  assert.ok(ajv.validate(schema, model), ajv.errorsText(ajv.errors));
  assert.equal(model.manifestCsv.sha256, json.manifestCsv.sha256, 'the report names its CSV\'s hash');
  assert.deepEqual(Object.keys(model).indexOf('findings') < Object.keys(model).indexOf('evidence'), true);
  assert.equal(model.evidenceSummary.reduce((n, g) => n + g.files, 0), manifest.length, 'the summary accounts for every file');
  assert.ok(model.evidenceSummary.every((g) => /^\d{12}$/.test(g.account) || g.account === '-'));
  assert.equal(new Set(model.evidenceSummary.map((g) => g.account)).size, 2);
  const failed = manifest.filter((f) => f.status === 'failed' || f.status === 'unsupported');
  assert.equal(failed.length, gen.problemFiles);
  for (const f of failed) assert.ok(model.problems.some((p) => p.evidenceId === f.id && p.kind === f.status), `problem listed: ${f.relPath}`);

  const page = readFileSync(html.path, 'utf8');
  inOrder(page, SECTIONS.map((s) => `id="${s}"`), 'HTML');
  assert.doesNotMatch(page, /<table class="manifest">/, 'past the limit the manifest is the CSV only');
  assert.ok(page.includes('many.html.manifest.csv') && page.includes(html.manifestCsv.sha256), 'the HTML names its CSV and the CSV\'s hash');
  for (const f of failed) assert.ok(page.includes(f.relPath), `HTML problems name ${f.relPath}`);
  const text = readFileSync(md.path, 'utf8');
  inOrder(text, MD_HEADINGS, 'Markdown');
  for (const f of failed) assert.ok(text.includes(f.relPath), `Markdown problems name ${f.relPath}`);

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' }))![1]);
  assert.ok(pages >= 2 && pages <= 20, `a ${manifest.length}-file case prints on a few pages (${pages})`);
  const byPage = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' }).split('\f');
  const pageOf = (s: string): number => byPage.findIndex((p) => p.includes(s));
  assert.ok(pageOf('Console logins') >= 0 && pageOf('Console logins') < pageOf('Appendix A'), 'findings come before the manifest appendix in the PDF');
  assert.ok(pageOf('Console logins') <= 2, 'findings start on the first pages');
});

test('below the limit the manifest appendix is a fixed-layout table, hashes unbroken on their own line, in HTML and Markdown', async (t) => {
  const { call, c } = await caseWithEvidence(t);
  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html' })).path, 'utf8');
  const appendix = html.slice(html.indexOf('id="manifest"'));
  assert.match(appendix, /<table class="manifest"><colgroup>/);
  assert.match(html, /table\.manifest \{ table-layout: fixed;/);
  assert.match(html, /table\.manifest \.hash \{[^}]*white-space: nowrap;/);
  for (const f of c.manifest.evidence()) assert.ok(appendix.includes(`<div class="hash">${f.sha256}</div>`), `${f.relPath}'s hash in the appendix`);
  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md' })).path, 'utf8');
  const mdAppendix = md.slice(md.indexOf('## Appendix A'));
  for (const f of c.manifest.evidence()) assert.ok(mdAppendix.includes(`\`${f.sha256}\``));
});

test('the validation section: examiner fields and chain of custody from the case, versions, rule pack, audit head, rejects and decisions', async (t) => {
  const evidence = tempDir('cairn-validation-');
  copyFileSync(join(REPO, 'test', 'fixtures', 'cloudtrail', 'lines-with-bad-line.jsonl'), join(evidence, 'lines.jsonl'));
  writeFileSync(join(evidence, 'flows.csv'), '10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n');
  const { call, c } = await caseWithEvidence(t, [join(SAMPLES, 'cloudtrail'), evidence]);
  const details = await call<ExaminerDetails>('case.setDetails', { qualifications: 'GCFA; 9 years <b>DFIR</b>', limitations: 'Only the **exported** logs were examined.', summary: 'Access keys were misused.' });
  assert.equal(details.name, 'tester');
  const rec = await call<CustodyRecord>('custody.add', { item: 'USB drive SN 4C53', path: join(SAMPLES, 'cloudtrail'), receivedFrom: 'ACME IT (R. Roe)', receivedAt: '2024-05-02T09:00:00Z', how: 'hand delivery, sealed bag 0042', receivedBy: 'tester' });
  assert.equal((await call<CustodyRecord[]>('custody.list', {})).length, 1);
  assert.throws(() => c.forImport().store.statement('UPDATE custody SET item = ? WHERE id = ?').run('other', rec.id), /append-only/);
  assert.throws(() => c.forImport().store.statement('DELETE FROM custody').run(), /append-only/);
  await assert.rejects(call('custody.add', { item: 'x', receivedFrom: '', receivedAt: 'now', how: 'x', receivedBy: 'x' }), /needs receivedFrom/);
  const undecided = c.manifest.evidence().find((f) => f.relPath === 'flows.csv')!;
  assert.equal(undecided.status, 'needs_decision');

  const before = await call<ReportExport>('report.export', { format: 'json' });
  const m1 = JSON.parse(readFileSync(before.path, 'utf8')) as ReportModel;
  assert.ok(m1.validation.decisions.pending.some((p) => p.evidenceId === undecided.id));
  assert.ok(m1.problems.some((p) => p.evidenceId === undecided.id && p.kind === 'needs_decision'));

  await importEvidence(c, [join(evidence, 'flows.csv')], { as: 'csv' });
  const r = await call<ReportExport>('report.export', { format: 'json' });
  const m = JSON.parse(readFileSync(r.path, 'utf8')) as ReportModel;
  const ajv = new Ajv({ allErrors: true });
  assert.ok(ajv.validate(schema, m), ajv.errorsText(ajv.errors));
  assert.deepEqual(m.examiner, { name: 'tester', qualifications: 'GCFA; 9 years <b>DFIR</b>', limitations: 'Only the **exported** logs were examined.', summary: 'Access keys were misused.' });
  const ctFiles = c.manifest.evidence().filter((f) => f.originalPath.startsWith(join(SAMPLES, 'cloudtrail') + '/'));
  assert.equal(m.custody[0]!.files, ctFiles.length);
  assert.equal(m.filesWithoutCustody, c.manifest.evidence().length - ctFiles.length);
  assert.deepEqual(m.validation.decisions.made.map((d) => [d.evidenceId, d.format, d.status]), [[undecided.id, 'csv', 'imported']]);
  assert.equal(m.validation.decisions.pending.length, 0);
  const lines = c.manifest.evidence().find((f) => f.relPath === 'lines.jsonl')!;
  assert.ok(lines.rejected > 0);
  const rj = m.validation.rejects.find((x) => x.evidenceId === lines.id)!;
  assert.equal(rj.rejected, lines.rejected, 'per-file rejects add up to the manifest');
  assert.ok(rj.reasons[0]!.firstLine !== null || rj.reasons[0]!.firstOrdinal !== null);
  const [queries, sigma] = m.validation.rulePacks;
  assert.deepEqual([queries!.folder, queries!.files], ['queries', readdirSync(join(REPO, 'resources', 'queries')).length]);
  assert.equal(sigma!.folder, 'sigma');
  assert.match(sigma!.upstream!, /^SigmaHQ\/sigma @ [0-9a-f]{40}$/);
  for (const r of [queries!, sigma!]) assert.match(r.sha256!, /^[0-9a-f]{64}$/);
  assert.equal(m.validation.cloudtrailDigests, null);
  assert.match(m.validation.digestsNote, /no CloudTrail digest files/);
  assert.equal(m.validation.coverage.data, null);
  assert.equal(m.validation.signature.data, null);
  assert.match(m.validation.schemaDrift.note, /VPC flow logs .* and CloudTrail/);
  // The chain head the report records is the hash of its last entry when the model was built (the export's own entry follows).
  const at = c.forImport().store.statement('SELECT hash FROM audit WHERE seq = ?').get(m.audit.entries) as { hash: string };
  assert.equal(m.audit.head, at.hash);
  assert.equal(m.audit.chainOk, true);
  assert.ok(m.audit.findingEntries.some((e) => e.action === 'custody.added') && m.audit.findingEntries.some((e) => e.action === 'case.details'));

  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html' })).path, 'utf8');
  assert.ok(html.includes('GCFA; 9 years &lt;b&gt;DFIR&lt;/b&gt;'), 'examiner text escaped');
  assert.ok(html.includes('<strong>exported</strong>'), 'limitations rendered as safe Markdown');
  assert.ok(html.includes('USB drive SN 4C53') && html.includes('hand delivery, sealed bag 0042') && html.includes('ACME IT (R. Roe)'));
  inOrder(html, ['id="validation"', 'Tool and versions', 'CloudTrail digests', 'Rejected records per file', 'Format decisions', 'Schema drift', 'Coverage and gaps', 'Audit chain head', 'Signature'], 'validation');
  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md' })).path, 'utf8');
  assert.ok(md.includes('USB drive SN 4C53') && md.includes('GCFA; 9 years \\<b\\>DFIR\\</b\\>'));
});

test('CloudTrail digests in the case are validated in the report', async (t) => {
  const root = tempDir('cairn-evidence-');
  signedTrailEvidence(root);
  const { call } = await caseWithEvidence(t, [root]);
  const r = await call<ReportExport>('report.export', { format: 'json' });
  const m = JSON.parse(readFileSync(r.path, 'utf8')) as ReportModel;
  const d = m.validation.cloudtrailDigests as { summary: Record<string, number> };
  assert.equal(d.summary.valid, 4);
  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html' })).path, 'utf8');
  assert.match(html, /Every digest and log file validated/);
});

test('cairn case set and cairn custody add record the examiner fields and custody the report shows', async () => {
  const caseDir = join(tempDir(), 'case');
  const ev = tempDir('cairn-evidence-');
  copyFileSync(join(SAMPLES, 'cloudtrail', 'cloudtrail.json'), join(ev, 'trail.json'));
  assert.equal((await runCli(['import', '--case', caseDir, '--examiner', 'J. Doe', '--quiet', ev])).code, 0);
  const limits = join(tempDir(), 'limits.md');
  writeFileSync(limits, 'No live systems were examined.\n');
  const set = await runCli(['case', 'set', '--case', caseDir, '--qualifications', 'CISSP', '--limitations-file', limits, '--json']);
  assert.equal(set.code, 0, set.err);
  assert.equal((JSON.parse(set.out) as ExaminerDetails).limitations, 'No live systems were examined.\n');
  const add = await runCli(['custody', 'add', '--case', caseDir, '--item', 'Export of trail X', '--from', 'ACME', '--at', '2024-05-02', '--how', 'SFTP, SHA-256 list attached', '--by', 'J. Doe', '--path', ev]);
  assert.equal(add.code, 0, add.err);
  assert.equal((await runCli(['custody', 'add', '--case', caseDir, '--item', 'x'])).code, 2, 'missing fields are a usage error');
  const out = join(tempDir(), 'r.json');
  const rep = await runCli(['report', '--case', caseDir, '--out', out]);
  assert.equal(rep.code, 0, rep.err);
  assert.ok(rep.out.includes(`${out}.manifest.csv`));
  const m = JSON.parse(readFileSync(out, 'utf8')) as ReportModel;
  assert.deepEqual([m.examiner.name, m.examiner.qualifications, m.custody[0]?.item, m.custody[0]?.files, m.filesWithoutCustody], ['J. Doe', 'CISSP', 'Export of trail X', 1, 0]);
  const check = execFileSync('sha256sum', ['-c', `${out}.sha256`], { cwd: join(out, '..'), encoding: 'utf8' });
  assert.match(check, /r\.json: OK\n.*r\.json\.manifest\.csv: OK/s);
});

test('account, region and day come from the S3 layout (organisation trails too); a path without it is "-"', () => {
  assert.deepEqual(placeOf({ relPath: 'x/AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2024/03/01/f.json.gz', originalPath: '/e/f.json.gz' }),
    { account: '111122223333', region: 'eu-west-1', day: '2024-03-01' });
  assert.deepEqual(placeOf({ relPath: 'AWSLogs/444455556666/vpcflowlogs/ap-southeast-2/2024/12/31/f.log.gz', originalPath: '' }),
    { account: '444455556666', region: 'ap-southeast-2', day: '2024-12-31' });
  assert.deepEqual(placeOf({ relPath: 'f.json', originalPath: 'C:\\evidence\\AWSLogs\\111122223333\\CloudTrail\\us-gov-west-1\\2024\\01\\02\\f.json' }),
    { account: '111122223333', region: 'us-gov-west-1', day: '2024-01-02' });
  assert.deepEqual(placeOf({ relPath: 'exports/trail.json', originalPath: '/evidence/exports/trail.json' }), { account: '-', region: '-', day: '-' });
});

test('the manifest CSV neutralises a file name a spreadsheet would run, and keeps numbers as numbers', () => {
  const f = { id: 7, sha256: 'a'.repeat(64), size: 12, mtime: '2024-01-01T00:00:00.000Z', originalPath: '/e/=HYPERLINK("http://x")', relPath: '=HYPERLINK("http://x")', compression: 'none' as const,
    uncompressedSize: null, format: null, status: 'unsupported' as const, reason: '@SUM(1)', recordsRead: 0, imported: 0, rejected: 0, tables: [], addedAt: '2024-01-01T00:00:00.000Z' };
  const csv = manifestCsv([f], [{ evidenceId: 7, relPath: f.relPath, originalPath: f.originalPath, expectedSha256: f.sha256, status: 'verified', actualSha256: f.sha256 }]);
  const [, row] = csv.split('\r\n');
  assert.ok(row!.startsWith(`7,"'=HYPERLINK(""http://x"")","/e/=HYPERLINK(""http://x"")",${f.sha256},12,`), row);
  assert.ok(row!.includes(",'@SUM(1),0,0,0,"), row);
});
