// Issue #28 / decision 0031: a CSV with a stray NUL byte is CSV; the record holding it is rejected with its
// line, reason and raw text, the rest imports. Text that is mostly NULs (UTF-16 without a BOM, binary) is not CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

test('a CSV with one NUL byte imports its other records; the NUL record is rejected with its line and raw text', async () => {
  const evidence = tempDir();
  const lines = ['time,user,action', '2024-03-01T10:00:00Z,alice,login'];
  for (let i = 0; i < 200; i++) lines.push(`2024-03-01T10:${String(i % 60).padStart(2, '0')}:00Z,user${i},read`);
  lines.splice(3, 0, '2024-03-01T10:00:05Z,mal\u0000lory,delete');
  writeFileSync(join(evidence, 'logins.csv'), lines.join('\n') + '\n');
  // UTF-16 LE without a BOM: every other byte a NUL. Not taken as CSV (nor as anything else).
  writeFileSync(join(evidence, 'utf16-nobom.csv'), Buffer.from(lines.slice(0, 3).join('\n').replace('\u0000', ''), 'utf16le'));
  const caseDir = join(tempDir(), 'case');
  const imp = await runCli(['import', '--case', caseDir, '--name', 'nul', '--examiner', 't', '--json', evidence]);
  const files = (JSON.parse(imp.out) as { files: Array<{ relPath: string; status: string; format?: string; reason?: string; recordsRead: number; imported: number; rejected: number }> }).files;
  const csv = files.find((f) => f.relPath === 'logins.csv')!;
  assert.deepEqual([csv.format, csv.status, csv.recordsRead, csv.imported, csv.rejected], ['csv', 'imported_with_rejects', 202, 201, 1]);
  const utf16 = files.find((f) => f.relPath === 'utf16-nobom.csv')!;
  assert.equal(utf16.status, 'unsupported');
  assert.match(utf16.reason ?? '', /binary content/);

  const r = await runCli(['query', '--case', caseDir, '--format', 'json', `SELECT line, ordinal, reason, raw = 'mal' || chr(0) || 'lory' AS x, position(chr(0) IN raw) AS nul_at, raw_length FROM cairn_rejects`]);
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 1);
  const [rej] = rows.map((x) => Object.values(x).map(String));
  assert.deepEqual(rej!.slice(0, 3), ['4', '3', 'contains a NUL character at column 25 of the record']);
  assert.equal(rej![4], '25', 'the raw text keeps the NUL where it was');
  const users = await runCli(['query', '--case', caseDir, '--format', 'json', `SELECT count(*) AS n, count(*) FILTER (WHERE "user" LIKE 'mal%') AS m FROM logins`]);
  assert.deepEqual((JSON.parse(users.out) as Array<Record<string, unknown>>).map((x) => Object.values(x).map(String)), [['201', '0']]);
});
