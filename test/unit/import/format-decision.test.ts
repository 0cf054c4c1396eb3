// The analyst's format choice for a file already in the manifest (import.start `as`, the workbench's "Import
// as…"): a file left for a decision keeps its candidates; importing it again with a choice imports it (not a
// duplicate), and the manifest row, the run's result and the audit entry say the format was chosen.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { buildReportModel } from '../../../electron/core/report/report-model';
import { renderHtml } from '../../../electron/core/report/report-to-html';
import { renderMarkdown } from '../../../electron/core/report/report-to-markdown';
import { suggestedFormats } from '../../../shared/evidence-manifest';
import { newCase, scalar } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

const HEADERLESS = '10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n';
const RTMP = '#Version: 1.0\n#Fields: date time x-edge-location c-ip x-event sc-bytes x-cf-status\n2014-12-01\t12:00:00\tSEA4\t192.0.2.1\tconnect\t2014\tOK\n';

test('a file needing a decision keeps its candidates, then is imported as the analyst chose, and says so', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, 'flows.csv'), HEADERLESS);
  const first = await importEvidence(c, [dir]);
  const store = c.forImport().store;
  const [row] = store.evidence();
  assert.equal(row?.status, 'needs_decision');
  assert.deepEqual(row.candidates?.map((k) => [k.format, k.label]), [['csv', 'CSV / delimited text']]);
  assert.match(row.candidates![0]!.note!, /no header/);
  assert.deepEqual(first.files[0]?.candidates, row.candidates);
  assert.deepEqual(suggestedFormats(row.reason), ['csv']); // what the page offers for rows kept before candidates were

  const chosen = await importEvidence(c, [join(dir, 'flows.csv')], { as: 'csv' });
  const f = chosen.files[0]!;
  assert.equal(f.status, 'imported', f.reason ?? '');
  assert.equal(f.evidenceId, row.id); // the same manifest row, not a duplicate
  assert.equal(f.chosenFormat, 'csv');
  assert.equal(chosen.totals.imported, 2);
  assert.equal(chosen.totals.recordsRead, chosen.totals.imported + chosen.totals.rejected);
  const after = store.evidence();
  assert.equal(after.length, 1);
  assert.equal(after[0]!.chosenFormat, 'csv');
  assert.equal(after[0]!.candidates, undefined); // decided: no candidates left
  assert.match(after[0]!.reason ?? '', /^chosen by the analyst \(--as csv\)/);
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM flows')), 2);
  const imported = store.auditLog().filter((a) => a.action === 'evidence.imported').map((a) => a.detail as { evidenceId: number; chosenFormat?: string });
  assert.deepEqual(imported.map((d) => [d.evidenceId, d.chosenFormat]), [[row.id, 'csv']]);
  assert.equal(store.verifyAudit().ok, true);

  // The report's manifest says the format was chosen, not detected; its decisions table names the choice.
  const model = await buildReportModel(c);
  assert.equal(model.evidence[0]?.chosenFormat, 'csv');
  assert.match(renderMarkdown(model), /\| `flows\.csv` \| `[0-9a-f]{64}` \| `csv \(chosen by the analyst\)` \| `imported` \|/);
  assert.match(renderHtml(model), /<td>csv \(chosen by the analyst\)<\/td><td>imported<\/td>/);
});

test('an unsupported file is read again only when the analyst chooses a format, and a refused choice says why', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, 'rtmp.log'), RTMP);
  await importEvidence(c, [dir]);
  const again = await importEvidence(c, [dir]);
  assert.equal(again.files[0]?.status, 'duplicate'); // without a choice: the same bytes, nothing new
  const chosen = await importEvidence(c, [dir], { as: 'csv' });
  const f = chosen.files[0]!;
  assert.equal(f.status, 'unsupported');
  assert.match(f.reason ?? '', /^cannot be read as csv, and no format can read it: CloudFront log with a #Version\/#Fields header/);
  assert.equal(c.forImport().store.evidence()[0]?.reason, f.reason);
});
