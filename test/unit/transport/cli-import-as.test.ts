// `cairn import --as FORMAT` through the CLI: files that need a decision are listed with their candidates and
// exit 3; the analyst's choice imports them (or is refused when the content does not fit), and says so.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { FIXTURES, tempDir } from '../../helpers/temp';

test('needs a decision, then --as: candidates listed, a fitting choice imported, an unfitting one refused', async () => {
  const root = tempDir();
  const caseDir = join(root, 'case');
  const evidence = join(root, 'evidence');
  mkdirSync(evidence);
  writeFileSync(join(evidence, 'flows.csv'), '10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n');
  copyFileSync(join(FIXTURES, 'cloudwatch', 'orphans.txt'), join(evidence, 'orphans.txt'));
  const first = await runCli(['import', '--case', caseDir, '--name', 'as test', '--examiner', 'tester', '--json', '--quiet', evidence]);
  assert.equal(first.code, 5, first.err); // nothing recognised without the analyst
  const summary = JSON.parse(first.out) as { files: { relPath: string; status: string; reason: string }[] };
  const by = new Map(summary.files.map((f) => [f.relPath, f]));
  assert.equal(by.get('flows.csv')?.status, 'needs_decision');
  assert.match(by.get('flows.csv')!.reason, /--as csv/);
  assert.equal(by.get('orphans.txt')?.status, 'needs_decision');
  assert.match(by.get('orphans.txt')!.reason, /candidates: cloudwatch \(CloudWatch Logs export: .*\); import again with --as cloudwatch/);

  const wrong = await runCli(['import', '--case', caseDir, '--as', 'waf', '--quiet', join(evidence, 'orphans.txt')]);
  assert.equal(wrong.code, 5);
  assert.match(wrong.out, /needs_decision .*cannot be read as waf/);

  const chosen = await runCli(['import', '--case', caseDir, '--as', 'cloudwatch', '--quiet', join(evidence, 'orphans.txt')]);
  assert.equal(chosen.code, 3, chosen.out); // imported, with the orphan line and the bad bytes rejected
  assert.match(chosen.out, /orphans\.txt\s+cloudwatch\s+imported_with_rejects\s+4\s+2\s+2\s+chosen by the analyst \(--as cloudwatch\): CloudWatch Logs export/);

  const q = await runCli(['query', '--case', caseDir, '--format', 'csv', 'SELECT _ordinal, message FROM cloudwatch_logs ORDER BY _ordinal']);
  assert.equal(q.code, 0, q.err);
  assert.equal(q.out, '_ordinal,message\r\n2,first\r\n4,last\r\n'); // CSV rows end in CRLF (RFC 4180)
});

test('--as cloudfront-realtime --fields: the field list reaches the import through the contract', async () => {
  const root = tempDir();
  const caseDir = join(root, 'case');
  const file = join(FIXTURES, 'cloudfront_realtime', 'chosen-fields.log');
  const fields = 'timestamp,c-ip,sc-status,cs-method,cs-host,cs-uri-stem,cs-user-agent,cmcd-session-id';
  const r = await runCli(['import', '--case', caseDir, '--name', 'rt', '--examiner', 'tester', '--quiet', '--as', 'cloudfront-realtime', '--fields', fields, file]);
  assert.equal(r.code, 3, r.out + r.err); // two lines rejected
  assert.match(r.out, /chosen-fields\.log\s+cloudfront-realtime\s+imported_with_rejects\s+4\s+2\s+2\s+chosen by the analyst/);
  const q = await runCli(['query', '--case', caseDir, '--format', 'csv', 'SELECT c_ip, _field_list FROM cloudfront_realtime_logs ORDER BY _ordinal']);
  assert.equal(q.out, `c_ip,_field_list\r\n203.0.113.130,"${fields}"\r\n2001:db8::130,"${fields}"\r\n`);
});
