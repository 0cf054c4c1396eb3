// Issue #28: a full disk. The case lives on a small tmpfs mounted for the test (root only; skipped otherwise,
// saying why), filled during an import, during scratch queries and during report export. Each must fail with
// a clear error that says the disk is full, and leave nothing corrupt: once there is room again the case
// opens, case.sqlite passes PRAGMA integrity_check, the seals verify, and the import is completed exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { exportReport } from '../../electron/core/report/export-report';
import { tempDir } from '../helpers/temp';

const FILES = 40;
const PER_FILE = 2500;
const FULL_MESSAGE = /no space left on device|disk is full|ENOSPC|could not write|not enough space/i;

function canMount(): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small tmpfs';
  const probe = tempDir();
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
  if (r.status !== 0) return `mount -t tmpfs is not permitted here: ${r.stderr.toString().trim()}`;
  spawnSync('umount', [probe]);
  return null;
}

function mountTmpfs(dir: string, size: string, remount = false): void {
  const r = spawnSync('mount', remount ? ['-o', `remount,size=${size}`, dir] : ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  assert.equal(r.status, 0, r.stderr.toString());
}

function evidence(): string {
  const dir = tempDir();
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: PER_FILE }, (_, i) => ({
      eventVersion: '1.09', eventTime: `2024-03-01T12:${String(i % 60).padStart(2, '0')}:00Z`, eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances',
      eventID: `${f}-${i}`, userAgent: `agent-${(i * 7919) % 100_003}`, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 97}` },
      requestParameters: { filterSet: { items: [{ name: 'tag', valueSet: { items: [{ value: `v-${f}-${i}-${'x'.repeat(i % 200)}` }] } }] } },
    }));
    writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  return dir;
}

/** Fills the file system but `leave` bytes; returns the ballast file. */
function fill(dir: string, leave: number): string {
  const ballast = join(dir, 'ballast');
  const df = spawnSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' });
  const avail = Number(df.stdout.trim().split('\n').pop());
  writeFileSync(ballast, Buffer.alloc(Math.max(0, avail - leave)));
  return ballast;
}

function integrity(caseDir: string): string {
  const db = new Database(join(caseDir, 'case.sqlite'), { readonly: true, fileMustExist: true });
  try { return db.pragma('integrity_check', { simple: true }) as string; } finally { db.close(); }
}

test('a full disk during import, scratch queries and report export: a clear error, nothing corrupt', { skip: canMount() ?? false }, async (t) => {
  const mountPoint = tempDir();
  mountTmpfs(mountPoint, '24m');
  const prevStaging = process.env.CAIRN_MEMORY_STAGING;
  process.env.CAIRN_MEMORY_STAGING = 'off'; // staged copies on the full disk too
  const caseDir = join(mountPoint, 'case');
  const ev = evidence();
  try {
    await t.test('import: the files that do not fit fail with the disk named; after room is made the import completes exactly', async () => {
      let c = await Case.open(caseDir, { create: { name: 'full disk', examiner: 't' } });
      let summary: Awaited<ReturnType<typeof importEvidence>> | Error;
      try {
        summary = await importEvidence(c, [ev]).catch((e: unknown) => e as Error);
      } finally { await c.close().catch(() => undefined); }
      const messages = summary instanceof Error ? summary.message : JSON.stringify(summary);
      const imported = summary instanceof Error ? 0 : summary.files.filter((f) => f.status === 'imported').length;
      assert.ok(imported < FILES, `the disk filled before the end (${imported} files imported)`);
      assert.match(messages, FULL_MESSAGE, 'the error says the disk is full');
      assert.equal(integrity(caseDir), 'ok');

      mountTmpfs(mountPoint, '400m', true);
      c = await Case.open(caseDir);
      try {
        assert.deepEqual((await c.verifySeals()).problems, [], 'the files committed before the disk filled match their seals');
        const again = await importEvidence(c, [ev]);
        assert.equal(again.state, 'finished');
        const [n, ids] = (await c.forImport().conn.runAndReadAll('SELECT count(*), count(DISTINCT eventid) FROM cloudtrail')).getRowsJS()[0]!.map(Number);
        assert.deepEqual([n, ids], [FILES * PER_FILE, FILES * PER_FILE], 'every record once');
        assert.ok(c.forImport().store.evidence().every((e) => e.status === 'imported'));
        assert.deepEqual((await c.verifySeals()).problems, []);
      } finally { await c.close(); }
      assert.equal(integrity(caseDir), 'ok');
    });

    await t.test('scratch queries: a spill that meets a full disk fails clearly; the case keeps working', async () => {
      const c = await Case.open(caseDir, { analyst: { memoryLimit: '64MB', scratchLimit: '16GB' } });
      const ballast = fill(mountPoint, 2 * 1024 * 1024);
      try {
        const big = 'CREATE TABLE big AS SELECT md5(range::VARCHAR) || md5((range + 1)::VARCHAR) AS s FROM range(20000000)';
        await assert.rejects(c.queries.run(big, { timeoutMs: 0 }), (e: unknown) => {
          assert.equal((e as { code?: string }).code, 'SCRATCH_FULL', String(e));
          assert.match(String((e as Error).message), /the disk holding the case's tmp folder is full/, String(e));
          return true;
        });
        rmSync(ballast);
        const page = await c.queries.run('SELECT count(*) FROM cloudtrail');
        assert.deepEqual(page.rows, [[String(FILES * PER_FILE)]]);
        assert.deepEqual((await c.verifySeals()).problems, []);
      } finally { rmSync(ballast, { force: true }); await c.close(); }
      assert.equal(integrity(caseDir), 'ok');
    });

    await t.test('report export: fails clearly, leaves no report under its name; with room it exports', async () => {
      const c = await Case.open(caseDir);
      const reports = join(caseDir, 'reports');
      mkdirSync(reports, { recursive: true });
      const ballast = fill(mountPoint, 0);
      try {
        await assert.rejects(exportReport(c, 'html', { name: 'full.html' }), (e: unknown) => { assert.match(String(e), FULL_MESSAGE); return true; });
        assert.equal(existsSync(join(reports, 'full.html')), false, 'no half report under its name');
        assert.deepEqual(readdirSync(reports), [], 'nothing left behind');
        rmSync(ballast);
        const ok = await exportReport(c, 'html', { name: 'full.html' });
        assert.deepEqual(ok.integrityProblems, 0);
      } finally { rmSync(ballast, { force: true }); await c.close(); }
      assert.equal(integrity(caseDir), 'ok');
    });
  } finally {
    if (prevStaging === undefined) delete process.env.CAIRN_MEMORY_STAGING; else process.env.CAIRN_MEMORY_STAGING = prevStaging;
    spawnSync('umount', ['-l', mountPoint]);
  }
});
