// A batch's line files are read by one statement per copy kind (decision 0026): each file must come out
// exactly as it does when it is imported alone (rows, every column, its own S3 key parts; rejects with line,
// offset, reason; counts), whatever the other files in the statement hold.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudFrontSource } from '../../../electron/core/sources/cloudfront';
import { ELB_IMPORT, elbSource } from '../../../electron/core/sources/elb';
import { importLineFiles } from '../../../electron/core/sources/line-format/import-lines';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../../../electron/core/sources/source';
import { batchAgainstAlone } from '../../helpers/file-rows';

const ELB = '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 '
  + '"GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2';
const elbKey = (account: string, region: string, day: string, n: number): string =>
  `AWSLogs/${account}/elasticloadbalancing/${region}/${day.replace(/-/g, '/')}/${account}_elasticloadbalancing_${region}_my-loadbalancer_${day.replace(/-/g, '')}T2340Z_10.0.0.1_${n}.log`;

/** Lines the CSV reader takes, lines left to the pattern (an escaped quote), and lines rejected either way. */
const elbLines = (k: number): string[] => [
  ELB.replace('57', String(100 + k)), ELB.replace('"curl/7.38.0"', `"curl \\"${k}\\""`), ELB.replace('0.000086', 'fast'), `${ELB} "future-${k}"`,
  ELB.replace(' 200 200 ', ' 503 - '), 'not an elb line', ELB.replace('my-loadbalancer', `lb-${k}`),
];

const CF_HEADER = (fields: string[]): string => `#Version: 1.0\n#Fields: ${fields.join(' ')}\n`;
const CF_A = ['date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'sc-status'];
const CF_B = ['date', 'time', 'c-ip', 'sc-status', 'x-new-field'];
const cfLines = (fields: string[], k: number): string[] => [
  fields.map((f) => ({ date: '2019-12-04', time: `21:02:3${k}`, 'sc-bytes': String(300 + k), 'sc-status': '200', 'c-ip': `192.0.2.${k}` } as Record<string, string>)[f] ?? `v${k}`).join('\t'),
  fields.map((f) => (f === 'sc-status' ? 'OK' : '-')).join('\t'),
  fields.slice(0, 2).join('\t'),
];

/** Both ways, and every file has rows and rejects (so both readings and the reasons are exercised). */
async function batchWithRejects(source: LogSource, table: string, files: { rel: string; text: string }[], importBatch?: (ctx: ImportContext, f: StagedFile[]) => Promise<FileImportResult[]>): Promise<void> {
  const { rows } = await batchAgainstAlone(source, table, files, importBatch);
  rows.forEach((a, i) => assert.ok(a.rows.length > 0 && a.rejects.length > 0, `file ${i + 1}: rows and rejects`));
}

test('ELB files read in one statement: each keeps its own key parts, rows, rejects and counts', async () => {
  const files = [
    { rel: elbKey('111122223333', 'us-east-1', '2015-05-13', 1), text: elbLines(1).join('\n') + '\n' },
    { rel: elbKey('444455556666', 'eu-west-1', '2015-05-14', 2), text: elbLines(2).join('\n') },
    { rel: 'loose/my-export.log', text: elbLines(3).join('\n') + '\n' }, // no key: day from the time
    { rel: elbKey('111122223333', 'us-east-1', '2015-05-13', 4), text: `\n${elbLines(4).join('\r\n')}\n\n` },
    // Nothing the CSV reader cannot type: read typed while the others are read again exactly (decision 0025).
    { rel: elbKey('777788889999', 'ap-south-1', '2015-05-15', 5), text: elbLines(5).filter((l) => !l.includes('fast')).join('\n') + '\n' },
  ];
  await batchWithRejects(elbSource, 'elb_logs', files, (ctx, f) => importLineFiles(ctx, f, ELB_IMPORT));
});

test('CloudFront files with different #Fields headers in one batch: each read with its own columns', async () => {
  const files = [
    { rel: 'E1AAAAAAAAAAAA.2019-12-04-21.a1.log', text: CF_HEADER(CF_A) + cfLines(CF_A, 1).join('\n') + '\n' },
    { rel: 'E2BBBBBBBBBBBB.2019-12-04-21.b2.log', text: CF_HEADER(CF_B) + cfLines(CF_B, 2).join('\n') + '\n' },
    { rel: 'E3CCCCCCCCCCCC.2019-12-04-22.c3.log', text: CF_HEADER(CF_A) + cfLines(CF_A, 3).join('\n') + '\n' },
  ];
  await batchWithRejects(cloudFrontSource, 'cloudfront_logs', files);
});
