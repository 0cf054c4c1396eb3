// Static files: only the renderer folder is served, whatever the path encoding; HTML carries the CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INDEX_HTML, raw, SECRET, startHarness, type Harness } from '../../helpers/loopback-harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

const get = (path: string) => raw(h.server.port, { path });

describe('path traversal', () => {
  const attempts = [
    '/../secret.txt', '/../../secret.txt', '/assets/../../secret.txt',
    '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt', '/..\\secret.txt', '/%252e%252e/secret.txt', '/.%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt', '//../secret.txt', '/%2f..%2fsecret.txt',
    '/../renderer-evil/secret.txt', '/..%2frenderer-evil%2fsecret.txt',
    '/../../../../../../../../etc/passwd', '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%2fetc%2fpasswd', '//etc/passwd', '/..%00/secret.txt', '/secret.txt%00.html',
    '/../package.json', '/%2e%2e/%2e%2e/%2e%2e/package.json',
  ];
  for (const path of attempts) {
    test(`GET ${path} never returns a file outside the renderer`, async () => {
      const r = await get(path);
      assert.doesNotMatch(r.body, new RegExp(SECRET), 'the secret next to the renderer leaked');
      assert.doesNotMatch(r.body, /root:x:0:0|"name":\s*"cairn"/, 'a system or project file leaked');
      // Either refused, or the SPA fallback (index.html): never a 5xx stack or the file itself.
      assert.ok(r.status === 403 || r.status === 400 || r.status === 404 || (r.status === 200 && r.body === INDEX_HTML), `status ${r.status}: ${r.body.slice(0, 200)}`);
    });
  }
  test('a malformed percent-encoding is a client error, not a server error', async () => {
    const r = await get('/%E0%A4%A');
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.equal((await get('/')).status, 200, 'the server is still up');
  });
  test('files inside the renderer are served with their type', async () => {
    const r = await get('/assets/app.js');
    assert.equal(r.status, 200);
    assert.equal(r.body, 'console.log("app")');
    assert.match(String(r.headers['content-type']), /^text\/javascript/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });
  test('state-changing methods on static paths are refused', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) assert.equal((await raw(h.server.port, { method, path: '/index.html', body: 'x' })).status, 405);
  });
});

describe('security headers', () => {
  for (const path of ['/', '/index.html', '/some/client/route']) {
    test(`HTML at ${path} carries a strict CSP`, async () => {
      const r = await get(path);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /^text\/html/);
      const csp = String(r.headers['content-security-policy'] ?? '');
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
      assert.deepEqual(directives.get('script-src'), ["'self'"], 'scripts only from our origin: no inline, no eval');
      assert.deepEqual(directives.get('object-src'), ["'none'"]);
      assert.deepEqual(directives.get('base-uri'), ["'none'"]);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(directives.get('connect-src'), ["'self'"], 'no requests to other hosts');
      assert.deepEqual(directives.get('default-src'), ["'self'"]);
      for (const [name, values] of directives) {
        assert.ok(!values.includes("'unsafe-eval'"), `${name} allows eval`);
        assert.ok(!values.some((v) => v === '*' || /^https?:/.test(v)), `${name} allows a remote source`);
      }
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
    });
  }
});
