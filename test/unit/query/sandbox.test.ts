import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { CairnError } from '../../../electron/core/errors';
import { importEvidence } from '../../../electron/core/import/import-service';
import { SAMPLES, tempDir } from '../../helpers/temp';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

test('analyst SQL cannot change evidence, touch files, load extensions or change settings', async (t) => {
  const caseDir = join(tempDir(), 'case');
  const outside = tempDir();
  const secret = join(outside, 'secret.csv');
  writeFileSync(secret, 'user,password\nroot,hunter2\n');
  const evidenceFile = join(SAMPLES, 'cloudtrail', 'cloudtrail.json');
  const evidenceHash = sha(evidenceFile);

  let c = await Case.open(caseDir, { create: { name: 'sandbox', examiner: 't' } });
  await importEvidence(c, [evidenceFile]);
  await c.close();
  const dbPath = join(caseDir, 'evidence.duckdb');
  const dbHash = sha(dbPath);

  c = await Case.open(caseDir);
  // A symlink inside the case's own tmp folder, pointing outside: DuckDB may read tmp, so the gate must hold.
  symlinkSync(secret, join(c.tmpDir, 'link.csv'));
  const attempts: Array<[string, string]> = [
    ['detach and re-attach read-write', `DETACH evidence; ATTACH '${dbPath}' AS evidence`],
    ['attach read-write alias', `ATTACH '${dbPath}' AS ev2`],
    ['detach', 'DETACH evidence'],
    ['use another catalog', 'USE evidence'],
    ['set', "SET enable_external_access = true"],
    ['reset', 'RESET lock_configuration'],
    ['pragma', 'PRAGMA enable_profiling'],
    ['copy to file', `COPY cloudtrail TO '${join(c.tmpDir, 'out.csv')}'`],
    ['copy from file', `COPY cloudtrail FROM '${secret}'`],
    ['export database', `EXPORT DATABASE '${c.tmpDir}'`],
    ['install extension', 'INSTALL httpfs'],
    ['load extension', 'LOAD httpfs'],
    ['call', 'CALL pragma_version()'],
    ['checkpoint', 'CHECKPOINT'],
    ['delete evidence', 'DELETE FROM cloudtrail'],
    ['update evidence', "UPDATE cloudtrail SET eventname = 'x'"],
    ['insert evidence', 'INSERT INTO cloudtrail (eventname) VALUES (1)'],
    ['drop evidence', 'DROP TABLE cloudtrail'],
    ['drop evidence view', 'DROP VIEW cloudtrail_logs'],
    ['alter evidence', 'ALTER TABLE cloudtrail ADD COLUMN x INT'],
    ['create in evidence', 'CREATE TABLE evidence.main.planted AS SELECT 1'],
    ['read_csv outside', `SELECT * FROM read_csv('${secret}')`],
    ['read_csv ../ traversal', `SELECT * FROM read_csv('${c.tmpDir}/../../${secret}')`],
    ['read_csv via symlink in tmp', `SELECT * FROM read_csv('${join(c.tmpDir, 'link.csv')}')`],
    ['read_text', `SELECT * FROM read_text('${secret}')`],
    ['read_blob', `SELECT * FROM read_blob('/etc/passwd')`],
    ['glob', "SELECT * FROM glob('/etc/*')"],
    ['replacement scan by path', `SELECT * FROM '${secret}'`],
    ['query() runs SQL text', "SELECT * FROM query('SELECT 1')"],
    ['getenv', "SELECT getenv('HOME')"],
    ['begin transaction', 'BEGIN TRANSACTION'],
    ['vacuum', 'VACUUM'],
    ['explain analyze a delete', 'EXPLAIN ANALYZE DELETE FROM cloudtrail'],
    ['prepare', 'PREPARE p AS DELETE FROM cloudtrail'],
  ];
  for (const [what, sql] of attempts) {
    await t.test(what, async () => {
      await assert.rejects(c.queries.run(sql), (e: unknown) => {
        assert.ok(e instanceof CairnError, `${what}: ${String(e)}`);
        assert.equal(e.code, 'SQL_DENIED', `${what}: ${e.code} ${e.message}`);
        assert.match(e.message, /denied/);
        return true;
      });
    });
  }
  await t.test('scratch objects are allowed and outlive the query that made them', async () => {
    const made = await c.queries.run('CREATE TEMP TABLE my_events AS SELECT eventname FROM cloudtrail');
    assert.match(made.message ?? '', /done/);
    await c.queries.run('CREATE VIEW my_view AS SELECT count(*) AS n FROM my_events');
    const page = await c.queries.run('SELECT n FROM my_view');
    assert.deepEqual(page.rows, [['1']]);
    await c.queries.run('DROP VIEW my_view');
    await assert.rejects(c.queries.run('CREATE VIEW cloudtrail2 AS SELECT 1; DROP TABLE cloudtrail'), /denied/);
  });
  await t.test('the evidence is still there and queryable', async () => {
    const page = await c.queries.run('SELECT count(*) FROM cloudtrail');
    assert.deepEqual(page.rows, [['1']]);
  });
  await c.close();
  assert.equal(sha(dbPath), dbHash, 'the evidence database is byte-for-byte unchanged');
  assert.equal(sha(evidenceFile), evidenceHash, 'the evidence file is unchanged');
});
