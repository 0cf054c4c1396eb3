// The analyst instance's read-only view follows the importer: a result held across an import stays whole and
// consistent, the next query sees the new rows, and the checkpoint waits until no view is held (decision 0001).
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { importEvidence } from '../../electron/core/import/import-service';
import { newCase } from '../helpers/case';
import { tempDir } from '../helpers/temp';

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

test('a result held across an import stays consistent; the next query sees the new rows; the checkpoint waits for it', async () => {
  const c = await newCase();
  const evidence = tempDir();
  await importEvidence(c, [trailFile(evidence, 'a')]);

  const held = await c.queries.run('SELECT eventid FROM cloudtrail', { pageSize: 10 });
  assert.equal(held.done, false, 'the result is still streaming: it holds its view');

  await importEvidence(c, [trailFile(evidence, 'b')]);
  assert.ok(walBytes(c.dir) > 0, 'with a view held, the importer did not checkpoint');

  const count = await c.queries.run('SELECT count(*) FROM cloudtrail');
  assert.equal(Number(count.rows[0]![0]), 2 * PER_FILE, 'a new query sees the rows committed since');

  const whole = await c.queries.complete(held.queryId);
  assert.equal(whole.rowCount, PER_FILE, 'the held result reads its own view to the end');
  const last = await c.queries.page(held.queryId, PER_FILE - 1, 1);
  assert.equal(last.rows[0]![0], `a-${PER_FILE - 1}`);

  await c.queries.close(held.queryId);
  for (let i = 0; i < 100 && walBytes(c.dir) > 0; i++) await sleep(50);
  assert.equal(walBytes(c.dir), 0, 'once no view is held the deferred checkpoint runs');
  const after = await c.queries.run('SELECT count(*) FROM cloudtrail');
  assert.equal(Number(after.rows[0]![0]), 2 * PER_FILE);
});
