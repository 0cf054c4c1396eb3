// Case reports in loopback mode: report.export replies carry download links for the report and its .sha256
// sidecar, which serve exactly those files from the case's reports/ folder — with the token, and nothing else.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { raw, rpc, SECRET, startHarness, type Harness } from '../../helpers/loopback-harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.stop(); });

describe('/download/reports/', () => {
  let reply: { path: string; sha256Path: string; sha256: string; downloadUrl?: string; sha256DownloadUrl?: string };
  before(async () => {
    const r = await rpc(h, 'report.export', { format: 'md' });
    assert.equal(r.json.ok, true, JSON.stringify(r.json));
    reply = r.json.value;
    const c = h.core.currentCase()!;
    writeFileSync(join(c.dir, 'secret.txt'), SECRET);
    mkdirSync(join(c.dir, 'reports', 'nested'), { recursive: true });
  });
  test('the reply links the report and its sidecar under /download/reports/', () => {
    assert.match(reply.downloadUrl ?? '', /^\/download\/reports\/[^/]+\.md$/);
    assert.match(reply.sha256DownloadUrl ?? '', /^\/download\/reports\/[^/]+\.sha256$/);
  });
  test('the report downloads byte for byte, and its SHA-256 is the one in the reply and the sidecar', async () => {
    const r = await raw(h.server.port, { path: reply.downloadUrl!, headers: { Authorization: `Bearer ${h.server.token}` } });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-disposition']), /^attachment;/);
    assert.equal(r.body, readFileSync(reply.path, 'utf8'));
    assert.equal(createHash('sha256').update(r.body).digest('hex'), reply.sha256);
    const side = await raw(h.server.port, { path: `${reply.sha256DownloadUrl!}?token=${h.server.token}` });
    assert.equal(side.status, 200);
    assert.equal(side.body, readFileSync(reply.sha256Path, 'utf8'));
    assert.ok(side.body.includes(reply.sha256));
  });
  test('without the token: 401', async () => {
    assert.equal((await raw(h.server.port, { path: reply.downloadUrl! })).status, 401);
  });
  for (const name of ['..%2Fsecret.txt', '..%2F..%2Fsecret.txt', '%2E%2E%2Fcase.sqlite', 'nested', '%2E%2E', '', 'nested%2F..%2F..%2Fsecret.txt', '..%5Csecret.txt']) {
    test(`/download/reports/${name} serves nothing outside reports/`, async () => {
      const r = await raw(h.server.port, { path: `/download/reports/${name}`, headers: { Authorization: `Bearer ${h.server.token}` } });
      assert.doesNotMatch(r.body, new RegExp(SECRET));
      assert.doesNotMatch(r.body, /SQLite format/);
      assert.ok([400, 403, 404].includes(r.status) || (r.status === 200 && r.body.includes('test renderer')), `status ${r.status}: ${r.body.slice(0, 100)}`);
    });
  }
  test('a report name is not served from exports/, nor an export from reports/', async () => {
    const name = encodeURIComponent(reply.path.split(/[\\/]/).pop()!);
    assert.equal((await raw(h.server.port, { path: `/download/${name}`, headers: { Authorization: `Bearer ${h.server.token}` } })).status, 404);
  });
});
