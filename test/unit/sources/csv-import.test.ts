import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, importCsv, rows, scalar, tempDir, type Imported } from '../../helpers/csv-harness';

const csv = (name: string): string => join(FIXTURES, 'csv', name);

/** Nothing lost: read = imported + rejected, and every rejected record is in cairn_rejects. */
async function assertAccounted(db: Imported): Promise<void> {
  for (const r of db.results) {
    assert.equal(r.recordsRead, r.imported + r.rejected, `evidence ${r.evidenceId}`);
    assert.equal(Number(await scalar(db.conn, `SELECT count(*) FROM cairn_rejects WHERE evidence_id = ${r.evidenceId}`)), r.rejected);
    for (const t of r.tables) {
      const n = await scalar(db.conn, `SELECT count(*) FROM "${t}" WHERE _evidence_id = ${r.evidenceId}`);
      assert.equal(Number(n), r.imported, `rows in ${t}`);
    }
  }
}

async function columnsOf(db: Imported, table: string): Promise<string[]> {
  return (await rows(db.conn, `SELECT column_name FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`)).map((r) => String(r.column_name));
}

test('real sample events.csv: 381 rows, 15 columns, values identical to DuckDB read_csv of the same bytes', async () => {
  const path = join(FIXTURES, 'samples', 'csv', 'events.csv');
  const db = await importCsv([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.tables]), [[381, 381, 0, ['events']]]);
    const cols = await columnsOf(db, 'events');
    assert.equal(cols.length, 15 + 3);
    assert.deepEqual(cols.slice(0, 2), ['eventname', 'eventsource']);
    assert.deepEqual(cols.slice(15), ['_evidence_id', '_ordinal', '_line']);
    // Independent oracle: DuckDB's own reader on this regular file (it reads empty fields as NULL, we keep '').
    const list = cols.slice(0, 15).map((c) => `coalesce("${c}", '')`).join(', ');
    const diff = await scalar(db.conn, `SELECT count(*) FROM (
      SELECT ${list} FROM events EXCEPT ALL SELECT ${list} FROM read_csv('${path}', header = true, all_varchar = true, normalize_names = true, names = [${cols.slice(0, 15).map((c) => `'${c}'`).join(', ')}]))`);
    assert.equal(Number(diff), 0);
    const first = (await rows(db.conn, 'SELECT eventname, incidents, _ordinal, _line FROM events ORDER BY _ordinal LIMIT 1'))[0];
    assert.equal(first?.eventname, 'AddMemberToGroup');
    assert.match(String(first?.incidents), /^\[\{"description": "Tales from the cloud trenches/);
    assert.equal(first?._ordinal, 1n);
    assert.equal(first?._line, 2n);
    await assertAccounted(db);
  } finally { db.close(); }
});

test('semicolon and tab dialects, no header, pipe', async () => {
  const t = tempDir();
  const pipe = t.write('pipe.psv', 'a|b\n1|2\n');
  const db = await importCsv([csv('semicolon.csv'), csv('tab.tsv'), csv('no-header.csv'), pipe]);
  try {
    assert.deepEqual(db.results.map((r) => r.tables[0]), ['semicolon', 'tab', 'no_header', 'pipe']);
    assert.deepEqual(await rows(db.conn, 'SELECT id, amount, note FROM semicolon ORDER BY _ordinal'), [
      { id: '1', amount: '3,50', note: 'first, with comma' }, { id: '2', amount: '4,00', note: 'quoted; semicolon' }, { id: '3', amount: '10,25', note: 'plain' }]);
    assert.deepEqual(await rows(db.conn, 'SELECT src, dst, action FROM tab ORDER BY _ordinal'), [
      { src: '10.0.0.1', dst: '10.0.0.2', action: 'ACCEPT' }, { src: '10.0.0.3', dst: '', action: 'REJECT' }]);
    assert.deepEqual((await columnsOf(db, 'no_header')).slice(0, 4), ['column_1', 'column_2', 'column_3', 'column_4']);
    assert.deepEqual(await rows(db.conn, 'SELECT column_1, _ordinal, _line FROM no_header ORDER BY _ordinal LIMIT 1'), [{ column_1: '10.0.0.1', _ordinal: 1n, _line: 1n }]);
    assert.deepEqual(await rows(db.conn, 'SELECT a, b FROM pipe'), [{ a: '1', b: '2' }]);
    await assertAccounted(db);
  } finally { db.close(); t.cleanup(); }
});

test('encodings: UTF-8 BOM not in the first column name, UTF-16 LE/BE with BOM, Latin-1', async () => {
  const t = tempDir();
  const be = Buffer.from('\ufeffid,name\n1,Zoë\n', 'utf16le').swap16();
  const db = await importCsv([csv('utf8-bom.csv'), csv('utf16le.csv'), t.write('utf16be.csv', be), csv('latin1.csv')]);
  try {
    assert.deepEqual((await columnsOf(db, 'utf8_bom')).slice(0, 3), ['id', 'name', 'city']);
    assert.deepEqual(await rows(db.conn, 'SELECT id, name, city FROM utf8_bom ORDER BY _ordinal'), [{ id: '1', name: 'José', city: 'Zürich' }, { id: '2', name: 'Zoë', city: 'Kraków' }]);
    assert.deepEqual(await rows(db.conn, 'SELECT id, name, city, _line FROM utf16le ORDER BY _ordinal'), [
      { id: '1', name: 'José', city: 'Zürich', _line: 2n }, { id: '2', name: '日本', city: 'Tōkyō', _line: 3n }]);
    assert.deepEqual(await rows(db.conn, 'SELECT id, name FROM utf16be'), [{ id: '1', name: 'Zoë' }]);
    assert.deepEqual(await rows(db.conn, 'SELECT name, city FROM latin1 ORDER BY _ordinal'), [{ name: 'José', city: 'Zürich' }, { name: 'François', city: 'São Paulo' }]);
    assert.deepEqual(await rows(db.conn, 'SELECT table_name, encoding FROM cairn_csv_files ORDER BY evidence_id'), [
      { table_name: 'utf8_bom', encoding: 'utf-8' }, { table_name: 'utf16le', encoding: 'utf-16le' },
      { table_name: 'utf16be', encoding: 'utf-16be' }, { table_name: 'latin1', encoding: 'windows-1252' }]);
    await assertAccounted(db);
  } finally { db.close(); t.cleanup(); }
});

test('ragged file keeps its columns: short records padded with NULL, over-long rejected unless the extras are empty', async () => {
  const db = await importCsv([csv('ragged.csv')]);
  try {
    assert.deepEqual((await columnsOf(db, 'ragged')).slice(0, 3), ['a', 'b', 'c']);
    assert.deepEqual(await rows(db.conn, 'SELECT a, b, c, _ordinal, _line FROM ragged ORDER BY _ordinal'), [
      { a: '1', b: '2', c: '3', _ordinal: 1n, _line: 2n },
      { a: '4', b: '5', c: null, _ordinal: 2n, _line: 3n },
      { a: '10', b: '11', c: '12', _ordinal: 4n, _line: 5n },
      { a: '13', b: null, c: null, _ordinal: 5n, _line: 6n },
      { a: 'x\ny', b: 'z', c: 'w', _ordinal: 6n, _line: 7n },
    ]);
    assert.deepEqual(await rows(db.conn, 'SELECT ordinal, line, reason, raw FROM cairn_rejects'), [
      { ordinal: 3n, line: 4n, reason: 'record has 4 fields, the file has 3 columns', raw: '6,7,8,9' }]);
    assert.deepEqual(await rows(db.conn, 'SELECT padded_records, trimmed_records FROM cairn_csv_files'), [{ padded_records: 2n, trimmed_records: 1n }]);
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[6, 5, 1]]);
    await assertAccounted(db);
  } finally { db.close(); }
});

test('embedded newlines are one record; an unterminated quote rejects one line with its line number', async () => {
  const db = await importCsv([csv('embedded-newlines.csv'), csv('unterminated-quote.csv')]);
  try {
    assert.deepEqual(await rows(db.conn, 'SELECT id, message, user, _line FROM embedded_newlines ORDER BY _ordinal'), [
      { id: '1', message: 'line one\r\nline two\nline three', user: 'alice', _line: 2n },
      { id: '2', message: 'she said "hi"', user: 'bob', _line: 5n },
      { id: '3', message: 'plain', user: 'carol', _line: 6n }]);
    assert.deepEqual((await rows(db.conn, 'SELECT id, _line FROM unterminated_quote ORDER BY _ordinal')).map((r) => [r.id, r._line]), [['1', 2n], ['3', 4n], ['4', 5n]]);
    assert.deepEqual(await rows(db.conn, 'SELECT ordinal, line, raw FROM cairn_rejects'), [{ ordinal: 2n, line: 3n, raw: '2,"broken,bob' }]);
    await assertAccounted(db);
  } finally { db.close(); }
});

test('header names made safe and unique; header-only file gives an empty table', async () => {
  const db = await importCsv([csv('duplicate-headers.csv'), csv('header-only.csv')]);
  try {
    assert.deepEqual(await columnsOf(db, 'duplicate_headers'), ['name', 'name_2', 'column_3', 'ordinal', 'c_2fa', 'gro_e', '_evidence_id', '_ordinal', '_line']);
    assert.deepEqual(await rows(db.conn, `SELECT position, header_text FROM cairn_csv_columns WHERE column_name = 'gro_e'`), [{ position: 6, header_text: 'Größe' }]);
    assert.deepEqual(db.results[1], { evidenceId: 101, recordsRead: 0, imported: 0, rejected: 0, tables: ['header_only'] });
    assert.deepEqual((await columnsOf(db, 'header_only')).slice(0, 3), ['eventtime', 'eventname', 'sourceipaddress']);
    await assertAccounted(db);
  } finally { db.close(); }
});

test('blank lines are not records but still count as lines', async () => {
  const t = tempDir();
  const db = await importCsv([t.write('blank-lines.csv', 'a,b\n\n1,2\r\n\r\n\n3,4\n\n')]);
  try {
    assert.deepEqual(await rows(db.conn, 'SELECT a, _ordinal, _line FROM blank_lines ORDER BY _ordinal'), [{ a: '1', _ordinal: 1n, _line: 3n }, { a: '3', _ordinal: 2n, _line: 6n }]);
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[2, 2, 0]]);
  } finally { db.close(); t.cleanup(); }
});
