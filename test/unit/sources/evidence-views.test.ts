// The analyst instance's read-only view follows the importer: a result kept across an import stays whole and
// consistent (DuckDB made it a table of its own, decision 0050), so it holds no view and the importer's
// checkpoint is not deferred; the next query sees the new rows (decision 0001).
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

const PER_FILE = 5000;

function trailFile(dir: string, name: string): string {
  const records = Array.from({ length: PER_FILE }, (_, i) => ({
    eventVersion: '1.09', eventTime: '2024-03-01T12:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances',
    eventID: `${name}-${i}`, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/u' },
  }));
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ Records: records }));
  return path;
}

const walBytes = (caseDir: string): number => {
  const wal = join(caseDir, 'evidence.duckdb.wal');
  return existsSync(wal) ? statSync(wal).size : 0;
};

test('a result kept across an import stays consistent and holds no view; the next query sees the new rows', async () => {
  const c = await newCase();
  const evidence = tempDir();
  await importEvidence(c, [trailFile(evidence, 'a')]);

  const held = await c.queries.run('SELECT eventid FROM cloudtrail', { pageSize: 10 });
  assert.equal(held.done, true, 'the result is whole when its first page arrives');
  assert.equal(held.rowCount, PER_FILE);

  await importEvidence(c, [trailFile(evidence, 'b')]);
  for (let i = 0; i < 100 && walBytes(c.dir) > 0; i++) await sleep(50);
  assert.equal(walBytes(c.dir), 0, 'no view is held by a finished result: the checkpoint ran');

  const count = await c.queries.run('SELECT count(*) FROM cloudtrail');
  assert.equal(Number(count.rows[0]![0]), 2 * PER_FILE, 'a new query sees the rows committed since');

  const whole = await c.queries.complete(held.queryId);
  assert.equal(whole.rowCount, PER_FILE, 'the kept result is the rows of its own run');
  const last = await c.queries.page(held.queryId, PER_FILE - 1, 1);
  assert.equal(last.rows[0]![0], `a-${PER_FILE - 1}`);
  await c.queries.close(held.queryId);
});
