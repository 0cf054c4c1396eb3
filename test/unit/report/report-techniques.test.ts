// The report's ATT&CK section (#27): findings and rows per technique, from a finding's technique, its technique
// tags and the shipped hunting query that produced its rows; names only from the offline table; the same
// numbers in JSON, HTML, Markdown and the PDF; finding titles escaped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { libraryDefaults, parseLibraryQuery } from '../../../electron/core/query/query-library';
import type { Finding, ReportExport, ReportModel } from '../../../shared/types';
import { REPO } from '../../helpers/temp';
import { caseWithEvidence } from '../../helpers/findings-harness';

const HOSTILE_TITLE = '<script>alert(1)</script> keys | made';

test('ATT&CK techniques in the report: findings and rows per technique, in every format', async (t) => {
  const { call } = await caseWithEvidence(t);
  const three = await call<{ queryId: string }>('query.run', { sql: 'SELECT eventname, _evidence_id, _ordinal FROM cloudtrail ORDER BY event_ts, _evidence_id, _ordinal LIMIT 3' });
  const a = await call<Finding>('finding.create', { queryId: three.queryId, all: true, title: HOSTILE_TITLE, attack: 'T1078.004' });
  const b = await call<Finding>('finding.create', { queryId: three.queryId, rows: [0], title: 'Tagged', tags: ['attack.t1098.001', 'T1078.004', 'T1999.999', 'triage'] });
  const lib = parseLibraryQuery('ct-access-key-created', readFileSync(join(REPO, 'resources', 'queries', 'ct-access-key-created.sql'), 'utf8'));
  const key = await call<{ queryId: string }>('query.run', { sql: lib.sql, params: libraryDefaults(lib) });
  const c = await call<Finding>('finding.create', { queryId: key.queryId, all: true, title: 'Access key created (library query)' });
  const gone = await call<Finding>('finding.create', { queryId: three.queryId, rows: [1], title: 'Deleted', attack: 'T1110' });
  await call('finding.delete', { id: gone.id });
  assert.equal(c.rowCount, 1, 'the library query finds the sample access key');

  const json = await call<ReportExport>('report.export', { format: 'json', path: 'techniques.json' });
  const model = JSON.parse(readFileSync(json.path, 'utf8')) as ReportModel;
  const ajv = new Ajv({ allErrors: true });
  assert.ok(ajv.validate(JSON.parse(readFileSync(join(REPO, 'docs', 'report-schema.json'), 'utf8')) as object, model), ajv.errorsText(ajv.errors));
  assert.deepEqual(model.techniques.map((x) => [x.id, x.name, x.findings, x.rows, x.findingIds]), [
    ['T1078.004', 'Valid Accounts: Cloud Accounts', 2, 4, [a.id, b.id]],
    ['T1098.001', 'Account Manipulation: Additional Cloud Credentials', 2, 2, [b.id, c.id]],
    ['T1999.999', null, 1, 1, [b.id]],
  ]);

  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html', path: 'techniques.html' })).path, 'utf8');
  const section = html.slice(html.indexOf('id="techniques"'), html.indexOf('id="timeline"'));
  assert.match(section, /ATT&amp;CK techniques \(3\)/);
  assert.match(section, /T1078\.004<\/span><\/td><td>Valid Accounts: Cloud Accounts<\/td><td[^>]*>2<\/td><td[^>]*>4<\/td>/);
  assert.match(section, /not in the offline table/);
  assert.ok(section.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'a finding title is escaped');
  assert.ok(!/<script/i.test(section));

  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md', path: 'techniques.md' })).path, 'utf8');
  // Markdown escapes its punctuation (ATT\&CK, Accounts\:), so a title cannot open HTML, a link or a table cell.
  const mdSection = md.slice(md.indexOf('## ATT\\&CK techniques \\(3\\)'), md.indexOf('## Timeline'));
  assert.ok(mdSection.length > 0, 'the Markdown has the section before the timeline');
  assert.match(mdSection, /\| `T1078\.004` \| Valid Accounts\\: Cloud Accounts \| 2 \| 4 \|/);
  assert.match(mdSection, /\| `T1098\.001` \| Account Manipulation\\: Additional Cloud Credentials \| 2 \| 2 \|/);
  assert.ok(mdSection.includes('\\<script\\>alert\\(1\\)\\</script\\> keys'), 'a title is escaped');
  assert.ok(!mdSection.includes('T1110'), 'a deleted finding counts nowhere');

  const pdf = await call<ReportExport>('report.export', { format: 'pdf', path: 'techniques.pdf' });
  if (existsSync('/usr/bin/pdftotext')) {
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    assert.match(text, /ATT&CK techniques \(3\)/);
    assert.match(text, /T1078\.004\s+Valid Accounts: Cloud Accounts\s+2\s+4/);
  } else {
    t.diagnostic('pdftotext is not installed: the PDF text was not checked');
  }
});
