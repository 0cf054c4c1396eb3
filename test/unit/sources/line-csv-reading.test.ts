// The line formats read by DuckDB's CSV reader (space-separated, decision 0018; TAB-separated CloudFront and
// Route 53 public, decision 0026) must import exactly what the format's pattern imports: a corpus of odd lines
// goes through both readings, and the rows (every column, `_ordinal` included) and the rejects (line, byte offset,
// reason, text) must agree row by row. The columns the CSV reader types (decision 0025) are compared with the
// exact (all-text) reading of the same copy, odd numbers included.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALB_IMPORT, albSource } from '../../../electron/core/sources/alb';
import { ALB_CONNECTION_IMPORT, albConnectionSource } from '../../../electron/core/sources/alb-connection';
import { cloudFrontSource } from '../../../electron/core/sources/cloudfront';
import { formatFor as cloudFrontFormat } from '../../../electron/core/sources/cloudfront/fields';
import { cloudFrontRealtimeSource } from '../../../electron/core/sources/cloudfront-realtime';
import { DEFAULT_FIELDS, formatFor as realtimeFormat } from '../../../electron/core/sources/cloudfront-realtime/fields';
import { ELB_IMPORT, elbSource } from '../../../electron/core/sources/elb';
import { csvColumns, csvLayout } from '../../../electron/core/sources/line-format/csv-layout';
import { insertCsvLinesSql } from '../../../electron/core/sources/line-format/csv-sql';
import { importLineFiles, type LineImport } from '../../../electron/core/sources/line-format/import-lines';
import { writeNumberedText } from '../../../electron/core/sources/line-format/numbered-text';
import { compile, hostPortField } from '../../../electron/core/sources/line-format/pattern';
import { NLB_TLS_IMPORT, nlbTlsSource } from '../../../electron/core/sources/nlb-tls';
import { R53_PUBLIC_FORMAT } from '../../../electron/core/sources/r53-public/format';
import { r53PublicSource } from '../../../electron/core/sources/r53-public';
import { S3_ACCESS_IMPORT, s3AccessSource } from '../../../electron/core/sources/s3-access';
import type { FileImportResult, LogSource } from '../../../electron/core/sources/source';
import { newCase } from '../../helpers/case';
import { fileRows } from '../../helpers/file-rows';
import { tempDir } from '../../helpers/temp';

const S3 = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 '
  + 'arn:aws:iam::123456789012:user/alice 3E57427F3EXAMPLE REST.GET.OBJECT photos/cat.jpg "GET /amzn-s3-demo-bucket1/photos/cat.jpg HTTP/1.1" 200 - '
  + '2662992 3462992 70 10 "-" "curl/7.15.1" - hostid1= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSv1.2 - Yes us-east-1';
const ALB = 'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 '
  + '"GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 '
  + '"Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z '
  + '"authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90';
const ELB = '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 '
  + '"GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2';
const NLB = 'tls 2.0 2020-04-01T08:51:42 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - '
  + 'arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com h2 h2 "h2","http/1.1" 2020-04-01T08:51:20';
const CONN = '2023-10-04T17:05:15.514108Z 203.0.113.1 36280 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 4.036 "CN=amazondomains.com,O=endEntity,L=Seattle,ST=Washington,C=US" '
  + 'NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-06-17T22:43:21Z FEF257372D5C14D4 Success TID_3180a73013c8ca4bac2f731159d4b0fe';

const CF_FIELDS = ['date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(Host)', 'cs-uri-stem', 'sc-status', 'cs(Referer)', 'cs(User-Agent)',
  'cs-uri-query', 'cs(Cookie)', 'x-edge-result-type', 'x-edge-request-id', 'x-host-header', 'cs-protocol', 'cs-bytes', 'time-taken', 'x-forwarded-for',
  'ssl-protocol', 'ssl-cipher', 'x-edge-response-result-type', 'cs-protocol-version', 'fle-status', 'fle-encrypted-fields', 'c-port', 'time-to-first-byte',
  'x-edge-detailed-result-type', 'sc-content-type', 'sc-content-len', 'sc-range-start', 'sc-range-end', 'x-future-field'];
const CF = ['2019-12-04', '21:02:31', 'LAX1', '392', '192.0.2.100', 'GET', 'd111111abcdef8.cloudfront.net', '/index.html', '200', '-', 'Mozilla/5.0%20(Windows%20NT%2010.0)',
  '-', '-', 'Hit', 'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==', 'd111111abcdef8.cloudfront.net', 'https', '23', '0.001', '-', 'TLSv1.2',
  'ECDHE-RSA-AES128-GCM-SHA256', 'Hit', 'HTTP/2.0', '-', '-', '11040', '0.001', 'Hit', 'text/html', '78', '-', '-', 'x'].join('\t');
const R53 = '1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP FRA6 192.168.1.1 -';
const RT = ['1607374921.383', '192.0.2.10', '0.002', '200', '1024', 'GET', 'https', 'd111111abcdef8.cloudfront.net', '/index.html', '45', 'IAD89-C1',
  'abc123==', 'www.example.com', '0.002', 'HTTP/2.0', 'IPv4', 'curl/7.68.0', '-', '-', '-', 'Hit', '-', 'TLSv1.3', 'TLS_AES_128_GCM_SHA256', 'Hit', '-', '-',
  'text/html', '1024', '-', '-', '443', 'Hit', 'US', 'gzip', '*/*', '*', 'host:www.example.com', 'host', '1'].join('\t');

/** Odd writings of a format split on `sep` with no quoted field: empty, '-', quotes, spaces, extra, missing and bad typed fields. */
function splitOdd(base: string, sep: string, typedAt: number[], textAt: number): string[] {
  const f = base.split(sep);
  const at = (n: number, to: string): string => { const g = [...f]; g[n] = to; return g.join(sep); };
  return [
    base, `${base}${sep}`, `${sep}${base}`, `${base}${sep}extra`, `${base}${sep}${sep}`, f.slice(0, -1).join(sep), f.slice(0, 3).join(sep), '-', 'x', '"', sep,
    at(textAt, ''), at(textAt, '-'), at(textAt, '"quoted"'), at(textAt, 'in"side'), at(textAt, 'é😀 ü'), at(textAt, 'back\\slash'), at(textAt, sep === ' ' ? 'a_b' : 'two words'),
    ...typedAt.flatMap((n) => [at(n, ''), at(n, '-'), at(n, 'x'), at(n, '1e3'), at(n, '+7'), at(n, ' 7'), at(n, '007'), at(n, '99999999999999999999'), at(n, '-0'), at(n, '1.5'), at(n, 'inf')]),
  ];
}

/** The n-th space-separated field (quoted runs kept whole) replaced; fields(): the line's fields. */
const fields = (line: string): string[] => line.match(/(?:"[^"]*"|\[[^\]]*\]|[^ "[])+/g) ?? [];
const swap = (line: string, n: number, to: string): string => { const f = fields(line); f[n] = to; return f.join(' '); };
const cut = (line: string, keep: number): string => fields(line).slice(0, keep).join(' ');

/** Odd writings every format meets: quotes, escapes, backslashes, spaces, '-', extra and missing fields. */
function common(base: string, quotedAt: number, plainAt: number): string[] {
  const q = fields(base)[quotedAt]!;
  const inner = q.slice(1, -1);
  return [
    base, `${base} `, `${base}  `, ` ${base}`, base.replace(' ', '  '), `${base} "future-field" 42`, `${base} x`, `${base} "a b"`,
    cut(base, 3), cut(base, fields(base).length - 1), '-', '"', 'x', '""',
    swap(base, quotedAt, `"${inner} with \\"escaped\\" quotes"`), swap(base, quotedAt, `"ends in a backslash\\\\"`), swap(base, quotedAt, `"back\\slash"`),
    swap(base, quotedAt, '"odd backslash\\"'), swap(base, quotedAt, `"doubled "" quote"`), swap(base, quotedAt, `"${inner} embedded  spaces "`), swap(base, quotedAt, '""'), swap(base, quotedAt, '"-"'),
    swap(base, quotedAt, '-'), swap(base, quotedAt, inner.replace(/ /g, '_')), swap(base, quotedAt, `"${inner}"x`), swap(base, quotedAt, `"${inner}`),
    swap(base, quotedAt, `"unicode é e\u0301 😀 ü"`), swap(base, quotedAt, `"tab\there"`), swap(base, quotedAt, `"${inner}" "second"`),
    swap(base, plainAt, '"quoted"'), swap(base, plainAt, 'in"side'), swap(base, plainAt, 'tail"'), swap(base, plainAt, 'a"b c"d'), swap(cut(base, fields(base).length - 2), plainAt, 'a"b c"d'),
    swap(cut(base, fields(base).length - 2), plainAt, 'x" "y'), swap(base, plainAt, 'back\\slash'),
    swap(base, plainAt, ''), swap(base, plainAt, '""'), swap(base, plainAt, '"two words"'), swap(base, plainAt, 'é😀'),
  ];
}

/**
 * Numbers the CSV reader may read otherwise than TRY_CAST of the text (decision 0025): exponents, infinities,
 * NaN, signs, hex and binary, underscores, leading zeros, -0, bare points, out-of-range and very long digits,
 * whitespace and non-ASCII digits, an empty field (two spaces), text.
 */
const ODD_NUMBERS = ['1e400', '-1e400', '1e-400', 'inf', '-inf', '+inf', 'Infinity', 'nan', 'NaN', '-nan', '+5', '-0', '+0', '007', '-007', '.5', '5.', '-.5',
  '1.5', '2.5', '-1.5', '0.5e1', '1e3', '1E-3', '1.5e3', '0x10', '0X10', '0b101', '1_000', '1__0', '_1', '9'.repeat(30), '9223372036854775807', '9223372036854775808',
  '-9223372036854775809', '2147483647', '2147483648', '-2147483649', '0.1000000000000000055511151231257827021181583404541015625', '1'.repeat(400),
  `0.${'0'.repeat(400)}1`, '\t5', '5\t', '\t', '\u00a05', '\u30005', '\u0661', '\uff15', '5d', '--5', '1,5', '.', 'e5', '', 'x', '-'];

/** The base line with each odd number in each column the CSV reader types. */
function oddNumbers(base: string, spec: LineImport): string[] {
  const all = [...spec.format.required, ...spec.format.optional];
  const at = csvLayout(spec.format)!.typed.map((t) => all.findIndex((f) => f.groups[0] === t.group));
  assert.ok(at.length > 0 && at.every((i) => i >= 0), `${spec.format.id}: typed columns`);
  return at.flatMap((i) => ODD_NUMBERS.map((v) => swap(base, i, v)));
}

const CORPUS: { name: string; spec: LineImport; source: LogSource; lines: string[] }[] = [
  { name: 's3-access', spec: S3_ACCESS_IMPORT, source: s3AccessSource, lines: [
    ...common(S3, 8, 5), ...common(S3, 16, 13),
    cut(S3, 18), cut(S3, 19), cut(S3, 17), swap(S3, 2, '06/Feb/2019:00:00:38'), swap(S3, 2, '[06/Feb/2019:00:00:38  +0000]'), swap(S3, 2, '[6/Feb/2019:00:00:38 +0000]'),
    swap(S3, 2, '[06/Feb/2019:00:00:38 +0000]x'), swap(S3, 3, '2001:db8::7'), swap(S3, 6, 'rest.get.object'), swap(S3, 6, '-'), swap(S3, 6, ''), swap(S3, 9, '2000'),
    swap(S3, 9, '-'), swap(S3, 11, 'lots'), swap(S3, 11, '-'), swap(S3, 12, '1e3'), swap(S3, 8, 'GET'), swap(S3, 15, '"-"'), swap(S3, 15, '-'),
    swap(S3, 15, 'https://x'), swap(S3, 16, '-'), swap(S3, 16, '"S3Console/0.4 (with \\"quotes\\")"'),
    ...oddNumbers(S3, S3_ACCESS_IMPORT),
  ] },
  { name: 'alb', spec: ALB_IMPORT, source: albSource, lines: [
    ...common(ALB, 13, 14), ...common(ALB, 21, 23), cut(ALB, 18), cut(ALB, 19), cut(ALB, 17), cut(ALB, 24),
    'h2 2024-01-01T00:00:00.000000Z app/x/1 [2001:db8::5]:443 - -1 -1 -1 460 - 120 0 "- - - " "-" - - - "-" "-" "-" - 2024-01-01T00:00:00.000000Z "-" "-" "-" "-" "-" "-" "-" -',
    swap(ALB, 0, 'httpx'), swap(ALB, 0, 'wss'), swap(ALB, 1, '2018-07-02 22:23:00Z'), swap(ALB, 3, '[fe80::1]:443'), swap(ALB, 3, '192.168.131.39'),
    swap(ALB, 3, '192.168.131.39:8a'), swap(ALB, 3, '192.168.131.39:'), swap(ALB, 3, 'a:b:99'), swap(ALB, 4, '-'), swap(ALB, 5, '-1'), swap(ALB, 5, 'x'),
    swap(ALB, 8, '2xx'), swap(ALB, 8, '-'), swap(ALB, 10, '9999999999999999999999'), swap(ALB, 13, `"${'x '.repeat(450_000)}"`), swap(ALB, 13, `"${'y'.repeat(1_100_000)}"`),
    ...['"- - - "', '"GET /a b c HTTP/1.1"', '"GET /x - "', '"GET"', '"GET  HTTP/1.1"', '"GET /x"', '"GET "', '" / HTTP/1.1"', '"GET / - - "', '"GET /a - b"',
      '"GET  - "', '" - "', '"GET / HTTP/1.1 "', '"GET /é😀 HTTP/1.1"', '"GET /\\" HTTP/1.1"', '"GET /x\\\\ HTTP/1.1"', '"GE\\"T / HTTP/1.1"', '"GET\t/ HTTP/1.1"']
      .map((r) => swap(ALB, 12, r)),
    ...oddNumbers(ALB, ALB_IMPORT),
  ] },
  { name: 'elb', spec: ELB_IMPORT, source: elbSource, lines: [
    ...common(ELB, 12, 13), cut(ELB, 12), cut(ELB, 13), cut(ELB, 11),
    '2015-05-13T23:40:00.000000Z my-loadbalancer 203.0.113.9:40000 10.0.0.1:22 0.000073 0.001048 0.000057 - - 57 502 "- - - " "-" - -',
    swap(ELB, 1, 'my_lb'), swap(ELB, 3, '-'), swap(ELB, 9, 'zero'), swap(ELB, 11, '"GET /a b HTTP/1.1"'), swap(ELB, 11, '"- - - "'),
    ...oddNumbers(ELB, ELB_IMPORT),
  ] },
  { name: 'alb-connection', spec: ALB_CONNECTION_IMPORT, source: albConnectionSource, lines: [
    ...common(CONN, 7, 9), cut(CONN, 11), cut(CONN, 10), `${CONN} X25519`, `${CONN} X25519 -`, swap(CONN, 0, '2023-13-45T17:05:15.514108Z'), swap(CONN, 1, 'my-lb'),
    swap(CONN, 1, '2001:db8::7'), swap(CONN, 2, 'http'), swap(CONN, 3, '-'), swap(CONN, 6, 'slow'), swap(CONN, 8, '-'), swap(CONN, 8, 'NotBefore=2023-09-21T22:43:21+02:00;NotAfter=2026-06-17T22:43:21Z'),
    swap(CONN, 8, 'NotBefore=yesterday;NotAfter=2026-06-17T22:43:21Z'), swap(CONN, 10, 'Failed:ClientCertExpired'),
    ...oddNumbers(CONN, ALB_CONNECTION_IMPORT),
  ] },
  { name: 'cloudfront', spec: { format: cloudFrontFormat({ version: '1.0', fields: CF_FIELDS }) }, source: cloudFrontSource,
    lines: [...splitOdd(CF, '\t', [0, 3, 8, 18, 26], 10), CF.replace('2019-12-04', '2019-13-45'), CF.replace('2019-12-04', '2019-12-4')] },
  { name: 'cloudfront-realtime', spec: { format: realtimeFormat(DEFAULT_FIELDS) }, source: cloudFrontRealtimeSource, lines: splitOdd(RT, '\t', [0, 2, 3, 4, 39], 16) },
  { name: 'r53-public', spec: { format: R53_PUBLIC_FORMAT }, source: r53PublicSource,
    lines: [...splitOdd(R53, ' ', [], 3), ...['1.x', '1.0.0', 'Z', 'z12', 'a1', 'TLS', 'udp'].flatMap((v) => [0, 2, 4, 6].map((n) => { const g = R53.split(' '); g[n] = v; return g.join(' '); })),
      R53.replace('2017-12-13T08:16:02.130Z', '2017-12-13 08:16:02Z'), R53.replace('2017-12-13T08:16:02.130Z', '2017-99-13T08:16:02Z')] },
  { name: 'nlb-tls', spec: NLB_TLS_IMPORT, source: nlbTlsSource, lines: [
    NLB, cut(NLB, 17), cut(NLB, 18), cut(NLB, 16), `${NLB} newfield`, `${NLB} `, swap(NLB, 0, 'tcp'), swap(NLB, 1, '2'), swap(NLB, 2, '2020-04-01T08:51:42Z'),
    swap(NLB, 3, 'app/x'), swap(NLB, 5, '[2001:db8::1]:443'), swap(NLB, 9, 'many'), swap(NLB, 11, '"quoted"'), swap(NLB, 11, '40'), swap(NLB, 11, 'x'),
    swap(NLB, 20, '"h2"'), swap(NLB, 20, 'a\\b'), swap(NLB, 20, '"a b"'), swap(NLB, 20, '"'),
    ...oddNumbers(NLB, NLB_TLS_IMPORT),
  ] },
];


for (const { name, spec, source, lines } of CORPUS) {
  test(`${name}: the CSV reading imports and rejects exactly what the pattern does, odd lines included`, async () => {
    const layout = csvLayout(spec.format);
    assert.ok(layout, `${name} has a CSV layout`);
    // Both paths must be exercised: lines the CSV reader takes and lines left to the pattern.
    const taken = lines.filter((l) => { const b = Buffer.from(l); return csvColumns(b, 0, b.length, layout) >= 0; }).length;
    assert.ok(taken >= 3 && taken < lines.length - 3, `${taken} of ${lines.length} lines read as CSV`);
    const c = await newCase();
    const { conn, tmpDir } = c.forImport();
    await source.ensureSchema(conn);
    const dir = tempDir();
    // Clean text (numbered in whole spans) and text with blank, non-UTF-8 and CR lines (numbered line by line).
    const clean = Buffer.from(lines.join('\n') + '\n');
    const dirty = Buffer.concat([Buffer.from(`\n${lines.join('\n')}\n\n`), Buffer.from([0x2d, 0x20, 0xff, 0xfe, 0x0a]), Buffer.from(`${lines[0]}\r\n${lines[0]!.replace(' ', ' \xe9 ')}`)]);
    let id = 0;
    for (const [kind, bytes] of [['clean', clean], ['dirty', dirty]] as const) {
      const path = join(dir, `${name}-${kind}.log`);
      writeFileSync(path, bytes);
      const run = async (s: LineImport): Promise<FileImportResult> => {
        const file = { evidenceId: ++id, stagedPath: path, originalPath: path, relPath: `${name}-${kind}.log`, size: bytes.length, detection: { format: name, confidence: 1, importable: true } };
        const ctx = { conn, signal: new AbortController().signal, tmpDir, progress: () => undefined, existingTables: async () => new Set<string>() };
        return (await importLineFiles(ctx, [file], s))[0]!;
      };
      const viaCsv = await fileRows(conn, spec.format.table, await run(spec));
      const viaPattern = await fileRows(conn, spec.format.table, await run({ ...spec, readAs: 'pattern' }));
      assert.deepEqual(viaCsv.result, viaPattern.result, `${name} ${kind}: counts`);
      assert.equal(viaCsv.rows.length, viaPattern.rows.length, `${name} ${kind}: rows`);
      viaCsv.rows.forEach((row, i) => assert.equal(row, viaPattern.rows[i], `${name} ${kind}: row ${i + 1}`));
      assert.deepEqual(viaCsv.rejects, viaPattern.rejects, `${name} ${kind}: rejects`);
      assert.ok(viaPattern.rows.length > 0 && viaPattern.rejects.length > 0, `${name} ${kind}: both rows and rejects`);
    }
  });
}

/** A connection that records each statement it runs (to see which reading of the CSV copy an import took). */
function recording(conn: DuckDBConnection): { conn: DuckDBConnection; sql: string[] } {
  const sql: string[] = [];
  const wrapped = new Proxy(conn, {
    get(target, key) {
      if (key === 'run' || key === 'runAndReadAll') return (text: string) => { sql.push(text); return key === 'run' ? target.run(text) : target.runAndReadAll(text); };
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { conn: wrapped, sql };
}
const typedInserts = (sql: string[]): number => sql.filter((q) => q.startsWith('INSERT') && q.includes('ignore_errors = true')).length;
const exactInserts = (sql: string[]): number => sql.filter((q) => q.startsWith('INSERT') && q.includes('ignore_errors = false')).length;

// The space-separated formats (whose fields the odd-number helpers swap); the TAB formats' typed columns meet odd
// numbers in their corpus above, read both ways.
for (const { name, spec, source, lines } of CORPUS.filter((x) => x.spec.format.separator === undefined && csvLayout(x.spec.format)!.typed.length > 0)) {
  test(`${name}: every row the CSV reader types equals the exact reading's, all columns; the lines it cannot type are left to the exact reading`, async () => {
    const layout = csvLayout(spec.format)!;
    const f = compile(spec.format);
    const c = await newCase();
    const { conn, tmpDir } = c.forImport();
    await source.ensureSchema(conn);
    const dir = tempDir();
    const path = join(dir, `${name}.log`);
    writeFileSync(path, lines.join('\n') + '\n');
    const csvPath = join(tmpDir, `${name}-typed.csv`);
    const text = await writeNumberedText(path, join(tmpDir, `${name}-typed.numbered`), undefined, { path: csvPath, count: (b, s, e) => csvColumns(b, s, e, layout) });
    const rows = async (evidenceId: number, reading: 'exact' | 'typed'): Promise<Map<number, string>> => {
      await conn.run(insertCsvLinesSql(csvPath, spec.format.table, f, layout, [{ name: '_evidence_id', sql: String(evidenceId) }], undefined, reading));
      const got = (await conn.runAndReadAll(`SELECT * EXCLUDE (_evidence_id) FROM ${spec.format.table} WHERE _evidence_id = ${evidenceId} ORDER BY abs(_ordinal)`)).getRowObjectsJS();
      return new Map(got.map((r) => [Math.abs(Number(r._ordinal)), JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))]));
    };
    const exact = await rows(1, 'exact');
    const typed = await rows(2, 'typed');
    assert.equal(exact.size, text.split, `${name}: the exact reading gives every line of the copy`);
    for (const [line, row] of typed) assert.equal(row, exact.get(line), `${name}: line ${line}, typed vs exact`);
    // The odd numbers the reader does convert (exponents, infinities, signs, -0, '.5'...) are read typed.
    const odd = new Set(oddNumbers(lines[0]!, spec));
    const oddTyped = lines.map((l, i) => [l, i + 1] as const).filter(([l, n]) => odd.has(l) && typed.has(n)).length;
    assert.ok(oddTyped >= 10, `${name}: ${oddTyped} odd numbers read typed`);
    // The rest (text, hex for DOUBLE, an empty field...) the reader drops, so the file must be read exactly.
    assert.ok(typed.size < exact.size, `${name}: ${typed.size} of ${exact.size} lines typed`);
    // A file of only the lines it types is imported typed, once, and as the pattern imports it.
    const typedPath = join(dir, `${name}-typed-only.log`);
    writeFileSync(typedPath, lines.filter((_, i) => typed.has(i + 1)).join('\n') + '\n');
    const recorder = recording(conn);
    const via = async (s: LineImport, evidenceId: number, ctxConn: DuckDBConnection): Promise<Awaited<ReturnType<typeof fileRows>>> => {
      const file = { evidenceId, stagedPath: typedPath, originalPath: typedPath, relPath: `${name}-typed-only.log`, size: 0, detection: { format: name, confidence: 1, importable: true } };
      const r = (await importLineFiles({ conn: ctxConn, signal: new AbortController().signal, tmpDir, progress: () => undefined, existingTables: async () => new Set<string>() }, [file], s))[0]!;
      return fileRows(conn, spec.format.table, r);
    };
    const viaTyped = await via(spec, 3, recorder.conn);
    assert.deepEqual([typedInserts(recorder.sql), exactInserts(recorder.sql)], [1, 0], `${name}: read typed, once`);
    const viaPattern = await via({ ...spec, readAs: 'pattern' }, 4, conn);
    assert.deepEqual(viaTyped.result, viaPattern.result, `${name}: counts`);
    viaTyped.rows.forEach((row, i) => assert.equal(row, viaPattern.rows[i], `${name}: row ${i + 1}`));
    assert.deepEqual(viaTyped.rejects, viaPattern.rejects, `${name}: rejects`);
  });

  test(`${name}: a file with one value the reader cannot type imports every other line and rejects that one as before`, async () => {
    const all = [...spec.format.required, ...spec.format.optional];
    const t = csvLayout(spec.format)!.typed[0]!;
    const at = all.findIndex((x) => x.groups[0] === t.group);
    const good = lines[0]!;
    const c = await newCase();
    const { conn: plain, tmpDir } = c.forImport();
    await source.ensureSchema(plain);
    const dir = tempDir();
    let id = 0;
    const run = async (fileLines: string[], s: LineImport): Promise<{ got: Awaited<ReturnType<typeof fileRows>>; sql: string[] }> => {
      const path = join(dir, `${name}-${++id}.log`);
      writeFileSync(path, fileLines.join('\n') + '\n');
      const { conn, sql } = recording(plain);
      const file = { evidenceId: id, stagedPath: path, originalPath: path, relPath: `${name}-${id}.log`, size: 0, detection: { format: name, confidence: 1, importable: true } };
      // Inside a transaction, as the importer runs: a failed statement there would abort it.
      await plain.run('BEGIN TRANSACTION');
      const r = (await importLineFiles({ conn, signal: new AbortController().signal, tmpDir, progress: () => undefined, existingTables: async () => new Set<string>() }, [file], s))[0]!;
      await plain.run('COMMIT');
      return { got: await fileRows(plain, spec.format.table, r), sql };
    };
    const clean = Array.from({ length: 50 }, () => good);
    const cleanRun = await run(clean, spec);
    assert.deepEqual([typedInserts(cleanRun.sql), exactInserts(cleanRun.sql)], [1, 0], `${name}: clean file read typed, once`);
    const oneBad = [...clean.slice(0, 20), swap(good, at, 'x'), ...clean.slice(20)];
    const badRun = await run(oneBad, spec);
    assert.deepEqual([typedInserts(badRun.sql), exactInserts(badRun.sql)], [1, 1], `${name}: typed reading, then the exact one`);
    assert.deepEqual(badRun.got.result, { recordsRead: 51, imported: 50, rejected: 1, error: undefined }, `${name}: counts`);
    const reject = JSON.parse(badRun.got.rejects[0]!) as { line: number; byte_offset: string; reason: string };
    assert.equal(Number(reject.line), 21);
    assert.equal(Number(reject.byte_offset), 20 * (Buffer.byteLength(good) + 1));
    assert.match(reject.reason, new RegExp(`^${t.group}: not (a number|an integer) \\(x\\)$`));
    // The same rows and the same reject as the pattern's reading of the same file.
    const viaPattern = (await run(oneBad, { ...spec, readAs: 'pattern' })).got;
    assert.deepEqual(badRun.got.rows, viaPattern.rows, `${name}: rows`);
    assert.deepEqual(badRun.got.rejects.map((r) => r.replace(/"raw":.*$/, '')), viaPattern.rejects.map((r) => r.replace(/"raw":.*$/, '')), `${name}: rejects`);
  });
}

test('addr:port: the address is what trim(left(addr, before the last colon), \'[]\') gives, brackets anywhere', async () => {
  const [ip, port] = hostPortField('ip', 'port').columns;
  const values = ['-', '1.2.3.4:80', '[::1]:443', '[fe80::1]:', 'a]:80', '[a:80', ']a[:80', ']]:1', 'é[:1', 'x::80', ':80', '[]:1', '[2001:db8::1]]:9'];
  const c = await newCase();
  const { conn } = c.forImport();
  const reference = "CASE WHEN g.ip_port = '-' THEN '-' ELSE trim(left(g.ip_port, length(g.ip_port) - length(split_part(g.ip_port, ':', -1)) - 1), '[]') END";
  const rows = (await conn.runAndReadAll(`SELECT ${ip!.sql} AS got, ${reference} AS want, ${port!.sql} AS port FROM (SELECT struct_pack(ip_port := v) AS g FROM unnest([${values.map((v) => `'${v}'`).join(', ')}]) AS t(v))`)).getRowObjectsJS();
  assert.equal(rows.length, values.length);
  for (const r of rows) assert.equal(r.got, r.want);
});
