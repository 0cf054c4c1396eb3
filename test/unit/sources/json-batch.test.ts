// A batch's JSON-record files are inserted by one statement (decision 0026): each file must come out exactly as
// it does when imported alone (rows, every column; rejects with line, offset, reason; counts), whatever the
// other files in the statement hold: JSON lines with bad records, a pretty-printed document, an array, a file
// that is not JSON at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { cloudWatchSource } from '../../../electron/core/sources/cloudwatch';
import { guardDutySource } from '../../../electron/core/sources/guardduty';
import { r53ResolverSource } from '../../../electron/core/sources/r53-resolver';
import type { FileImportResult, LogSource } from '../../../electron/core/sources/source';
import { wafSource } from '../../../electron/core/sources/waf';
import { batchAgainstAlone } from '../../helpers/file-rows';
import { FIXTURES, SAMPLES } from '../../helpers/temp';

/** The texts as files `1.log`, `2.log`... of one batch, each compared with itself imported alone. */
async function batchOf(source: LogSource, table: string, texts: string[]): Promise<FileImportResult[]> {
  return (await batchAgainstAlone(source, table, texts.map((text, i) => ({ rel: `${i + 1}.log`, text })))).results;
}

test('Resolver files in one statement: JSON lines with bad records, a document, an array and a non-JSON file each as alone', async () => {
  const mixed = readFileSync(join(FIXTURES, 'route53', 'resolver-mixed.log'), 'utf8');
  const doc = readFileSync(join(SAMPLES, 'route53_resolver', 'aws-docs-example_resolver-query-log.json'), 'utf8');
  const firstGood = mixed.split('\n').find((l) => l.includes('"query_name"') && !l.includes('not json'))!;
  const rs = await batchOf(r53ResolverSource, 'r53_rlogs', [
    mixed, doc, `[${firstGood}, 42, ${firstGood.replace('"NOERROR"', '"NXDOMAIN"')}]`, 'not json at all\n', `${firstGood}\n\n${firstGood}\n`, mixed.replace(/\n/g, '\r\n'),
  ]);
  assert.ok(rs.some((r) => r.error) && rs.some((r) => r.rejected > 0) && rs.filter((r) => r.imported > 0).length >= 4, JSON.stringify(rs));
});

test('WAF files (with _raw) in one statement: each as alone', async () => {
  const multi = readFileSync(join(SAMPLES, 'waf', 'valid_log_multi.json'), 'utf8');
  const lines = multi.split('\n').filter((l) => l.trim().length > 0);
  const rs = await batchOf(wafSource, 'waf_logs', [
    multi, lines.slice(0, 2).join('\n'), `${lines[0]!.replace('"action"', '"action_"')}\n${lines[1]}\n{"broken": \n`, lines.reverse().join('\n') + '\n',
  ]);
  assert.ok(rs.some((r) => r.rejected > 0) && rs.every((r) => r.imported > 0), JSON.stringify(rs));
});

test('CloudWatch exports and envelopes in one batch (direct copies read together): each as alone', async () => {
  const exported = gunzipSync(readFileSync(join(SAMPLES, 'cloudwatch_export', '000000.gz'))).toString('utf8');
  const rs = await batchOf(cloudWatchSource, 'cloudwatch_logs', [
    readFileSync(join(FIXTURES, 'cloudwatch', 'lambda-export.txt'), 'utf8'),
    readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_timeout.json'), 'utf8'),
    exported,
    readFileSync(join(FIXTURES, 'cloudwatch', 'orphans.txt'), 'utf8'),
    readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_coldstart.json'), 'utf8'),
    exported.split('\n').reverse().join('\n'),
  ]);
  assert.ok(rs.filter((r) => r.imported > 0).length >= 5, JSON.stringify(rs));
});

test('GuardDuty files in one batch, some read as written and some sent the document way (decision 0024): each as alone', async () => {
  const dir = join(FIXTURES, 'guardduty');
  const plain = readFileSync(join(dir, 'export-findings.jsonl'), 'utf8');
  const rs = await batchOf(guardDutySource, 'guardduty_findings', [
    plain, readFileSync(join(dir, 'bad-findings.jsonl'), 'utf8'), plain.split('\n').filter(Boolean).reverse().join('\n'), `[${plain.split('\n').filter(Boolean).join(',')}]`,
  ]);
  assert.ok(rs.every((r) => r.imported > 0), JSON.stringify(rs));
});
