import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCore } from '../../../electron/core/api/create-core';
import { createDispatcher } from '../../../electron/core/api/dispatcher';
import { REPO, tempDir } from '../../helpers/temp';

test('exports stay inside the case folder, with formula cells neutralised', async (t) => {
  const core = await createCore({ dataDir: tempDir(), resourcesDir: join(REPO, 'resources'), host: 'loopback' });
  t.after(() => core.dispose());
  const call = createDispatcher(core.handlers);
  const caseDir = join(tempDir(), 'case');
  assert.equal((await call('case.create', { dir: caseDir, name: 'export', examiner: 't' })).ok, true);
  const run = await call('query.run', { sql: "SELECT '=HYPERLINK(\"http://x\")' AS v, '+1' AS w UNION ALL SELECT 'plain', '-2'" });
  assert.ok(run.ok);
  const queryId = (run.value as { queryId: string }).queryId;

  const outside = join(tempDir(), 'evil.csv');
  for (const path of [outside, '../evil.csv', '/etc/cron.d/x', '.bashrc', 'sub/dir.csv']) {
    const r = await call('query.export', { queryId, format: 'csv', path });
    assert.equal(r.ok, false, path);
    if (!r.ok) assert.equal(r.error.code, 'BAD_REQUEST');
  }
  assert.equal(existsSync(outside), false);

  const ok = await call('query.export', { queryId, format: 'csv', path: 'result.csv' });
  assert.ok(ok.ok);
  const written = (ok.value as { path: string; rows: number }).path;
  assert.equal(written, join(caseDir, 'exports', 'result.csv'));
  assert.equal(readFileSync(written, 'utf8'), 'v,w\r\n"\'=HYPERLINK(""http://x"")",\'+1\r\nplain,\'-2\r\n');
});

test('CSV export: numbers stay numbers; text formulas behind blanks or in full-width forms are neutralised', async (t) => {
  const core = await createCore({ dataDir: tempDir(), resourcesDir: join(REPO, 'resources'), host: 'loopback' });
  t.after(() => core.dispose());
  const call = createDispatcher(core.handlers);
  const caseDir = join(tempDir(), 'case');
  assert.equal((await call('case.create', { dir: caseDir, name: 'export', examiner: 't' })).ok, true);
  const run = await call('query.run', { sql: `SELECT -5::INTEGER AS i, -5::BIGINT AS b, -1.50::DECIMAL(4,2) AS d, -2.5::DOUBLE AS f, '-5' AS t,
      ' =1+1' AS sp, chr(9) || '@SUM(A1)' AS tab, '\uff1dcmd' AS fw, '\uff0b1' AS fwplus, 'a-b' AS mid` });
  assert.ok(run.ok);
  const ok = await call('query.export', { queryId: (run.value as { queryId: string }).queryId, format: 'csv', path: 'numbers.csv' });
  assert.ok(ok.ok);
  const [, row] = readFileSync((ok.value as { path: string }).path, 'utf8').split('\r\n');
  assert.equal(row, `-5,-5,-1.50,-2.5,'-5,' =1+1,'\t@SUM(A1),'\uff1dcmd,'\uff0b1,a-b`);
});
