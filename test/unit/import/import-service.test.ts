import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Case } from '../../../electron/core/case/case';
import { EVIDENCE_ROW_GROUP_ROWS } from '../../../electron/core/duck/evidence-db';
import { importEvidence } from '../../../electron/core/import/import-service';
import type { ImportProgress } from '../../../shared/types';
import { newCase, scalar } from '../../helpers/case';
import { SAMPLES, tempDir } from '../../helpers/temp';

test('a folder of real samples lands with every record accounted for', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'cloudtrail'), join(SAMPLES, 'csv')]);
  assert.equal(s.state, 'finished');
  const byName = new Map(s.files.map((f) => [f.relPath, f]));
  assert.equal(byName.get('aws.credential-access.ssm-retrieve-securestring-parameters.json')?.imported, 10);
  assert.equal(byName.get('events.csv')?.imported, 381);
  assert.equal(s.totals.recordsRead, s.totals.imported + s.totals.rejected);
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), 30);
  // Manifest and ledger agree with the tables.
  const manifest = c.forImport().store.evidence();
  assert.equal(manifest.length, 16);
  for (const e of manifest) {
    assert.match(e.sha256, /^[0-9a-f]{64}$/);
    assert.equal(e.recordsRead, e.imported + e.rejected);
    assert.equal(e.status, 'imported');
  }
  assert.equal(Number(await scalar(c, 'SELECT sum(imported) FROM cairn_ledger')), 30 + 381);
  const actions = c.forImport().store.auditLog().map((a) => a.action);
  for (const a of ['case.created', 'import.started', 'evidence.added', 'evidence.imported', 'import.finished']) assert.ok(actions.includes(a), a);
  assert.equal(c.forImport().store.verifyAudit().ok, true);
});

test('adding the same bytes again is a reported no-op, not a second import', async () => {
  const c = await newCase();
  const dir = tempDir();
  copyFileSync(join(SAMPLES, 'cloudtrail', 'cloudtrail.json'), join(dir, 'a.json'));
  copyFileSync(join(SAMPLES, 'cloudtrail', 'cloudtrail.json'), join(dir, 'copy-of-a.json'));
  const s = await importEvidence(c, [dir]);
  assert.deepEqual(s.files.map((f) => f.status), ['imported', 'duplicate']);
  assert.match(s.files[1]!.reason!, /same SHA-256 as evidence #1/);
  const again = await importEvidence(c, [join(dir, 'a.json')]);
  assert.equal(again.files[0]!.status, 'duplicate');
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), 1);
  assert.equal(c.forImport().store.evidence().length, 1);
});

test('bad input is listed with a reason, never skipped, never a crash', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, 'empty.json.gz'), '');
  writeFileSync(join(dir, 'garbage.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const gz = gzipSync(Buffer.from(JSON.stringify({ Records: [{ eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject' }] })));
  writeFileSync(join(dir, 'truncated.json.gz'), gz.subarray(0, gz.length - 10));
  writeFileSync(join(dir, 'notes.txt'), 'The analyst wrote this note and it is not a log\n');
  mkdirSync(join(dir, 'sub'));
  symlinkSync(join(dir, 'notes.txt'), join(dir, 'sub', 'link.txt'));
  const s = await importEvidence(c, [dir]);
  const status = Object.fromEntries(s.files.map((f) => [f.relPath, [f.status, f.reason]]));
  assert.deepEqual(status['empty.json.gz'], ['unsupported', 'empty file (0 bytes)']);
  assert.equal(status['garbage.bin']![0], 'unsupported');
  assert.match(String(status['garbage.bin']![1]), /binary/);
  assert.equal(status['truncated.json.gz']![0], 'failed');
  assert.match(String(status['truncated.json.gz']![1]), /corrupt gzip|truncated/);
  assert.equal(status['notes.txt']![0], 'unsupported');
  assert.equal(status['sub/link.txt']![0], 'unsupported');
  assert.match(String(status['sub/link.txt']![1]), /symbolic link/);
  // The truncated file is in the manifest with its hash, so the report can show it.
  assert.equal(c.forImport().store.evidence().find((e) => e.relPath === 'truncated.json.gz')?.status, 'failed');
});

test('progress: bytes finished never run back or ahead of bytes read, and reach the total once every file is settled', async () => {
  const c = await newCase();
  const dir = tempDir();
  for (const name of ['cloudtrail.json', 'aws.credential-access.ssm-retrieve-securestring-parameters.json']) copyFileSync(join(SAMPLES, 'cloudtrail', name), join(dir, name));
  copyFileSync(join(SAMPLES, 'cloudtrail', 'cloudtrail.json'), join(dir, 'duplicate.json'));
  copyFileSync(join(SAMPLES, 'csv', 'events.csv'), join(dir, 'events.csv'));
  writeFileSync(join(dir, 'garbage.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, 'empty.json.gz'), '');
  const gz = gzipSync(Buffer.from('{"Records":[]}'));
  writeFileSync(join(dir, 'truncated.json.gz'), gz.subarray(0, gz.length - 4));
  const seen: ImportProgress[] = [];
  const s = await importEvidence(c, [dir], { onProgress: (p) => seen.push(p) });
  assert.deepEqual(new Set(s.files.map((f) => f.status)), new Set(['imported', 'duplicate', 'unsupported', 'failed']));
  let before = 0;
  for (const p of seen) {
    assert.ok(p.bytesFinished >= before, 'never runs back');
    assert.ok(p.bytesFinished <= p.bytesDone, 'not ahead of what was read');
    assert.ok(p.bytesDone <= p.bytesTotal);
    before = p.bytesFinished;
  }
  const last = seen[seen.length - 1]!;
  assert.equal(last.phase, 'done');
  assert.equal(last.filesDone, last.filesTotal);
  assert.equal(last.bytesDone, last.bytesTotal);
  assert.equal(last.bytesFinished, last.bytesTotal);
});

test('a cancelled import commits nothing partial and a second run completes it', async () => {
  const c = await newCase();
  const dir = tempDir();
  for (let f = 0; f < 30; f++) {
    const records = Array.from({ length: 200 }, (_, i) => ({ eventVersion: '1.08', eventTime: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', eventID: `${f}-${i}` }));
    writeFileSync(join(dir, `f${String(f).padStart(2, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  const controller = new AbortController();
  let files = 0;
  const first = await importEvidence(c, [dir], {
    signal: controller.signal, batchBytes: 1, // one file per transaction
    onProgress: (p) => { files = p.filesDone; if (p.filesDone >= 3) controller.abort(); },
  });
  assert.equal(first.state, 'cancelled');
  assert.ok(files >= 3);
  const committed = Number(await scalar(c, 'SELECT count(*) FROM cloudtrail'));
  assert.equal(committed % 200, 0, 'whole files only');
  assert.ok(committed < 30 * 200);
  const second = await importEvidence(c, [dir]);
  assert.equal(second.state, 'finished');
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), 30 * 200);
  assert.equal(Number(await scalar(c, 'SELECT count(DISTINCT (_evidence_id, _ordinal)) FROM cloudtrail')), 30 * 200);
  assert.equal(c.forImport().store.evidence().filter((e) => e.status === 'imported').length, 30);
});

test('the evidence database runs with the settings the import was measured with', async () => {
  // An option DuckDBInstance.create does not know is ignored without an error (disabled_compression_methods
  // was), so the settings are read back from the database itself.
  const c = await newCase();
  const setting = async (name: string): Promise<string> => String(await scalar(c, `SELECT current_setting('${name}')`));
  assert.equal(await setting('disabled_compression_methods'), 'FSST');
  assert.equal(await setting('max_vacuum_tasks'), '0');
  assert.equal(await setting('preserve_insertion_order'), 'true');
  assert.equal(await setting('integer_division'), 'true');
  assert.match(await setting('memory_limit'), /^732\.\d MiB$/); // 768 MB
  // DuckDB's allocator returns freed pages from its own thread: 5M mixed-size events stay clear of 1.5 GiB by it.
  assert.equal(await setting('allocator_background_threads'), 'true');
  // The buffer manager's blocks come from DuckDB's block pool, as large as the memory limit (fewer page faults).
  assert.match(await setting('block_allocator_memory'), /^732\.\d MiB$/);
  // The import reports DuckDB's progress through a batch's INSERT, and that is only tracked when asked for.
  assert.equal(await setting('enable_progress_bar'), 'true');
  assert.equal(await setting('enable_progress_bar_print'), 'false');
  // A new case's file is written in v1.4.0 storage (DICT_FSST; per-column ZSTD for CloudTrail's _raw).
  const tags = String(await scalar(c, 'SELECT tags::VARCHAR FROM duckdb_databases() WHERE database_name = current_database()'));
  assert.match(tags, /storage_version.*v1\.4\.0/);
});

test('evidence tables are written in row groups of EVIDENCE_ROW_GROUP_ROWS rows, on every open of the case', async () => {
  // The row group size is an ATTACH option that the database file does not keep, so it is checked again
  // after the case is closed and opened again.
  const rowGroups = async (c: Case): Promise<number[]> => {
    const r = await c.forImport().conn.runAndReadAll(
      "SELECT max(count)::INTEGER AS n FROM pragma_storage_info('probe') GROUP BY row_group_id ORDER BY row_group_id");
    return r.getRowsJS().map((row) => Number(row[0]));
  };
  const first = await newCase();
  await first.forImport().conn.run(`CREATE TABLE probe AS SELECT range AS n FROM range(${EVIDENCE_ROW_GROUP_ROWS + 10})`);
  assert.deepEqual(await rowGroups(first), [EVIDENCE_ROW_GROUP_ROWS, 10]);
  assert.ok((await first.tables()).some((t) => t.name === 'probe'), 'the evidence catalog keeps its name');
  await first.close();
  const again = await Case.open(first.dir);
  after(() => again.close().catch(() => undefined));
  await again.forImport().conn.run(`INSERT INTO probe SELECT range FROM range(${EVIDENCE_ROW_GROUP_ROWS + 20})`);
  await again.forImport().conn.run('CHECKPOINT');
  assert.deepEqual(await rowGroups(again), [EVIDENCE_ROW_GROUP_ROWS, 10, EVIDENCE_ROW_GROUP_ROWS, 20]);
});

test('files enter the manifest in their listed order, even with a big file ahead of more files than the staging window holds', async () => {
  const c = await newCase();
  const dir = tempDir();
  const trail = (f: number, n: number): Buffer => gzipSync(JSON.stringify({
    Records: Array.from({ length: n }, (_, i) => ({ eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: `${f}-${i}` })),
  }));
  const names: string[] = [];
  for (let f = 0; f < 200; f++) {
    const name = `f${String(f).padStart(3, '0')}.json.gz`;
    writeFileSync(join(dir, name), trail(f, f % 50 === 0 ? 20_000 : 3)); // a big file every 50, small ones behind it
    names.push(name);
  }
  const s = await importEvidence(c, [dir]);
  assert.equal(s.state, 'finished');
  assert.deepEqual(s.files.map((f) => f.relPath), names);
  assert.deepEqual(s.files.map((f) => f.evidenceId), names.map((_n, i) => i + 1));
  assert.deepEqual(c.forImport().store.evidence().map((e) => e.relPath), names);
  assert.equal(Number(await scalar(c, 'SELECT count(*) FROM cloudtrail')), 4 * 20_000 + 196 * 3);
});
