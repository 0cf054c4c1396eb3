// `node dist/bench/sources-bench.js [--lines N] [--files F] [--runs N] [--only a,b] [--gzip] [--name NAME] [--out DIR]`: per new source, the time Cairn takes to import
// N generated records (in F files, as evidence arrives: many small ones; default 1) (the whole pipeline: hashing, staging, detection, per-record checks, provenance,
// seals) beside DuckDB's own reader of the same file into a table (read_csv / read_json, no checks). The
// ratio is DuckDB's time over Cairn's (1.0 = as fast; the issue's target is >= 0.8). Results go to
// bench/results/sources-<date>.json and stdout.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { Case } from '../electron/core/case/case';
import { importEvidence } from '../electron/core/import/import-service';
import { Rng } from './rng';

export interface SourceBench {
  id: string; file: string; make(rng: Rng, i: number): string; header?: string; native(path: string): string;
  /** A format whose file is one JSON document (Config): the records joined into it. */
  wrap?(records: string[]): string;
}

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
/** A fixture record to vary: the bench's records keep real shapes (nesting, field counts) without inventing them. */
const fixtureLine = (rel: string, k: number): string => readFileSync(join(FIXTURES, rel), 'utf8').split('\n')[k]!;
const GUARDDUTY = JSON.parse(fixtureLine('guardduty/export-findings.jsonl', 1)) as Record<string, unknown>;
const SECURITYHUB = JSON.parse(fixtureLine('securityhub/findings.jsonl', 0)) as Record<string, unknown>;
const CONFIG_FILE = 'config/111122223333_Config_us-east-1_ConfigHistory_AWS__S3__Bucket_20240305T120005Z_20240305T122000Z_1.json';
const CONFIG_ITEM = (JSON.parse(readFileSync(join(FIXTURES, CONFIG_FILE), 'utf8')) as { configurationItems: Array<Record<string, unknown>> }).configurationItems[0]!;
const REALTIME = fixtureLine('cloudfront_realtime/cf-realtime-stream-1-2020-12-07-20-52-01-0a1b2c3d-synthetic', 1).split('\t');

const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
const ip = (r: Rng): string => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
const hex = (r: Rng, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
const ts = (i: number): Date => new Date(Date.UTC(2024, 2, 5) + i * 37);
const s3Time = (d: Date): string => {
  const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${String(d.getUTCDate()).padStart(2, '0')}/${m}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
};

export const SOURCES: SourceBench[] = [
  { id: 's3-access', file: 's3.log',
    make: (r, i) => `${OWNER} bench-bucket [${s3Time(ts(i))}] ${ip(r)} arn:aws:iam::111122223333:user/u${r.int(1, 50)} ${hex(r, 16).toUpperCase()} REST.GET.OBJECT data/${hex(r, 8)}.bin "GET /bench-bucket/data/${hex(r, 8)}.bin HTTP/1.1" ${r.pick(['200', '200', '403', '404'])} - ${r.int(100, 99999)} ${r.int(100, 99999)} ${r.int(1, 90)} ${r.int(1, 50)} "-" "aws-cli/2.15.${r.int(0, 9)}" - ${hex(r, 40)}= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader bench-bucket.s3.us-east-1.amazonaws.com TLSv1.2 - - us-east-1`,
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '"', header = false, auto_detect = true)` },
  { id: 'cloudfront', file: 'E2BENCH.2024-03-05-10.bench.log',
    header: '#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version\n',
    make: (r, i) => { const d = ts(i).toISOString(); return [d.slice(0, 10), d.slice(11, 19), 'IAD89-C1', r.int(100, 99999), ip(r), 'GET', 'dbench.cloudfront.net', `/p/${hex(r, 6)}`, r.pick([200, 200, 304, 404]), '-', 'Mozilla/5.0%20(X11)', '-', '-', 'Hit', hex(r, 40), 'www.example.com', 'https', r.int(50, 900), (r.int(1, 999) / 1000).toFixed(3), '-', 'TLSv1.3', 'TLS_AES_128_GCM_SHA256', 'Hit', 'HTTP/2.0'].join('\t'); },
    native: (p) => `SELECT * FROM read_csv('${p}', delim = '\\t', quote = '', header = false, skip = 2, auto_detect = true)` },
  { id: 'r53-resolver', file: 'resolver.log',
    make: (r, i) => JSON.stringify({ version: '1.100000', account_id: '111122223333', region: 'us-east-1', vpc_id: 'vpc-0bench', query_timestamp: ts(i).toISOString().slice(0, 19) + 'Z',
      query_name: `${hex(r, 6)}.example.com.`, query_type: r.pick(['A', 'AAAA', 'TXT']), query_class: 'IN', rcode: r.pick(['NOERROR', 'NXDOMAIN']),
      answers: [{ Rdata: ip(r), Type: 'A', Class: 'IN' }], srcaddr: `10.0.${r.int(0, 255)}.${r.int(1, 254)}`, srcport: String(r.int(1024, 65535)), transport: 'UDP', srcids: { instance: `i-0${hex(r, 16)}` } }),
    native: (p) => `SELECT * FROM read_json('${p}', format = 'newline_delimited')` },
  { id: 'waf', file: 'waf.log',
    make: (r, i) => JSON.stringify({ timestamp: ts(i).getTime(), formatVersion: 1, webaclId: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/bench/0', terminatingRuleId: 'Default_Action',
      terminatingRuleType: 'REGULAR', action: r.pick(['ALLOW', 'ALLOW', 'BLOCK']), terminatingRuleMatchDetails: [], httpSourceName: 'ALB', httpSourceId: 'alb', ruleGroupList: [], rateBasedRuleList: [],
      nonTerminatingMatchingRules: [], requestHeadersInserted: null, responseCodeSent: null,
      httpRequest: { clientIp: ip(r), country: 'NL', headers: [{ name: 'Host', value: 'www.example.com' }, { name: 'User-Agent', value: 'Mozilla/5.0' }], uri: `/p/${hex(r, 6)}`, args: '', httpVersion: 'HTTP/1.1', httpMethod: 'GET', requestId: hex(r, 20) } }),
    native: (p) => `SELECT * FROM read_json('${p}', format = 'newline_delimited')` },
  { id: 'network-firewall', file: 'anf.log',
    make: (r, i) => JSON.stringify({ firewall_name: 'bench-fw', availability_zone: 'us-east-1a', event_timestamp: String(Math.floor(ts(i).getTime() / 1000)),
      event: { timestamp: ts(i).toISOString(), flow_id: r.int(1, 2 ** 40), event_type: 'netflow', src_ip: `10.0.0.${r.int(1, 254)}`, src_port: r.int(1024, 65535), dest_ip: ip(r), dest_port: 443, proto: 'TCP',
        netflow: { pkts: r.int(1, 9999), bytes: r.int(60, 9999999), start: ts(i).toISOString(), end: ts(i + 10).toISOString(), age: 1, min_ttl: 64, max_ttl: 64 } } }),
    native: (p) => `SELECT * FROM read_json('${p}', format = 'newline_delimited')` },
  { id: 'alb', file: '111122223333_elasticloadbalancing_us-east-1_app.bench.0a1b2c3d_20240305T1000Z_10.0.0.1_bench.log',
    make: (r, i) => `https ${ts(i).toISOString().replace('Z', '123Z')} app/bench-alb/50dc6c495c0c9188 ${ip(r)}:${r.int(1024, 65535)} 10.0.${r.int(0, 255)}.${r.int(1, 254)}:80 0.0${r.int(10, 99)} 0.0${r.int(10, 99)} 0.0${r.int(10, 99)} ${r.pick([200, 200, 302, 404])} ${r.pick([200, 200, 302, 404])} ${r.int(100, 9999)} ${r.int(100, 99999)} "GET https://www.example.com:443/p/${hex(r, 6)} HTTP/1.1" "curl/8.${r.int(0, 9)}.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/bench/73e2d6bc24d8a067 "Root=1-${hex(r, 8)}-${hex(r, 24)}" "www.example.com" "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012" 1 ${ts(i).toISOString()} "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_${hex(r, 32)}`,
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '"', escape = '\\', header = false, auto_detect = true)` },
  { id: 'alb-connection', file: 'conn_log_111122223333_elasticloadbalancing_us-east-1_app.bench.0a1b2c3d_20240305T1000Z_10.0.0.1_bench.log',
    // Half mutual-TLS (quoted subject, validity, serial), a few refused, the rest a listener without mTLS ('-').
    make: (r, i) => `${ts(i).toISOString().replace('Z', '123Z')} ${ip(r)} ${r.int(1024, 65535)} 443 ${r.pick(['TLSv1.2', 'TLSv1.3'])} ECDHE-RSA-AES128-GCM-SHA256 0.0${r.int(10, 99)} `
      + (r.int(0, 1) === 0 ? `"CN=device-${hex(r, 6)},O=Example,L=Seattle,C=US" NotBefore=2024-01-01T00:00:00Z;NotAfter=2025-01-01T00:00:00Z ${hex(r, 16).toUpperCase()} ${r.pick(['Success', 'Success', 'Success', 'Failed:ClientCertUntrusted'])}` : '- - - Success')
      + ` TID_${hex(r, 32)}`,
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '"', escape = '\\', header = false, auto_detect = true)` },
  { id: 'elb', file: '111122223333_elasticloadbalancing_us-east-1_bench-clb_20240305T1000Z_10.0.0.1_bench.log',
    make: (r, i) => `${ts(i).toISOString().replace('Z', '123Z')} bench-clb ${ip(r)}:${r.int(1024, 65535)} 10.0.${r.int(0, 255)}.${r.int(1, 254)}:80 0.0000${r.int(10, 99)} 0.00${r.int(1000, 9999)} 0.0000${r.int(10, 99)} ${r.pick([200, 200, 302, 404])} ${r.pick([200, 200, 302, 404])} 0 ${r.int(100, 99999)} "GET https://www.example.com:443/p/${hex(r, 6)} HTTP/1.1" "curl/8.${r.int(0, 9)}.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2`,
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '"', header = false, auto_detect = true)` },
  { id: 'nlb-tls', file: '111122223333_elasticloadbalancing_us-east-1_net.bench-nlb.c6e77e28c25b2234_20240305T1000Z_bench.log',
    make: (r, i) => `tls 2.0 ${ts(i).toISOString().slice(0, 19)} net/bench-nlb/c6e77e28c25b2234 g3d4b5e8bb8464cd ${ip(r)}:${r.int(1024, 65535)} 10.0.${r.int(0, 255)}.${r.int(1, 254)}:443 ${r.int(1, 999)} ${r.int(1, 99)} ${r.int(100, 9999)} ${r.int(100, 99999)} - arn:aws:acm:us-east-1:111122223333:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - bench-nlb.elb.us-east-1.amazonaws.com h2 h2 ${r.pick(['"h2","http/1.1"', '-'])} ${ts(i).toISOString().slice(0, 19)}`,
    // The ALPN preference list is written '"h2","http/1.1"': not a quoted field, so no quote character.
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '', header = false, auto_detect = true)` },
  { id: 'r53-public', file: 'r53-public.log',
    make: (r, i) => `1.0 ${ts(i).toISOString()} Z123412341234 ${hex(r, 6)}.example.com ${r.pick(['A', 'AAAA', 'TXT'])} ${r.pick(['NOERROR', 'NXDOMAIN'])} UDP IAD89-C1 ${ip(r)} ${r.pick(['-', `${ip(r)}/24`])}`,
    native: (p) => `SELECT * FROM read_csv('${p}', delim = ' ', quote = '', header = false, auto_detect = true)` },
  { id: 'guardduty', file: 'guardduty-findings.jsonl',
    make: (r, i) => JSON.stringify({ ...GUARDDUTY, id: hex(r, 32), createdAt: ts(i).toISOString(), updatedAt: ts(i + 5).toISOString(), severity: r.int(1, 8) }),
    native: (p) => `SELECT * FROM read_json('${p}', format = 'newline_delimited')` },
  { id: 'securityhub', file: 'securityhub-findings.jsonl',
    make: (r, i) => JSON.stringify({ ...SECURITYHUB, Id: `${String(SECURITYHUB.Id)}-${hex(r, 12)}`, CreatedAt: ts(i).toISOString(), UpdatedAt: ts(i + 5).toISOString() }),
    native: (p) => `SELECT * FROM read_json('${p}', format = 'newline_delimited')` },
  { id: 'config', file: CONFIG_FILE.split('/')[1]!,
    make: (r, i) => JSON.stringify({ ...CONFIG_ITEM, configurationItemCaptureTime: ts(i).toISOString(), resourceId: `bench-${hex(r, 10)}`, configurationStateId: i }),
    wrap: (records) => `{"fileVersion":"1.0","configurationItems":[${records.join(',')}]}`,
    native: (p) => `SELECT unnest(configurationItems) AS item FROM read_json('${p}', maximum_object_size = 2147483647)` },
  { id: 'cloudfront-realtime', file: 'cf-realtime-stream-1-2024-03-05-10-00-00-0a1b2c3d-bench',
    make: (r, i) => REALTIME.map((v, k) => (k === 0 ? (ts(i).getTime() / 1000).toFixed(3) : k === 1 ? ip(r) : k === 3 ? String(r.pick([200, 200, 304, 404])) : k === 11 ? hex(r, 40) : v)).join('\t'),
    native: (p) => `SELECT * FROM read_csv('${p}', delim = '\\t', quote = '', header = false, auto_detect = true)` },
  { id: 'cloudwatch', file: 'export.txt',
    make: (r, i) => `${ts(i).toISOString()} ${r.pick(['INFO', 'WARN', 'ERROR'])} request ${hex(r, 12)} handled in ${r.int(1, 999)} ms for ${ip(r)}`,
    native: (p) => `SELECT * FROM read_csv('${p}', columns = {'line': 'VARCHAR'}, delim = '\\x1f', quote = '', header = false, auto_detect = false)` },
];

const flag = (args: string[], name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

/** One timed run of `fn`: wall and process CPU (all threads, DuckDB's included). */
async function timed(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const c = cpuMs(); const t = performance.now();
  await fn();
  return { wall: performance.now() - t, cpu: cpuMs() - c };
}

/** How one source's import went beside DuckDB's reader (medians over the runs; ratios DuckDB / Cairn). */
export interface SourceResult {
  source: string; lines: number; files: number; filesImported: number; gzip: boolean; runs: number; bytes: number;
  format: string | null; imported: number; rejected: number; nativeRows: number;
  nativeMs: number; cairnMs: number; ratio: number; nativeCpuMs: number; cairnCpuMs: number; cpuRatio: number;
  walls: { native: number[]; cairn: number[] };
}

export interface SourceBenchOptions { lines: number; files: number; runs: number; gzip: boolean; out: string; only?: string[]; onResult?(r: SourceResult): void }

/** Writes a source's generated records as `files` files (gzip or not); returns their uncompressed bytes. */
function writeEvidence(s: SourceBench, dir: string, lines: number, fileCount: number, gzip: boolean): number {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(20240305);
  const records = Array.from({ length: lines }, (_, i) => s.make(rng, i));
  const per = Math.ceil(lines / fileCount);
  let bytes = 0;
  for (let k = 0; k < fileCount; k++) {
    const part = records.slice(k * per, (k + 1) * per);
    const text = s.wrap ? s.wrap(part) : (s.header ?? '') + part.join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    // One file keeps its name; many are numbered before the extension (the names matter only to S3-key parsing).
    const name = fileCount === 1 ? s.file : s.file.replace(/(\.[a-z]+)?$/, (ext) => `-${k}${ext}`);
    writeFileSync(join(dir, name + (gzip ? '.gz' : '')), gzip ? gzipSync(text, { level: 6 }) : text);
  }
  return bytes;
}

/**
 * A full collection before each timed run: the generated records (hundreds of MB of strings) are garbage by
 * then, and V8 would otherwise collect them inside Cairn's timed import (DuckDB's reader runs outside the JS heap).
 */
let gc: (() => void) | undefined;
function collectGarbage(): void {
  if (!gc) { setFlagsFromString('--expose-gc'); gc = runInNewContext('gc') as () => void; }
  gc();
}

/** Generates each source's records (in `files` files), then imports them with Cairn and DuckDB's reader in turns. */
export async function benchSources(o: SourceBenchOptions): Promise<SourceResult[]> {
  const { lines, runs, gzip, out, only } = o;
  const fileCount = Math.max(1, o.files);
  rmSync(out, { recursive: true, force: true });
  const results: SourceResult[] = [];
  for (const s of SOURCES.filter((x) => !only || only.includes(x.id))) {
    const dir = join(out, s.id);
    const bytes = writeEvidence(s, join(dir, 'evidence'), lines, fileCount, gzip);
    const file = fileCount === 1 ? join(dir, 'evidence', s.file + (gzip ? '.gz' : '')) : join(dir, 'evidence', '*');
    const native: { wall: number; cpu: number }[] = [];
    const cairn: { wall: number; cpu: number }[] = [];
    let nativeRows = 0;
    let f: { format: string | null; imported: number; rejected: number } | undefined;
    let filesImported = 0;
    // Native and Cairn take turns run by run, so drift in the machine's load hits both alike.
    for (let run = 0; run < runs; run++) {
      rmSync(join(dir, 'native.duckdb'), { force: true }); rmSync(join(dir, 'case'), { recursive: true, force: true });
      collectGarbage();
      const db = await DuckDBInstance.create(join(dir, 'native.duckdb'));
      const conn = await db.connect();
      native.push(await timed(() => conn.run(`CREATE TABLE t AS ${s.native(file)}`).then(() => undefined)));
      nativeRows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]?.[0]);
      conn.closeSync(); db.closeSync();
      // The case is opened first: its one-time set-up (catalog, schemas) is not the import's speed.
      const c = await Case.open(join(dir, 'case'), { create: { name: 'bench', examiner: 'bench' } });
      collectGarbage();
      let summary: Awaited<ReturnType<typeof importEvidence>> | undefined;
      cairn.push(await timed(async () => { summary = await importEvidence(c, [fileCount === 1 ? file : join(dir, 'evidence')]); }));
      await c.close();
      const all = summary!.files;
      f = { format: all[0]!.format, imported: all.reduce((n, x) => n + x.imported, 0), rejected: all.reduce((n, x) => n + x.rejected, 0) };
      filesImported = all.filter((x) => x.status === 'imported').length;
    }
    const nw = median(native.map((x) => x.wall)); const cw = median(cairn.map((x) => x.wall));
    const nc = median(native.map((x) => x.cpu)); const cc = median(cairn.map((x) => x.cpu));
    const r: SourceResult = { source: s.id, lines, files: fileCount, filesImported, gzip, runs, bytes, format: f!.format, imported: f!.imported, rejected: f!.rejected, nativeRows,
      nativeMs: Math.round(nw), cairnMs: Math.round(cw), ratio: Number((nw / cw).toFixed(2)),
      nativeCpuMs: Math.round(nc), cairnCpuMs: Math.round(cc), cpuRatio: Number((nc / cc).toFixed(2)),
      walls: { native: native.map((x) => Math.round(x.wall)), cairn: cairn.map((x) => Math.round(x.wall)) } };
    results.push(r);
    o.onResult?.(r);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(out, { recursive: true, force: true });
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const lines = Number(flag(args, '--lines') ?? 0) || 200_000;
  const runs = Number(flag(args, '--runs') ?? 0) || 1;
  const gzip = args.includes('--gzip');
  const files = Math.max(1, Number(flag(args, '--files') ?? 0) || 1);
  const only = flag(args, '--only')?.split(',');
  const loadBefore = loadavg();
  const results = await benchSources({ lines, files, runs, gzip, out: flag(args, '--out') ?? join(tmpdir(), 'cairn-sources-bench'), ...(only ? { only } : {}),
    onResult: (r) => process.stdout.write(JSON.stringify(r) + '\n') });
  const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const name = flag(args, '--name') ?? `sources-${new Date().toISOString().slice(0, 10)}`;
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), lines, files, runs, gzip, loadavg: { before: loadBefore, after: loadavg() }, results }, null, 2) + '\n');
}

if (require.main === module) main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; });
