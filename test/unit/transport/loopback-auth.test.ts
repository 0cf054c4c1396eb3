// The loopback server's front door: token, Host (DNS rebinding), Origin (cross-site requests), bind address,
// and the dispatcher's refusal of unknown methods and mistyped arguments, over real HTTP to a real core.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { raw, rpc, startHarness, type Harness } from '../../helpers/loopback-harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const appInfo = JSON.stringify({ method: 'app.info', args: {} });
const post = (headers: Record<string, string>, body = appInfo) =>
  raw(h.server.port, { method: 'POST', path: '/rpc', body, headers: { 'Content-Type': 'application/json', ...headers } });

describe('token', () => {
  test('the right token in the Authorization header is accepted', async () => {
    const r = await post({ Authorization: `Bearer ${h.server.token}` });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body).value.host, 'loopback');
  });
  test('the token is long and random (not guessable)', () => {
    assert.match(h.server.token, /^[0-9a-f]{64}$/);
    assert.ok(h.server.url.endsWith(`#token=${h.server.token}`), 'the token travels in the fragment, which browsers never send');
  });
  test('no token: 401 and the core is not reached', async () => {
    const r = await post({});
    assert.equal(r.status, 401);
    assert.doesNotMatch(r.body, /loopback/);
  });
  for (const [label, value] of [
    ['wrong token of the same length', `Bearer ${'0'.repeat(64)}`],
    ['the token with one character changed', () => `Bearer ${h.server.token.slice(0, -1)}${h.server.token.endsWith('a') ? 'b' : 'a'}`],
    ['a prefix of the token', () => `Bearer ${h.server.token.slice(0, 10)}`],
    ['the token plus extra', () => `Bearer ${h.server.token}x`],
    ['the token without the Bearer scheme', () => h.server.token],
    ['Basic auth', () => `Basic ${Buffer.from(`cairn:${h.server.token}`).toString('base64')}`],
  ] as const) {
    test(`${label}: 401`, async () => {
      const r = await post({ Authorization: typeof value === 'function' ? value() : value });
      assert.equal(r.status, 401);
    });
  }
  test('a wrong token in the query string: 401', async () => {
    const r = await raw(h.server.port, { method: 'POST', path: `/rpc?token=${'f'.repeat(64)}`, body: appInfo });
    assert.equal(r.status, 401);
  });
  test('GET /rpc is refused (no state change through a link or <img>)', async () => {
    const r = await raw(h.server.port, { path: `/rpc?token=${h.server.token}` });
    assert.equal(r.status, 405);
  });
});

describe('Host header (DNS rebinding)', () => {
  for (const host of ['evil.example', 'evil.example:PORT', '127.0.0.1', '127.0.0.1:1', '127.0.0.1.nip.io:PORT', '0.0.0.0:PORT', '[::1]:PORT', 'localhost.evil.example:PORT', '']) {
    test(`Host ${JSON.stringify(host)}: 403 even with the right token`, async () => {
      const r = await post({ Authorization: `Bearer ${h.server.token}`, Host: host.replace('PORT', String(h.server.port)) });
      assert.equal(r.status, 403);
      const page = await raw(h.server.port, { path: '/', headers: { Host: host.replace('PORT', String(h.server.port)) } });
      assert.equal(page.status, 403, 'the page itself is not served to a rebinding name either');
    });
  }
  test('localhost:PORT is accepted', async () => {
    const r = await post({ Authorization: `Bearer ${h.server.token}`, Host: `localhost:${h.server.port}` });
    assert.equal(r.status, 200);
  });
});

describe('Origin header (cross-site requests)', () => {
  for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT', 'http://127.0.0.1:PORT.evil.example', 'file://']) {
    test(`Origin ${origin}: 403 even with the right token`, async () => {
      const r = await post({ Authorization: `Bearer ${h.server.token}`, Origin: origin.replace('PORT', String(h.server.port)) });
      assert.equal(r.status, 403);
    });
  }
  test('our own origin is accepted', async () => {
    const r = await post({ Authorization: `Bearer ${h.server.token}`, Origin: `http://127.0.0.1:${h.server.port}` });
    assert.equal(r.status, 200);
  });
});

describe('bind address', () => {
  test('the printed URL is on 127.0.0.1', () => {
    assert.equal(new URL(h.server.url).hostname, '127.0.0.1');
  });
  test('the kernel has the listening socket on 127.0.0.1 only (/proc/net/tcp)', (t) => {
    if (!existsSync('/proc/net/tcp')) { t.skip('no /proc/net/tcp on this platform'); return; }
    const portHex = h.server.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) => existsSync(file)
      ? readFileSync(file, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${portHex}`) && f[3] === '0A').map((f) => f[1]!.split(':')[0])
      : [];
    assert.deepEqual(listening('/proc/net/tcp'), ['0100007F'], 'one IPv4 listener, on 127.0.0.1');
    assert.deepEqual(listening('/proc/net/tcp6'), [], 'no IPv6 listener (not even ::)');
  });
  test('connecting through any other local address is refused', async (t) => {
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address);
    others.push('::1');
    if (others.length === 0) { t.skip('no other local address to try'); return; }
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const s = connect({ host: address, port: h.server.port });
        s.setTimeout(3000, () => { s.destroy(); resolve('timeout'); });
        s.on('connect', () => { s.destroy(); resolve('connected'); });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      assert.notEqual(outcome, 'connected', `the server answered on ${address}`);
    }
  });
});

describe('errors cross as values', () => {
  for (const [label, method] of [['unknown method', 'fs.readFile'], ['prototype name', 'constructor'], ['__proto__', '__proto__'], ['number as method', 42], ['missing method', undefined]] as const) {
    test(`${label}: BAD_REQUEST`, async () => {
      const r = await rpc(h, method, {});
      assert.equal(r.status, 200);
      assert.equal(r.json.ok, false);
      assert.equal(r.json.error.code, 'BAD_REQUEST');
    });
  }
  for (const [label, method, args] of [
    ['sql as a number', 'query.run', { sql: 42 }],
    ['sql as an array', 'query.run', { sql: ['SELECT 1'] }],
    ['missing sql', 'query.run', {}],
    ['extra argument', 'query.run', { sql: 'SELECT 1', shell: 'rm -rf /' }],
    ['own __proto__ key', 'query.run', JSON.parse('{"sql":"SELECT 1","__proto__":{"polluted":true}}')],
    ['a constructor key', 'query.run', { sql: 'SELECT 1', constructor: 'x' }],
    ['a toString key', 'case.current', { toString: 'x' }],
    ['args as an array', 'query.run', ['SELECT 1']],
    ['args as a string', 'case.open', '/etc'],
    ['params with a non-string value', 'query.run', { sql: 'SELECT 1', params: { a: { b: 1 } } }],
    ['paths not all strings', 'import.start', { paths: ['/tmp', 1] }],
    ['offset as a string', 'evidence.rejects', { evidenceId: 1, offset: '0', limit: 10 }],
    ['folders as a string', 'dialog.openEvidence', { folders: 'true' }],
    ['sort without a column', 'query.page', { queryId: 'q', offset: 0, limit: 1, sort: { descending: true } }],
  ] as const) {
    test(`${method} with ${label}: BAD_REQUEST`, async () => {
      const r = await rpc(h, method, args);
      assert.equal(r.status, 200);
      assert.equal(r.json.ok, false, JSON.stringify(r.json));
      assert.equal(r.json.error.code, 'BAD_REQUEST');
    });
  }
  test('the prototype is not polluted by a __proto__ argument', () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  test('a body that is not JSON: 400, server still up', async () => {
    const r = await post({ Authorization: `Bearer ${h.server.token}` }, '{"method": "app.info", ');
    assert.equal(r.status, 400);
    assert.equal((await rpc(h, 'app.info', {})).json.ok, true);
  });
  test('a body over the size limit is refused without killing the server', async () => {
    const big = JSON.stringify({ method: 'query.run', args: { sql: 'x'.repeat(9 * 1024 * 1024) } });
    const r = await post({ Authorization: `Bearer ${h.server.token}` }, big).catch((e: Error) => ({ status: -1, body: e.message }));
    assert.notEqual(r.status, 200);
    assert.equal((await rpc(h, 'app.info', {})).json.ok, true);
  });
  test('dialogs are refused in a browser (no native dialogs over HTTP)', async () => {
    const r = await rpc(h, 'dialog.openEvidence', { folders: false });
    assert.equal(r.json.ok, false);
    assert.equal(r.json.error.code, 'BAD_REQUEST');
  });
  test('a good call still works after all of the above', async () => {
    const r = await rpc(h, 'query.run', { sql: 'SELECT 41 + 1 AS answer' });
    assert.equal(r.json.ok, true, JSON.stringify(r.json));
    assert.equal(Number(r.json.value.rows[0][0]), 42);
  });
});
