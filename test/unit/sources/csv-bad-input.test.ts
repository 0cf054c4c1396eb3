import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { csvSource } from '../../../electron/core/sources/csv';
import { FIXTURES, importCsv, probeOf, rows, scalar, tempDir } from '../../helpers/csv-harness';

test('empty file and binary garbage are not CSV; forced through import they fail per file and leave nothing', async () => {
  const t = tempDir();
  const garbage = t.write('garbage.csv', randomBytes(200_000));
  const empty = join(FIXTURES, 'csv', 'empty.csv');
  assert.equal(csvSource.detect(probeOf(garbage)), null);
  assert.equal(csvSource.detect(probeOf(empty)), null);
  const db = await importCsv([garbage, empty, join(FIXTURES, 'csv', 'semicolon.csv')], { force: true });
  try {
    assert.match(db.results[0]?.error ?? '', /not readable as CSV: binary content/);
    assert.match(db.results[1]?.error ?? '', /not readable as CSV: no text/);
    assert.deepEqual(db.results[2], { evidenceId: 102, recordsRead: 3, imported: 3, rejected: 0, tables: ['semicolon'] });
    const tables = (await rows(db.conn, `SELECT table_name FROM duckdb_tables() WHERE NOT starts_with(table_name, 'cairn_') ORDER BY 1`)).map((r) => r.table_name);
    assert.deepEqual(tables, ['semicolon']);
  } finally { db.close(); t.cleanup(); }
});

test('JSON (CloudTrail) and space-separated flow logs are left to their own sources', () => {
  for (const f of ['cloudtrail/cloudtrail.json', 'cloudtrail/AssumeRole.json.cloudtrail', 'vpcflow/valid_vpc_flow_log_multi.log', 'vpcflow/valid_tgw_flow_log.log']) {
    assert.equal(csvSource.detect(probeOf(join(FIXTURES, 'samples', f))), null, f);
  }
  const d = csvSource.detect(probeOf(join(FIXTURES, 'samples', 'csv', 'events.csv')));
  assert.equal(d?.format, 'csv');
  assert.equal(d?.confidence, 0.2);
});

test('invalid UTF-8 beyond the probe: the whole file is read as Windows-1252, every record kept', async () => {
  const t = tempDir();
  const lines = ['id,text'];
  for (let i = 1; i <= 5000; i++) lines.push(`${i},plain ascii text number ${i}`);
  const head = Buffer.from(lines.join('\n') + '\n');
  assert.ok(head.length > 64 * 1024);
  const path = t.write('mixed.csv', Buffer.concat([head, Buffer.from('5001,caf\xe9 \xff\n5002,end\n', 'latin1')]));
  assert.match(csvSource.detect(probeOf(path))?.note ?? '', /utf-8/); // the probe alone cannot see the bad byte
  const db = await importCsv([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[5002, 5002, 0]]);
    assert.equal(await scalar(db.conn, `SELECT text FROM mixed WHERE id = '5001'`), 'café ÿ');
    assert.equal(await scalar(db.conn, 'SELECT encoding FROM cairn_csv_files'), 'windows-1252');
  } finally { db.close(); t.cleanup(); }
});

test('a 10,000-column header (longer than the probe) is detected and imported', async () => {
  const t = tempDir();
  const n = 10_000;
  const header = Array.from({ length: n }, (_, i) => `field_${String(i + 1).padStart(5, '0')}`).join(',');
  const row = (r: number): string => Array.from({ length: n }, (_, i) => `r${r}c${i + 1}`).join(',');
  const path = t.write('wide.csv', [header, row(1), row(2), row(3)].join('\n') + '\n');
  assert.ok(header.length > 64 * 1024);
  assert.ok(csvSource.detect(probeOf(path)));
  const db = await importCsv([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[3, 3, 0]]);
    assert.equal(Number(await scalar(db.conn, `SELECT count(*) FROM duckdb_columns() WHERE table_name = 'wide'`)), n + 3);
    assert.equal(await scalar(db.conn, 'SELECT field_09999 FROM wide WHERE _ordinal = 3'), 'r3c9999');
  } finally { db.close(); t.cleanup(); }
});

test('a value that changes type after row 20,480 is kept exactly (columns are VARCHAR)', async () => {
  const t = tempDir();
  const lines = ['id,port,account'];
  for (let i = 1; i <= 30_000; i++) lines.push(`${i},${i === 25_000 ? 'n/a' : 1024 + (i % 5000)},${i === 29_999 ? '000123456789' : '123456789012'}`);
  const path = t.write('typechange.csv', lines.join('\n') + '\n');
  const db = await importCsv([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[30_000, 30_000, 0]]);
    assert.equal(await scalar(db.conn, `SELECT port FROM typechange WHERE _ordinal = 25000`), 'n/a');
    assert.equal(await scalar(db.conn, `SELECT account FROM typechange WHERE _ordinal = 29999`), '000123456789');
    assert.equal(Number(await scalar(db.conn, 'SELECT count(port) FROM typechange')), 30_000);
  } finally { db.close(); t.cleanup(); }
});

test('a CSV too wide for Cairn fails clearly, per file', async () => {
  const t = tempDir();
  const path = t.write('huge.csv', Array.from({ length: 25_000 }, (_, i) => `c${i}`).join(',') + '\n1,2\n');
  const db = await importCsv([path]);
  try {
    assert.match(db.results[0]?.error ?? '', /25000 columns; Cairn reads CSV files of up to 20000 columns/);
  } finally { db.close(); t.cleanup(); }
});
