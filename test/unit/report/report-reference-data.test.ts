// The report names the IP databases behind ip_asn/ip_org/ip_country (#27): package, version and licence as
// installed, and how often this case loaded them, so a second examiner looks IPs up in the same data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ReportExport, ReportModel } from '../../../shared/types';
import { REPO } from '../../helpers/temp';
import { caseWithEvidence } from '../../helpers/findings-harness';

const installed = (name: string): { version: string; license: string } =>
  JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license: string };

test('the report records the IP databases\' versions and whether the case used them', async (t) => {
  const { call } = await caseWithEvidence(t);
  const modelOf = async (name: string): Promise<ReportModel> =>
    JSON.parse(readFileSync((await call<ReportExport>('report.export', { format: 'json', path: name })).path, 'utf8')) as ReportModel;

  const before = await modelOf('before.json');
  assert.deepEqual(before.validation.referenceData.map((r) => [r.name, r.version, r.licence, r.loadsInCase]), [
    ['@ip-location-db/asn', installed('@ip-location-db/asn').version, installed('@ip-location-db/asn').license, 0],
    ['@ip-location-db/asn-country', installed('@ip-location-db/asn-country').version, installed('@ip-location-db/asn-country').license, 0],
  ]);

  await call('query.run', { sql: "SELECT ip_country('8.8.8.8') AS c" });
  const after = await modelOf('after.json');
  assert.ok(after.validation.referenceData.every((r) => r.loadsInCase === 1), JSON.stringify(after.validation.referenceData));

  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html', path: 'ref.html' })).path, 'utf8');
  assert.match(html, new RegExp(`@ip-location-db/asn@${installed('@ip-location-db/asn').version.replace(/\./g, '\\.')}`));
  assert.match(html, /loaded 1 time in this case/);
  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md', path: 'ref.md' })).path, 'utf8');
  assert.match(md, /ip-location-db\/asn-country@/);
});
