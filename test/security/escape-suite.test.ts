// The escape suite: statements built from the known bypass classes and from every DuckDB statement type and
// file/config table function, sent through both doors (the CLI and the loopback /rpc). Each must be refused with
// SQL_DENIED; afterwards the seals verify, the evidence files are byte-identical and the evidence still answers.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { createCore } from '../../electron/core/api/create-core';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { serveLoopback } from '../../electron/loopback/serve';
import { runCli } from '../helpers/cli';
import { SAMPLES, REPO, tempDir } from '../helpers/temp';
import { ESCAPES } from './escapes';

const EVIDENCE = [join(SAMPLES, 'cloudtrail'), join(SAMPLES, 'vpcflow')];
let caseDir = '';
let fileHashes: Map<string, string>;
let rowsBefore = 0;

function hashTree(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(p, out);
    else out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

before(async () => {
  caseDir = join(tempDir(), 'case');
  fileHashes = new Map([...EVIDENCE].flatMap((d) => [...hashTree(d)]));
  const c = await Case.open(caseDir, { create: { name: 'escape suite', examiner: 't' } });
  await importEvidence(c, EVIDENCE);
  const page = await c.queries.run('SELECT count(*) FROM cloudtrail');
  rowsBefore = Number(page.rows[0]![0]);
  await c.close();
  assert.ok(rowsBefore > 0);
});

test('every escape is refused with SQL_DENIED through the CLI', async () => {
  assert.ok(ESCAPES.length >= 150, `the suite holds at least 150 statements (${ESCAPES.length})`);
  const failures: string[] = [];
  for (const [what, sql] of ESCAPES) {
    const { code, err } = await runCli(['query', '--case', caseDir, sql]);
    if (code !== 1 || !/SQL_DENIED/.test(err)) failures.push(`${what}: exit ${code} ${err.trim().slice(0, 200)}`);
  }
  assert.deepEqual(failures, []);
});

type Reply = { ok: boolean; value?: { rows: string[][] }; error?: { code: string; message: string } };

test('every escape is refused with SQL_DENIED through /rpc', async () => {
  const root = tempDir();
  const core = await createCore({ dataDir: join(root, 'data'), resourcesDir: join(REPO, 'resources'), host: 'loopback', initialCase: caseDir });
  const server = await serveLoopback(core, { rendererDir: join(REPO, 'dist', 'renderer') });
  const query = async (sql: string): Promise<Reply> => (await fetch(`http://127.0.0.1:${server.port}/rpc`, {
    method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'query.run', args: { sql } }),
  })).json() as Promise<Reply>;
  try {
    const failures: string[] = [];
    for (const [what, sql] of ESCAPES) {
      const reply = await query(sql);
      if (reply.ok || reply.error?.code !== 'SQL_DENIED') failures.push(`${what}: ${JSON.stringify(reply).slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
    // A shipped hunting view still answers in the same session: no scratch object shadows the evidence.
    const reply = await query('SELECT count(*) FROM cloudtrail_logs');
    assert.equal(Number(reply.value!.rows[0]![0]), rowsBefore);
  } finally {
    await server.close();
    await core.dispose();
  }
});

test('afterwards: the seals verify, the evidence files are byte-identical, the evidence answers', async () => {
  const { code, err } = await runCli(['verify', '--case', caseDir]);
  assert.equal(code, 0, err);
  for (const [p, h] of fileHashes) assert.equal(createHash('sha256').update(readFileSync(p)).digest('hex'), h, p);
  const c = await Case.open(caseDir);
  try {
    const page = await c.queries.run('SELECT count(*) FROM cloudtrail');
    assert.equal(Number(page.rows[0]![0]), rowsBefore);
  } finally {
    await c.close();
  }
});
