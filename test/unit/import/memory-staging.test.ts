import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { createMemoryStagingDir, memoryStagingHasRoom, removeMemoryStagingDir, sweepStaleMemoryStagingDirs } from '../../../electron/core/intake/memory-staging';
import { newCase, scalar } from '../../helpers/case';
import { SAMPLES, tempDir } from '../../helpers/temp';

const linux = process.platform === 'linux';

/** A process id that no process has now: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a memory staging folder is private to this process, and one left by a dead process is swept', { skip: !linux }, () => {
  const root = tempDir();
  const stale = join(root, `cairn-staging-${deadPid()}-abc123`);
  const live = join(root, `cairn-staging-${process.ppid}-def456`); // the test runner: alive
  const other = join(root, 'someone-else');
  for (const d of [stale, live, other]) mkdirSync(join(d, 'staging-1'), { recursive: true });

  const dir = createMemoryStagingDir(root);
  assert.ok(dir, 'created');
  assert.match(dir, new RegExp(`cairn-staging-${process.pid}-`));
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(existsSync(stale), false, 'the dead process folder is removed');
  assert.equal(existsSync(live), true, "a live process's folder stays");
  assert.equal(existsSync(other), true, 'folders that are not ours stay');
  sweepStaleMemoryStagingDirs(root);
  assert.equal(existsSync(dir), true, "this process's own folder is never swept");
  removeMemoryStagingDir(dir);
  assert.equal(existsSync(dir), false);
});

test('CAIRN_MEMORY_STAGING=off keeps staged copies on disk', { skip: !linux }, () => {
  process.env.CAIRN_MEMORY_STAGING = 'off';
  try {
    assert.equal(createMemoryStagingDir(tempDir()), null);
  } finally {
    delete process.env.CAIRN_MEMORY_STAGING;
  }
});

test("a case's memory folder is one DuckDB may read, and it goes when the case closes", { skip: !linux || !existsSync('/dev/shm') }, async () => {
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 'm', examiner: 'tester' } });
  const dir = c.forImport().memoryStagingDir;
  try {
    assert.ok(dir && existsSync(dir));
    assert.ok(String(await scalar(c, "SELECT current_setting('allowed_directories')")).includes(`${dir}/`));
  } finally {
    await c.close();
  }
  assert.equal(existsSync(dir), false);
});

test('an import staged in memory lands the same rows as one staged on disk', { skip: !linux }, async (t) => {
  const inMemory = await newCase();
  const onDisk = await newCase();
  const memoryDir = inMemory.forImport().memoryStagingDir;
  if (!memoryDir || !memoryStagingHasRoom(memoryDir)) { t.skip('no tmpfs with room on this machine'); return; }
  // The first run stages in <memory folder>/staging-1 (made beforehand so that it can be watched).
  const runDir = join(memoryDir, 'staging-1');
  mkdirSync(runDir);
  const created: string[] = [];
  const watcher = watch(runDir, (_event, name) => { if (name) created.push(String(name)); });
  const inputs = [join(SAMPLES, 'cloudtrail'), join(SAMPLES, 'vpcflow'), join(SAMPLES, 'csv')];
  const a = await importEvidence(inMemory, inputs);
  await new Promise((r) => setTimeout(r, 50)); // inotify events arrive on the event loop
  watcher.close();
  const b = await importEvidence(onDisk, inputs, { memoryStaging: false });
  assert.equal(a.runId, 1);
  assert.ok(created.some((n) => /^\d+\.dat$/.test(n)), `staged in memory (saw ${JSON.stringify(created)})`);
  assert.deepEqual(readdirSync(memoryDir), [], 'the run folder is removed');
  assert.equal(a.totals.imported, b.totals.imported);
  assert.ok(a.totals.imported > 0);
  for (const table of ['cloudtrail', 'vpc_flow_logs']) {
    const digest = `SELECT count(*), sum(hash(t)) FROM ${table} t`; // every column of every row
    assert.deepEqual(await scalarRow(inMemory, digest), await scalarRow(onDisk, digest), table);
  }
});

async function scalarRow(c: Case, sql: string): Promise<unknown[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowsJS()[0]!.map(String);
}
