import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCore } from '../../electron/core/api/create-core';
import { createDispatcher } from '../../electron/core/api/dispatcher';
import { REPO, tempDir } from '../helpers/temp';

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
