// Detection across every public sample: each log file is recognised as exactly its own format (the registry
// never has two close claims on it) or is listed as what it is; nothing else (licence texts, notes) is imported
// under a guess. A new detector that claims another source's sample makes this fail.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { detectSource, SOURCES } from '../../../electron/core/sources/registry';
import type { Probe } from '../../../electron/core/sources/source';
import { SAMPLES } from '../../helpers/temp';

/** Folder (or file) -> the format every log file in it is. */
const EXPECTED: [string, string][] = [
  ['cloudfront/web-1-0.txt', 'cloudfront'], ['cloudfront/web-1-0-2019-12.txt', 'cloudfront'],
  ['cloudfront/kinesis-1-0.txt', 'cloudfront-realtime'], ['cloudfront/rtmp-1-0.txt', 'unsupported'],
  ['cloudtrail/', 'cloudtrail'], ['cloudtrail_insights/', 'cloudtrail'], ['cloudtrail_network_activity/', 'cloudtrail'],
  ['cloudtrail_digest/aws-docs-example_list-public-keys.json', 'unsupported'], ['cloudtrail_digest/list-public-keys.rst', 'unsupported'],
  ['cloudtrail_digest/', 'cloudtrail-digest'],
  ['cloudwatch_export/', 'cloudwatch'], ['cloudwatch_lambda/', 'cloudwatch'], ['csv/', 'csv'],
  ['elb/alb_', 'alb'], ['elb/clb_', 'elb'], ['elb/nlb_', 'nlb-tls'],
  ['network_firewall/', 'network-firewall'], ['route53_public/', 'r53-public'], ['route53_resolver/', 'r53-resolver'],
  ['s3_access/', 's3-access'], ['vpcflow/', 'vpcflow'], ['waf/', 'waf'],
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
}

function probe(path: string): Probe {
  let bytes = readFileSync(path);
  const compressed = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (compressed) bytes = gunzipSync(bytes);
  return { path, relPath: relative(SAMPLES, path), name: path.split('/').pop()!, head: bytes.subarray(0, 64 * 1024), compressed, size: bytes.length };
}

test('every sample is recognised as exactly its own format, or is not imported under a guess', () => {
  const seen = new Set<string>();
  for (const path of walk(SAMPLES).sort()) {
    const rel = relative(SAMPLES, path);
    const d = detectSource(probe(path));
    const got = 'detection' in d ? d.detection.format : 'unsupported' in d ? 'unsupported' : `needs a decision (${d.candidates.join(', ')})`;
    const want = EXPECTED.find(([prefix]) => rel.startsWith(prefix))?.[1];
    if (want === undefined) {
      // Licence texts and notes: never a log, never imported without the analyst.
      assert.ok(!('detection' in d), `${rel}: taken for ${got}`);
      continue;
    }
    seen.add(want);
    assert.equal(got, want, rel);
    if ('detection' in d) assert.ok(!d.detection.tentative, `${rel}: tentative`);
  }
  // Every source but the CSV catch-all has a sample, except AWS Config, GuardDuty, Security Hub and ALB
  // connection logs (no redistributable real file was found, SOURCES.md: fixtures written from AWS's documented
  // examples, with their own detection tests) and Parquet of Cairn tables (made by cairn export parquet in its own tests).
  for (const s of SOURCES) if (!['csv', 'config', 'guardduty', 'securityhub', 'alb-connection', 'parquet-table'].includes(s.id)) assert.ok(seen.has(s.id), `no sample recognised as ${s.id}`);
});

test('a weaker generic claim never makes a specific sample ambiguous: the ELB log is time-first, like a CloudWatch export', () => {
  const p = probe(join(SAMPLES, 'elb', 'clb_al_valid_logs.log'));
  const claims = SOURCES.map((s) => s.detect(p)).filter((x) => x && !x.tentative).map((x) => [x!.format, x!.confidence]);
  assert.deepEqual(claims, [['elb', 0.95], ['cloudwatch', 0.7]]);
  const d = detectSource(p);
  assert.ok('detection' in d && d.detection.format === 'elb');
});
