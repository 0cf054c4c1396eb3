// export.parquet (the workbench's Parquet export) writes only into a new folder of the case's exports/ folder.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parquetExportFolder } from '../../../electron/core/api/handlers/export-handlers';
import { tempDir } from '../../helpers/temp';

test('a page names a folder of the case\'s exports folder, never a path', () => {
  const caseDir = tempDir();
  assert.equal(parquetExportFolder(caseDir, 'for-athena'), join(caseDir, 'exports', 'for-athena'));
  assert.equal(parquetExportFolder(caseDir, undefined, new Date('2026-12-07T15:00:00.000Z')), join(caseDir, 'exports', 'parquet-2026-12-07T15-00-00-000Z'));
  for (const bad of ['../escaped', 'a/b', '/tmp/x', '.hidden', '..', 'x'.repeat(129), 'tab\there']) {
    assert.throws(() => parquetExportFolder(caseDir, bad), { code: 'BAD_REQUEST' }, bad);
  }
  mkdirSync(join(caseDir, 'exports', 'taken'), { recursive: true });
  assert.throws(() => parquetExportFolder(caseDir, 'taken'), /already exists/);
});
