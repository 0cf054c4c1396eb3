// The event stream and export downloads: both need the token; downloads come only from the case's exports/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { INDEX_HTML, raw, rpc, SECRET, startHarness, type Harness } from '../../helpers/loopback-harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

/** Opens /events and collects data lines until `until` matches one, or times out. */
function listen(path: string, until: (data: any) => boolean, headers: Record<string, string> = {}): Promise<{ status: number; events: any[] }> {
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    const req = request({ host: '127.0.0.1', port: h.server.port, path, headers: { Host: `127.0.0.1:${h.server.port}`, ...headers }, setHost: false }, (res) => {
      if (res.statusCode !== 200) { res.resume(); resolve({ status: res.statusCode ?? 0, events }); return; }
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          const parsed = JSON.parse(data);
          events.push(parsed);
          if (until(parsed)) { req.destroy(); resolve({ status: 200, events }); }
        }
      });
    });
    req.on('error', (e) => { if (!req.destroyed) reject(e); });
    req.setTimeout(20_000, () => { req.destroy(); reject(new Error('no matching event within 20 s')); });
    req.end();
  });
}

describe('/events', () => {
  test('without the token: 401', async () => {
    assert.equal((await listen('/events', () => true)).status, 401);
  });
  test('with a wrong token: 401', async () => {
    assert.equal((await listen(`/events?token=${'a'.repeat(64)}`, () => true)).status, 401);
  });
  test('with a forged Host: 403', async () => {
    assert.equal((await listen(`/events?token=${h.server.token}`, () => true, { Host: 'evil.example' })).status, 403);
  });
  test('with the token: the core\'s events arrive (a case switch emits case.changed)', async () => {
    const got = listen(`/events?token=${h.server.token}`, (e) => e.event === 'case.changed' && e.payload?.name === 'events test');
    // Give the stream a moment to subscribe, by making one round trip through the server first.
    await rpc(h, 'app.info', {});
    await new Promise((r) => setTimeout(r, 200));
    const created = await rpc(h, 'case.create', { dir: join(h.root, 'case-events'), name: 'events test', examiner: 'tester' });
    assert.equal(created.json.ok, true, JSON.stringify(created.json));
    const { status, events } = await got;
    assert.equal(status, 200);
    assert.ok(events.some((e) => e.event === 'case.changed' && e.payload?.dir === join(h.root, 'case-events')));
  });
});

describe('/download/', () => {
  let downloadUrl = '';
  let exportedPath = '';
  before(async () => {
    const run = await rpc(h, 'query.run', { sql: "SELECT 'a,b' AS x, 2 AS y UNION ALL SELECT '=cmd|calc', 3" });
    assert.equal(run.json.ok, true, JSON.stringify(run.json));
    const exp = await rpc(h, 'query.export', { queryId: run.json.value.queryId, format: 'csv' });
    assert.equal(exp.json.ok, true, JSON.stringify(exp.json));
    downloadUrl = exp.json.value.downloadUrl;
    exportedPath = exp.json.value.path;
    // Things that must never be downloadable: a file next to exports/, the case database, a nested folder.
    const c = h.core.currentCase()!;
    writeFileSync(join(c.dir, 'secret.txt'), SECRET);
    mkdirSync(join(c.dir, 'exports', 'nested'), { recursive: true });
  });
  test('an export gets a download URL, and it serves exactly the exported file', async () => {
    assert.match(downloadUrl, /^\/download\/[^/]+\.csv$/);
    const r = await raw(h.server.port, { path: downloadUrl, headers: { Authorization: `Bearer ${h.server.token}` } });
    assert.equal(r.status, 200);
    assert.equal(r.body, readFileSync(exportedPath, 'utf8'));
    assert.match(String(r.headers['content-disposition']), /^attachment;/);
  });
  test('without the token: 401', async () => {
    assert.equal((await raw(h.server.port, { path: downloadUrl })).status, 401);
  });
  test('with a forged Host: 403', async () => {
    assert.equal((await raw(h.server.port, { path: `${downloadUrl}?token=${h.server.token}`, headers: { Host: 'evil.example' } })).status, 403);
  });
  for (const name of ['..%2Fsecret.txt', '..%2F..%2Fsecret.txt', '%2E%2E%2Fcase.sqlite', '..%5Csecret.txt', 'nested', '..', '..%2F', '%2E%2E', '', 'nested%2F..%2F..%2Fsecret.txt', '%2Fetc%2Fpasswd']) {
    test(`/download/${name} serves nothing outside exports/ and keeps the server up`, async () => {
      const r = await raw(h.server.port, { path: `/download/${name}`, headers: { Authorization: `Bearer ${h.server.token}` } });
      assert.doesNotMatch(r.body, new RegExp(SECRET));
      assert.doesNotMatch(r.body, /root:x:0:0|SQLite format/);
      // `..` segments are resolved by URL parsing before routing, so some of these land on the page (index.html).
      assert.ok(r.status === 404 || r.status === 403 || r.status === 400 || (r.status === 200 && r.body === INDEX_HTML), `status ${r.status}: ${r.body.slice(0, 100)}`);
      assert.equal((await rpc(h, 'app.info', {})).json.ok, true, 'the server died');
    });
  }
  test('an export outside exports/ is refused, and nothing outside exports/ can be fetched', async () => {
    const run = await rpc(h, 'query.run', { sql: 'SELECT 1 AS one' });
    const outside = join(h.root, 'elsewhere.csv');
    // The core refuses to write an export outside the case's exports/ folder at all.
    const exp = await rpc(h, 'query.export', { queryId: run.json.value.queryId, format: 'csv', path: outside });
    assert.equal(exp.json.ok, false, JSON.stringify(exp.json));
    assert.equal(exp.json.error.code, 'BAD_REQUEST');
    assert.equal(existsSync(outside), false);
    const r = await raw(h.server.port, { path: '/download/elsewhere.csv', headers: { Authorization: `Bearer ${h.server.token}` } });
    assert.equal(r.status, 404);
  });
});
