// Line formats whose fields cannot hold the separator are split instead of captured by the regular
// expression (decision 0017): the two readings must give every line the same groups and the same verdict.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ALB_FORMAT } from '../../../electron/core/sources/alb/format';
import { formatFor } from '../../../electron/core/sources/cloudfront/fields';
import { matchedLines } from '../../../electron/core/sources/line-format/line-sql';
import { compile, separatorFree, type LineFormat } from '../../../electron/core/sources/line-format/pattern';
import { R53_PUBLIC_FORMAT } from '../../../electron/core/sources/r53-public/format';
import { S3_ACCESS_FORMAT } from '../../../electron/core/sources/s3-access/format';
import { tempDir } from '../../helpers/temp';

async function groupsBothWays(format: LineFormat, lines: string[]): Promise<{ split: unknown[]; regex: unknown[] }> {
  const copy = join(tempDir(), 'lines.numbered');
  writeFileSync(copy, lines.map((l, i) => `${i + 1} ${l}\n`).join(''));
  const compiled = compile(format);
  assert.ok(compiled.split, `${format.id} is read by splitting`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const read = async (sql: string): Promise<unknown[]> =>
    (await conn.runAndReadAll(`SELECT line, CASE WHEN g._line = '' THEN 'no match' ELSE g::VARCHAR END AS g FROM (${sql}) ORDER BY line`)).getRowObjectsJS();
  try {
    return { split: await read(matchedLines(copy, compiled)), regex: await read(matchedLines(copy, { ...compiled, split: undefined })) };
  } finally { conn.closeSync(); db.closeSync(); }
}

test('Route 53 public lines: split and regular expression agree, odd lines included', async () => {
  const ok = '1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP Region 192.168.1.1 -';
  const { split, regex } = await groupsBothWays(R53_PUBLIC_FORMAT, [
    ok, `${ok} extra fields here`, `${ok} `, `${ok}  `, ok.replace('UDP', 'SCTP'), ok.replace(' A ', '  '), ok.replace(' A ', ' a '),
    ok.replace('example.com', 'exa\tmple.com'), '1.0 2017', `${ok}\té`, ok.replace(' Region ', ' Ré gion '),
  ]);
  assert.deepEqual(split, regex);
  assert.equal(split.filter((r) => (r as { g: string }).g !== 'no match').length, 7);
});

test('CloudFront lines: split and regular expression agree, odd lines included', async () => {
  const format = formatFor({ version: '1.0', fields: ['date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(User-Agent)'] });
  const ok = ['2024-03-05', '10:00:00', 'IAD89-C1', '123', '1.2.3.4', 'GET', 'Mozilla/5.0%20(X11)'].join('\t');
  const { split, regex } = await groupsBothWays(format, [ok, `${ok}\textra\tmore`, `${ok}\t`, ok.replace('GET', ''), ok.replace('\tGET', ''), ok.replace('GET', 'G T'), `${ok} tail`]);
  assert.deepEqual(split, regex);
  assert.equal(split.filter((r) => (r as { g: string }).g !== 'no match').length, 6);
});

test('only tokens that cannot hold the separator are split', () => {
  for (const [token, sep, free] of [
    ['([^ ]*)', ' ', true], ['([0-9]+\\.[0-9]+)', ' ', true], ['(UDP|TCP)', ' ', true], ['(Z[A-Z0-9]+)', ' ', true], ['([^\t]*)', '\t', true],
    ['([^\t]*)', ' ', false], ['(.*)', ' ', false], ['([^"]*)', ' ', false], ['([ -~]+)', ' ', false], ['(\\S+)', ' ', false], ['(a b)', ' ', false],
    ['"((?:[^"\\\\]|\\\\.)*)"', ' ', false], ['(-|[^ ]*:[0-9]*)', ' ', true], ['([\\x00-\\x7f]+)', ' ', false],
  ] as const) assert.equal(separatorFree(token, sep), free, `${token} with ${JSON.stringify(sep)}`);
  assert.equal(compile(S3_ACCESS_FORMAT).split, undefined);
  assert.equal(compile(ALB_FORMAT).split, undefined);
});
