import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectSource, type Decision } from '../../../electron/core/sources/registry';

const SAMPLES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'samples');

function decide(content: string | Buffer, chosen?: string): Decision {
  const head = typeof content === 'string' ? Buffer.from(content) : content;
  return detectSource({ path: '/evidence/file', relPath: 'file', name: 'file', head, compressed: false, size: head.length }, undefined, chosen);
}
const sample = (p: string): Buffer => readFileSync(join(SAMPLES, p));

test('AWS access logs are never taken for CSV: each is its format, with the reason stated, or unsupported as what it is', () => {
  const alb = decide(sample('elb/alb_al_valid_logs.log'));
  assert.ok('detection' in alb && alb.detection.format === 'alb', JSON.stringify(alb));
  assert.match(alb.detection.note!, /^ALB access log: 30 space-separated fields, field 1 is a request type \(https\)/);
  assert.match(alb.detection.note!, /2 of 2 sampled lines match/);
  for (const [file, what] of [['elb/nlb_al_valid_logs.log', /NLB TLS access log/], ['elb/clb_al_valid_logs.log', /Classic ELB/],
    ['s3_access/valid_log_multi.log', /S3 server access log/], ['cloudfront/web-1-0.txt', /CloudFront standard log/],
    ['cloudfront/web-1-0-2019-12.txt', /CloudFront standard log/], ['route53_public/aws-docs-example_query-log.txt', /Route 53 public DNS query log/]] as const) {
    const d = decide(sample(file));
    assert.ok(!('detection' in d && d.detection.format === 'csv'), `${file} taken for CSV`);
    if ('unsupported' in d) assert.match(d.unsupported, what, file);
    else if ('detection' in d) assert.notEqual(d.detection.format, 'csv');
  }
});

test('CSV only with a consistent header; headerless or ragged delimited text needs a decision', () => {
  const ok = decide('id,name,city\n1,Ann,Oslo\n2,Bo,Rome\n');
  assert.ok('detection' in ok && ok.detection.format === 'csv' && !ok.detection.tentative);
  const noHeader = decide('10.0.0.1,10.0.0.2,443,ACCEPT\n10.0.0.3,10.0.0.4,22,REJECT\n');
  assert.ok('needsDecision' in noHeader, JSON.stringify(noHeader));
  assert.deepEqual(noHeader.candidates, ['csv']);
  assert.match(noHeader.needsDecision, /--as csv/);
  // A header line of log text cut at a comma is no header.
  const cut = decide('https 2018-07-02T22:23:00Z "GET / HTTP/1.1" "authenticate,forward" x\nhttps 2018-07-02T22:23:01Z "GET / HTTP/1.1" "a,b" y\n');
  assert.ok('needsDecision' in cut, JSON.stringify(cut));
});

test('the analyst decides with --as: a candidate is taken, a format the content does not fit is not', () => {
  const chosen = decide('10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n', 'csv');
  assert.ok('detection' in chosen && chosen.detection.format === 'csv');
  assert.match(chosen.detection.note!, /^chosen by the analyst \(--as csv\)/);
  const wrong = decide('10.0.0.1,10.0.0.2,443\n10.0.0.3,10.0.0.4,22\n', 'alb');
  assert.ok('needsDecision' in wrong && /cannot be read as alb/.test(wrong.needsDecision));
});

test('an ALB file with mostly unreadable lines is a candidate, not an import', () => {
  const line = sample('elb/alb_al_valid_logs.log').toString().split('\n')[0]!;
  const d = decide(`${line}\nnot a log line\nnor this\n`);
  assert.ok('needsDecision' in d && d.candidates.includes('alb'), JSON.stringify(d));
});
