// A scratch object that an import later shadows: names must reach the evidence, never the scratch object.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { tempDir } from '../helpers/temp';

test('a CSV import that takes a scratch table\'s name renames the scratch table; the name reaches the evidence', async () => {
  const root = tempDir();
  const evidence = join(root, 'evidence');
  mkdirSync(evidence);
  writeFileSync(join(evidence, 'logins.csv'), 'user,ip\nalice,10.0.0.1\nbob,10.0.0.2\ncarol,10.0.0.3\n');
  const c = await Case.open(join(root, 'case'), { create: { name: 'shadow', examiner: 't' } });
  try {
    await c.queries.run('CREATE TABLE logins AS SELECT 42 AS answer');
    await c.queries.run('CREATE VIEW logins_view AS SELECT * FROM logins');
    const before = await c.queries.run('SELECT count(*) FROM logins');
    assert.equal(Number(before.rows[0]![0]), 1, 'before the import, the name is the scratch table');

    const summary = await importEvidence(c, [evidence]);
    assert.equal(summary.totals.imported, 3, JSON.stringify(summary));

    const after = await c.queries.run('SELECT user FROM logins ORDER BY user');
    assert.deepEqual(after.rows.map((r) => r[0]), ['alice', 'bob', 'carol'], 'the name reaches the evidence table');
    const kept = await c.queries.run('SELECT answer FROM logins_scratch');
    assert.deepEqual(kept.rows, [[42]], 'the scratch table is kept under a new name');
    const viaView = await c.queries.run('SELECT count(*) FROM logins_view');
    assert.equal(Number(viaView.rows[0]![0]), 3, 'a scratch view over the name now reads the evidence too');
    const audit = c.auditLog().filter((e) => e.action === 'scratch.renamed');
    assert.equal(audit.length, 1);
    assert.match(JSON.stringify(audit[0]!.detail), /logins_scratch/);
  } finally {
    await c.close();
  }
});
