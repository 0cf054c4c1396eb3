// Issue #28: no network, ever. Import, queries, a query from the library, `cairn hunt` (Sigma rules), a finding and report export (HTML,
// Markdown, JSON, PDF) run twice:
// 1. in this process with an offline guard on every way Node opens a socket or resolves a name: any target
//    that is not loopback fails the test;
// 2. as the real `cairn` CLI in a network namespace without routes (unshare -n), under strace: every
//    connect/sendto/sendmsg of the CLI, DuckDB's threads and the Chromium that prints the PDF is checked, and
//    any AF_INET/AF_INET6 target that is not loopback fails the test (needs root and strace; skipped otherwise,
//    saying why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { REPO, SAMPLES, tempDir } from '../helpers/temp';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/;
const EVIDENCE = ['cloudtrail', 'vpcflow', 'elb', 'csv'].map((d) => join(SAMPLES, d));
const FINDING_SQL = "SELECT eventtime, eventname, _evidence_id, _ordinal FROM cloudtrail WHERE eventname = 'StopLogging'";

/** The analyst's day, as CLI commands; `out` is a folder for the reports. */
function session(caseDir: string, out: string): string[][] {
  return [
    ['import', '--case', caseDir, '--name', 'offline', '--examiner', 't', '--quiet', ...EVIDENCE],
    ['query', '--case', caseDir, 'SELECT eventsource, count(*) FROM cloudtrail GROUP BY 1'],
    ['query', '--case', caseDir, '--library', 'ct-console-login-without-mfa'],
    ['hunt', '--case', caseDir],
    ['finding', 'add', '--case', caseDir, '--title', 'Trail stopped', '--severity', 'high', '--sql', FINDING_SQL],
    ...['html', 'md', 'json', 'pdf'].map((ext) => ['report', '--case', caseDir, '--out', join(out, `report.${ext}`)]),
    ['verify', '--case', caseDir],
  ];
}

/** Records every non-loopback target Node is asked to reach; undone by the returned function. */
function offlineGuard(attempts: string[]): () => void {
  const undo: Array<() => void> = [];
  const patch = <T extends object>(obj: T, name: keyof T, check: (args: unknown[]) => string | null): void => {
    const orig = obj[name] as unknown as (...a: unknown[]) => unknown;
    (obj as Record<keyof T, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      const target = check(args);
      if (target !== null && !LOOPBACK.test(target)) attempts.push(`${String(name)} ${target}`);
      return orig.apply(this, args);
    };
    undo.push(() => { (obj as Record<keyof T, unknown>)[name] = orig; });
  };
  const hostOf = (args: unknown[]): string | null => {
    const [a, b] = args;
    if (Array.isArray(a)) return hostOf(a);
    if (a && typeof a === 'object') { const o = a as { host?: string; path?: string }; return o.path ? null : o.host ?? 'localhost'; }
    if (typeof a === 'number') return typeof b === 'string' ? b : 'localhost';
    return null; // a Unix socket path
  };
  patch(net.Socket.prototype, 'connect', hostOf);
  patch(dgram.Socket.prototype, 'send', (args) => String(args.find((x, i) => i > 0 && typeof x === 'string') ?? 'unknown'));
  patch(dgram.Socket.prototype, 'connect', (args) => String(args.find((x) => typeof x === 'string') ?? 'localhost'));
  for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'] as const) {
    patch(dns, fn, (args) => String(args[0]));
    patch(dns.promises, fn, (args) => String(args[0]));
  }
  return () => { for (const u of undo.reverse()) u(); };
}

test('the guard sees an outbound connection (so it can fail)', async () => {
  const attempts: string[] = [];
  const restore = offlineGuard(attempts);
  try {
    const s = net.connect({ host: '192.0.2.1', port: 9 });
    s.on('error', () => undefined);
    s.destroy();
    const local = net.connect({ host: '127.0.0.1', port: 9 });
    local.on('error', () => undefined);
    local.destroy();
  } finally { restore(); }
  assert.deepEqual(attempts, ['connect 192.0.2.1']);
});

test('in process, with the offline guard: import, queries, a hunt, a finding and every report format reach no network', async () => {
  const attempts: string[] = [];
  const restore = offlineGuard(attempts);
  try {
    const caseDir = join(tempDir(), 'case');
    const out = tempDir();
    for (const argv of session(caseDir, out)) {
      const r = await runCli(argv);
      assert.ok(r.code === 0 || (argv[0] === 'import' && r.code === 3), `${argv.slice(0, 2).join(' ')}: exit ${r.code} ${r.err}`);
    }
    assert.ok(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString() === '%PDF-');
  } finally { restore(); }
  assert.deepEqual(attempts, [], 'no connection or name lookup to anything but loopback');
});

function canIsolate(): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot make a network namespace';
  for (const tool of ['unshare', 'strace']) {
    if (spawnSync('which', [tool]).status !== 0) return `${tool} is not installed`;
  }
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) return 'unshare -n is not permitted here';
  return null;
}

/**
 * Chromium's IPv6 reachability check: a UDP socket connected to a public address so the kernel picks a route;
 * a UDP connect sends no packet. Allowed by name, so any other UDP connect (a DNS query starts with one) fails.
 */
const IPV6_ROUTE_PROBE = /^\d+\s+connect\(\d+<UDPv6:\[\d+\]>, \{sa_family=AF_INET6, sin6_port=htons\(443\), [^}]*inet_pton\(AF_INET6, "2001:4860:4860::8888"/;

/** The AF_INET/AF_INET6 targets in strace logs (-yy) that are not loopback. */
function outbound(traceDir: string): string[] {
  const calls: string[] = [];
  for (const f of readdirSync(traceDir)) {
    for (const line of readFileSync(join(traceDir, f), 'utf8').split('\n')) {
      if (!/AF_INET6?/.test(line) || IPV6_ROUTE_PROBE.test(line)) continue;
      const addr = /inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
      const target = addr?.[1] ?? addr?.[2] ?? line;
      if (!LOOPBACK.test(target)) calls.push(line.trim());
    }
  }
  return calls;
}

const traced = (traceFile: string, argv: string[]) => spawnSync('unshare', ['-n', 'strace', '-f', '-qq', '-yy', '-e', 'trace=connect,sendto,sendmsg', '-o', traceFile, '--', ...argv], { encoding: 'utf8', timeout: 300_000 });

test('the real CLI in a network namespace without routes, under strace: no socket to a non-loopback address, and it works', { skip: canIsolate() ?? false }, () => {
  // The watch can fail: a process that tries to connect out is seen.
  const control = tempDir();
  traced(join(control, 't'), [process.execPath, '-e', "require('net').connect(9, '192.0.2.1').on('error', () => {})"]);
  assert.equal(outbound(control).length, 1, 'strace sees a connect to 192.0.2.1');

  const caseDir = join(tempDir(), 'case');
  const out = tempDir();
  const traces = tempDir();
  session(caseDir, out).forEach((argv, i) => {
    const r = traced(join(traces, `t${i}`), [process.execPath, join(REPO, 'bin', 'cairn.js'), ...argv]);
    assert.ok(r.status === 0 || (argv[0] === 'import' && r.status === 3), `${argv.slice(0, 2).join(' ')}: exit ${r.status} ${r.stderr}`);
  });
  assert.equal(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(outbound(traces), [], 'outbound attempts seen by strace');
});
