// The dispatcher behind the Electron IPC channel (and the loopback /rpc): whatever a compromised page sends —
// including values IPC can carry but JSON cannot (NaN, Infinity, nested objects) — comes back as an error
// value with a stable code, and never reaches a handler with the wrong types.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { METHODS } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/api/create-core';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatcher';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
let root: string;
let core: Core;
let dispatch: Dispatch;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-dispatch-'));
  core = await createCore({ dataDir: join(root, 'data'), resourcesDir: join(REPO_ROOT, 'resources'), host: 'electron' });
  dispatch = createDispatcher(core.handlers);
});
after(async () => { await core?.dispose(); rmSync(root, { recursive: true, force: true }); });

async function refused(method: unknown, args: unknown, code = 'BAD_REQUEST'): Promise<string> {
  const reply = await dispatch(method, args);
  assert.equal(reply.ok, false, `accepted: ${JSON.stringify(reply)}`);
  if (!reply.ok) { assert.equal(reply.error.code, code, reply.error.message); return reply.error.message; }
  return '';
}

describe('unknown methods', () => {
  for (const method of ['shell.exec', 'query.run ', 'QUERY.RUN', 'constructor', 'toString', 'hasOwnProperty', '__proto__', '', null, undefined, 1, ['query.run'], { m: 'query.run' }]) {
    test(`${JSON.stringify(method) ?? 'undefined'} is refused`, async () => { await refused(method, {}); });
  }
  test('the message names the method, as text', async () => {
    assert.match(await refused('<img src=x onerror=alert(1)>', {}), /unknown method "<img src=x onerror=alert\(1\)>"/);
  });
});

describe('argument validation', () => {
  const cases: Array<[string, string, unknown]> = [
    ['NaN number', 'evidence.rejects', { evidenceId: Number.NaN, offset: 0, limit: 10 }],
    ['Infinity number', 'query.history', { limit: Number.POSITIVE_INFINITY }],
    ['bigint number', 'import.cancel', { runId: 1n }],
    ['string as number', 'import.cancel', { runId: '1' }],
    ['object as string', 'case.open', { dir: { toString: '/etc' } }],
    ['null required string', 'case.open', { dir: null }],
    ['array as args', 'case.open', ['/tmp']],
    ['string as args', 'app.info', 'x'],
    ['number as args', 'app.info', 7],
    ['extra key on an empty shape', 'case.close', { force: true }],
    ['inherited name as a key', 'case.close', { constructor: 1 }],
    ['string over 4 MiB', 'query.run', { sql: 'x'.repeat(4 * 1024 * 1024 + 1) }],
    ['a path over 4096 characters', 'import.start', { paths: ['/' + 'a'.repeat(5000)] }],
    ['params value as number', 'query.run', { sql: 'SELECT 1', params: { n: 1 } }],
    ['params as array', 'query.run', { sql: 'SELECT 1', params: ['a'] }],
    ['sort as a string', 'query.page', { queryId: 'q', offset: 0, limit: 1, sort: 'x' }],
    ['sort.descending as a string', 'query.page', { queryId: 'q', offset: 0, limit: 1, sort: { column: 'a', descending: 'yes' } }],
    ['boolean as string', 'dialog.openEvidence', { folders: 'false' }],
  ];
  for (const [label, method, args] of cases) {
    test(`${method}: ${label} is refused`, async () => { await refused(method, args); });
  }
  test('null and undefined args mean "no arguments"', async () => {
    for (const args of [null, undefined]) {
      const reply = await dispatch('app.info', args);
      assert.equal(reply.ok, true);
      if (reply.ok) assert.equal((reply.value as { host: string }).host, 'electron');
    }
  });
});

describe('handlers', () => {
  test('every listed method has a handler', () => {
    for (const m of METHODS) assert.equal(typeof core.handlers[m], 'function', m);
  });
  test('a handler error comes back as a value with its code (no case open)', async () => {
    await refused('query.run', { sql: 'SELECT 1' });
    await refused('case.open', { dir: join(root, 'not-a-case') }, 'NOT_A_CASE');
  });
  test('void results cross as null (IPC and JSON both carry it)', async () => {
    const reply = await dispatch('case.close', {});
    assert.deepEqual(reply, { ok: true, value: null });
  });
  test('the dispatcher never throws, even when a handler does', async () => {
    const broken = createDispatcher({ ...core.handlers, 'app.info': () => { throw new TypeError('boom'); } });
    assert.deepEqual(await broken('app.info', {}), { ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
  test('a valid call reaches the real core', async () => {
    const created = await dispatch('case.create', { dir: join(root, 'case'), name: 'dispatch', examiner: 'tester' });
    assert.equal(created.ok, true, JSON.stringify(created));
    const q = await dispatch('query.run', { sql: "SELECT 'ok' AS v" });
    assert.equal(q.ok, true, JSON.stringify(q));
    if (q.ok) assert.deepEqual((q.value as { rows: unknown[][] }).rows, [['ok']]);
  });
});
