// The bad-input corpus (issue #28): files generated here, each with what Cairn must make of it and how many
// records it holds, counted as they are written (the independent count the import is checked against).
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SAMPLES } from '../helpers/temp';

export interface Expect {
  status: string;
  /** The file's reason; for a file with rejects, the reason its rejected records were given. */
  reason?: RegExp;
  /** Records the file holds (read = imported + rejected must equal it); for rejects, how many are bad. */
  read?: number;
  rejected?: number;
  /** Records flagged in cairn_record_flags. */
  flagged?: number;
}
export interface CorpusFile { name: string; expect: Expect; write(path: string): void }

const ct = (i: number, extra = ''): string =>
  `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","userName":"u${i}"},"eventTime":"2024-03-01T10:${String(i % 60).padStart(2, '0')}:00Z",` +
  `"eventSource":"iam.amazonaws.com","eventName":"GetUser","eventID":"e${i}","recipientAccountId":"111122223333"${extra}}`;
const events = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => ct(from + i));
const records = (rs: string[]): string => `{"Records":[${rs.join(',')}]}`;
const pretty = (rs: string[]): string => `{\n  "Records": [\n    ${rs.join(',\n    ')}\n  ]\n}\n`;
const lines = (rs: string[]): string => rs.join('\n') + '\n';
const deep = (d: number): string => `,"requestParameters":${'['.repeat(d - 1)}${']'.repeat(d - 1)}`;
/** Three good events around one bad record, as bytes (event ids unique per file, so no file is another's duplicate). */
let serial = 1000;
const around = (bad: Buffer, layout: 'records' | 'lines'): Buffer => {
  const [a, b, c] = events(3, (serial += 10));
  return layout === 'records'
    ? Buffer.concat([Buffer.from(`{"Records":[${a},${b},`), bad, Buffer.from(`,${c}]}`)])
    : Buffer.concat([Buffer.from(`${a}\n${b}\n`), bad, Buffer.from(`\n${c}\n`)]);
};
const utf16be = (s: string): Buffer => { const b = Buffer.from(s, 'utf16le'); for (let i = 0; i + 1 < b.length; i += 2) { const t = b[i]!; b[i] = b[i + 1]!; b[i + 1] = t; } return b; };
const withBadCrc = (gz: Buffer): Buffer => { const b = Buffer.from(gz); b[b.length - 8]! ^= 0xff; return b; };

const sample = (rel: string): string => readFileSync(join(SAMPLES, rel), 'utf8');
const VPC_HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const vpc = (i: number): string => `2 123456789010 eni-1235b8ca123456789 172.31.16.${i % 250} 172.31.16.21 ${20000 + i} 22 6 20 4249 1418530010 1418530070 ACCEPT OK`;
const vpcLines = (n: number): string[] => Array.from({ length: n }, (_, i) => vpc(i));
const albLine = sample('elb/alb_al_valid_logs.log').split('\n')[0]!;
const clbLine = sample('elb/clb_al_valid_logs.log').split('\n')[0]!;
const nlbLine = sample('elb/nlb_al_valid_logs.log').split('\n')[0]!;
const rep = (line: string, n: number): string[] => Array.from({ length: n }, () => line);
const csv = (n: number): string[] => ['time,user,action', ...Array.from({ length: n }, (_, i) => `2024-03-01T10:00:${String(i % 60).padStart(2, '0')}Z,user${i},read`)];

const file = (name: string, expect: Expect, content: string | Buffer): CorpusFile => ({ name, expect, write: (p) => writeFileSync(p, content) });
const ok = (read: number, extra: Partial<Expect> = {}): Expect => ({ status: 'imported', read, rejected: 0, ...extra });
const rej = (read: number, rejected: number, reason?: RegExp): Expect => ({ status: 'imported_with_rejects', read, rejected, ...(reason ? { reason } : {}) });

/** ALB/CLB/NLB keep their `.log` names in a real export; the S3 key gives day, account and region. */
const elbKey = (kind: 'alb' | 'clb' | 'nlb', n: string): string => `${kind}-${n}.log`;

export function corpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  const add = (f: CorpusFile): void => { files.push(f); };
  const five = events(5);

  // CloudTrail: every layout, good.
  add(file('ct-compact.json', ok(5), records(events(5, 900))));
  add(file('ct-pretty.json', ok(5), pretty(five)));
  add(file('ct-array.json', ok(5), `[${five.join(',')}]`));
  add(file('ct-lines.jsonl', ok(5), lines(five)));
  add(file('ct-crlf.jsonl', ok(5), five.join('\r\n') + '\r\n'));
  add(file('ct-single.json', ok(1), ct(1)));
  add(file('ct-empty-records.json', ok(0), '{"Records":[]}'));
  add(file('ct-bom.json', ok(5), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(records(five))])));
  // gzip faults.
  const gz = gzipSync(records(five));
  add(file('ct-good.json.gz', ok(5), gz));
  add(file('ct-truncated.json.gz', { status: 'failed', reason: /gzip|unexpected end|truncat/i }, gz.subarray(0, gz.length - 20)));
  add(file('ct-bad-crc.json.gz', { status: 'failed', reason: /crc|check/i }, withBadCrc(gz)));
  add(file('ct-gzip-header-only.gz', { status: 'failed', reason: /gzip|unexpected end|truncat/i }, gz.subarray(0, 10)));
  add(file('ct-gzip-in-gzip.json.gz', ok(5), gzipSync(gz)));
  add(file('ct-gzip-trailing-garbage.json.gz', { status: 'failed', reason: /gzip|garbage|trailing|after/i }, Buffer.concat([gz, Buffer.from('GARBAGE')])));
  add(file('ct-gzip-two-members.json.gz', { status: 'imported', read: 5, rejected: 0 }, Buffer.concat([gzipSync(`{"Records":[${five.slice(0, 2).join(',')},`), gzipSync(`${five.slice(2).join(',')}]}`)])));
  add(file('ct-gzip-empty.gz', { status: 'unsupported', reason: /empty/ }, gzipSync('')));
  // Encodings.
  add(file('ct-utf16le-bom.json', ok(5), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(records(five), 'utf16le')])));
  add(file('ct-utf16le.json', ok(5), Buffer.from(records(five), 'utf16le')));
  add(file('ct-utf16be-bom.json', ok(5), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(records(five))])));
  add(file('ct-utf16be.json', ok(5), utf16be(records(five))));
  for (const layout of ['records', 'lines'] as const) {
    const bad = (s: string): Buffer => Buffer.from(s);
    add(file(`ct-invalid-utf8-${layout}.json`, rej(4, 1, /invalid UTF-8/), around(Buffer.concat([bad(ct(9).slice(0, 50)), Buffer.from([0xc3, 0x28]), bad(ct(9).slice(50))]), layout)));
    add(file(`ct-latin1-${layout}.json`, rej(4, 1, /invalid UTF-8/), around(Buffer.from(ct(9).replace('u9', 'caf\u00e9'), 'latin1'), layout)));
    add(file(`ct-lone-surrogate-${layout}.json`, rej(4, 1, /surrogate/), around(bad(ct(9).replace('u9', 'u\\ud800x')), layout)));
    add(file(`ct-raw-nul-${layout}.json`, rej(4, 1), around(bad(ct(9).replace('u9', 'u\u00009')), layout)));
    add(file(`ct-raw-tab-newline-${layout}.json`, layout === 'records' ? rej(4, 1) : { status: 'imported_with_rejects' }, around(bad(ct(9).replace('u9', 'u\u0007\t9')), layout)));
    // Nesting.
    add(file(`ct-deep-100000-${layout}.json`, rej(4, 1, /nested deeper than 1000/), around(bad(ct(9, deep(100_000))), layout)));
    add(file(`ct-deep-1000-${layout}.json`, ok(4), around(bad(ct(9, deep(1000))), layout)));
    add(file(`ct-deep-1001-${layout}.json`, rej(4, 1, /nested deeper than 1000/), around(bad(ct(9, deep(1001))), layout)));
    add(file(`ct-deep-object-chain-${layout}.json`, rej(4, 1, /nested deeper than 1000/), around(bad(ct(9, `,"requestParameters":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)), layout)));
    // Key collisions: imported, flagged.
    add(file(`ct-dup-key-${layout}.json`, ok(4, { flagged: 1 }), around(bad(ct(9).replace('"eventName":"GetUser"', '"eventName":"GetUser","eventName":"DeleteUser"')), layout)));
    add(file(`ct-case-keys-${layout}.json`, ok(4, { flagged: 1 }), around(bad(ct(9).replace('"userName":"u9"', '"userName":"u9","username":"root"')), layout)));
    // Not events.
    add(file(`ct-not-object-${layout}.json`, rej(4, 1, /not an object/), around(bad('[1,2,3]'), layout)));
    add(file(`ct-no-time-${layout}.json`, rej(4, 1, /no eventTime/), around(bad('{"eventSource":"s3.amazonaws.com","eventName":"GetObject"}'), layout)));
    add(file(`ct-bad-time-${layout}.json`, rej(4, 1, /not an ISO-8601 time/), around(bad(ct(9).replace('2024-03-01T10:09:00Z', 'yesterday')), layout)));
    add(file(`ct-wrong-types-${layout}.json`, ok(4), around(bad(ct(9).replace('"userIdentity":{"type":"IAMUser","userName":"u9"}', '"userIdentity":"x","readOnly":"maybe","resources":{"a":1}')), layout)));
  }
  add(file('ct-lines-truncated-last.jsonl', rej(6, 1), lines(five) + ct(6).slice(0, 40)));
  add(file('ct-lines-garbage-line.jsonl', rej(6, 1), five.slice(0, 2).join('\n') + '\n}{not json\n' + five.slice(2).join('\n') + '\n'));
  add(file('ct-lines-blank-lines.jsonl', ok(5), '\n\n' + five.join('\n\n') + '\n\n'));
  add(file('ct-truncated-document.json', { status: 'failed', reason: /not valid JSON|malformed|unexpected/i }, records(five).slice(0, 300)));
  add(file('ct-two-documents.json', { status: 'failed', reason: /more than one top-level JSON value|not valid JSON at byte \d+/ }, records(five) + records(five)));
  add(file('ct-huge-record.jsonl', rej(4, 1, /record is \d+ bytes/), around(Buffer.from(ct(9, `,"responseElements":{"blob":"${'A'.repeat(21 * 1024 * 1024)}"}`)), 'lines')));
  add(file('ct-many-small.jsonl', ok(5000), lines(events(5000))));
  // Sizes and non-content.
  add(file('empty.json', { status: 'unsupported', reason: /empty file/ }, ''));
  add(file('one-brace.json', { status: 'unsupported' }, '{'));
  add(file('whitespace.json', { status: 'unsupported' }, ' \n\t\n   \n'));
  add(file('nul-only.bin', { status: 'unsupported', reason: /binary/ }, Buffer.alloc(4096)));
  add(file('random.bin', { status: 'unsupported' }, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))));
  add(file('utf32.json', { status: 'unsupported' }, Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from(records(five.slice(0, 1)), (ch) => [ch.charCodeAt(0), 0, 0, 0]).flat())])));

  // VPC flow logs.
  add(file('vpc-good.log', ok(20), [VPC_HEADER, ...vpcLines(20)].join('\n') + '\n'));
  add(file('vpc-good.log.gz', ok(20), gzipSync([VPC_HEADER, ...vpcLines(20)].join('\n') + '\n')));
  add(file('vpc-headerless.log', ok(20), vpcLines(20).join('\n') + '\n'));
  const vpcBad = (name: string, bad: string, reason?: RegExp): void => {
    const body = vpcLines(20);
    body.splice(10, 0, bad);
    add(file(name, rej(21, 1, reason), [VPC_HEADER, ...body].join('\n') + '\n'));
  };
  vpcBad('vpc-short-line.log', '2 123456789010 eni-1 1.2.3.4');
  vpcBad('vpc-long-line.log', vpc(1) + ' extra field here');
  vpcBad('vpc-bad-port.log', vpc(1).replace(' 22 6 ', ' port 6 '));
  vpcBad('vpc-nul-line.log', vpc(1).replace('ACCEPT', 'ACC\u0000EPT'), /NUL/);
  vpcBad('vpc-cr-inside.log', vpc(1).replace('ACCEPT', 'ACC\rEPT'));
  {
    const body = [VPC_HEADER, ...vpcLines(20)];
    const text = body.join('\n') + '\n';
    const at = text.indexOf('ACCEPT', text.indexOf(vpc(10)));
    add(file('vpc-invalid-utf8.log', rej(20, 1, /non-ASCII/), Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(at))])));
  }
  add(file('vpc-crlf.log', ok(20), [VPC_HEADER, ...vpcLines(20)].join('\r\n') + '\r\n'));
  add(file('vpc-no-final-newline.log', ok(20), [VPC_HEADER, ...vpcLines(20)].join('\n')));

  // ALB, Classic ELB, NLB TLS.
  for (const [kind, line] of [['alb', albLine], ['clb', clbLine], ['nlb', nlbLine]] as const) {
    add(file(elbKey(kind, 'good'), ok(10), rep(line, 10).join('\n') + '\n'));
    add(file(elbKey(kind, 'good') + '.gz', ok(10), gzipSync(rep(line, 10).join('\n') + '\n')));
    const bad = (n: string, badLine: string, reason?: RegExp): void => {
      const body = rep(line, 10);
      body.splice(5, 0, badLine);
      add(file(elbKey(kind, n), rej(11, 1, reason), body.join('\n') + '\n'));
    };
    bad('garbage', 'garbage line that is not a load balancer entry');
    bad('truncated', line.slice(0, Math.floor(line.length / 2)));
    bad('nul', line.replace(' ', ' \u0000'), /NUL/);
    const unclosed = line.replace(/"([^"]*)"/, '"$1');
    // NLB TLS fields are space-separated tokens, quotes included: an odd quote is data, not a fault.
    if (kind === 'nlb') add(file(elbKey(kind, 'unclosed-quote'), ok(11), [...rep(line, 10), unclosed].join('\n') + '\n'));
    else bad('unclosed-quote', unclosed);
  }

  // CSV.
  add(file('csv-good.csv', ok(30), csv(30).join('\n') + '\n'));
  add(file('csv-ragged.csv', rej(31, 1, /fields/), [...csv(30), '2024-03-01T10:00:00Z,x,read,extra,more'].join('\n') + '\n'));
  add(file('csv-unterminated-quote.csv', rej(31, 1, /unterminated/), [...csv(30), '2024-03-01T10:00:00Z,"open,read'].join('\n') + '\n'));
  add(file('csv-nul.csv', rej(31, 1, /NUL/), [...csv(30), '2024-03-01T10:00:00Z,mal\u0000lory,read'].join('\n') + '\n'));
  add(file('csv-latin1.csv', ok(31), Buffer.from([...csv(30), '2024-03-01T10:00:00Z,caf\u00e9,read'].join('\n') + '\n', 'latin1')));
  add(file('csv-utf16le-bom.csv', ok(30), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(30).join('\r\n') + '\r\n', 'utf16le')])));
  // A header alone cannot show it fits any records: the analyst decides (import --as csv).
  add(file('csv-header-only.csv', { status: 'needs_decision', reason: /delimited text without a consistent header/ }, csv(0).join('\n') + '\n'));
  add(file('csv-formula.csv', ok(31), [...csv(30), '2024-03-01T10:00:00Z,=HYPERLINK("http://x"),@SUM(1)'].join('\n') + '\n'));

  // Names: newlines, quotes, unicode, a leading dash; the content is good CloudTrail.
  const named = (name: string): void => add(file(name, ok(5), records(events(5, (serial += 10)))));
  named('new\nline.json');
  named('quote"s and \'apostrophes\'.json');
  named('ünïcødé-日本語-🔥.json');
  named('-leading-dash.json');
  named('semi;colon $(whoami) `id`.json');
  named('rtl-\u202egnp.json');
  named(' spaces  .json');

  // Not regular files: listed with a reason, never followed or read.
  files.push({ name: 'loop-a', expect: { status: 'unsupported', reason: /symbolic link/ }, write: (p) => symlinkSync('loop-b', p) });
  files.push({ name: 'loop-b', expect: { status: 'unsupported', reason: /symbolic link/ }, write: (p) => symlinkSync('loop-a', p) });
  files.push({ name: 'dangling-link', expect: { status: 'unsupported', reason: /symbolic link/ }, write: (p) => symlinkSync('/nonexistent/target', p) });
  files.push({ name: 'link-to-etc-passwd', expect: { status: 'unsupported', reason: /symbolic link/ }, write: (p) => symlinkSync('/etc/passwd', p) });
  files.push({ name: 'a-fifo', expect: { status: 'unsupported', reason: /not a regular file/ }, write: (p) => { execFileSync('mkfifo', [p]); } });
  files.push({ name: 'dir-link', expect: { status: 'unsupported', reason: /symbolic link/ }, write: (p) => symlinkSync('..', p) });
  return files;
}
