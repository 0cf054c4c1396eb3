// Every line is imported or rejected, with its line number, byte offset, reason and text; hostile input
// gives rejects or a per-file error, never an exception or silence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { vpcFlowSource } from '../../../electron/core/sources/vpc-flow';
import { FIXTURES, importFiles, probeOf, rows, scalar, tempDir } from '../../helpers/vpc-flow-harness';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const record = (n: number): string => `2 123456789012 eni-0c0ffee000000000${n % 10} 10.0.${n % 250}.1 10.1.0.2 ${n % 60000} 443 6 1 ${n} 1704067200 1704067260 ACCEPT OK`;

/** Byte offset of each 1-based line of `text`. */
function lineOffsets(text: Buffer): number[] {
  const offsets = [0, 0];
  for (let i = 0; i < text.length; i++) if (text[i] === 10) offsets.push(i + 1);
  return offsets;
}

test('bad lines are rejected with line number, byte offset, reason and raw text; counts add up', async () => {
  const path = join(FIXTURES, 'vpcflow', 'bad-lines.log');
  const bytes = readFileSync(path);
  const lines = bytes.toString('latin1').split('\n');
  const offsets = lineOffsets(bytes);
  const db = await importFiles([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[10, 4, 6, undefined]]);
    const good = await rows(db.conn, `SELECT _ordinal, srcport FROM vpc_flow_logs ORDER BY _ordinal`);
    assert.deepEqual(good.map((r) => [r._ordinal, r.srcport]), [[2n, 1000], [6n, 1002], [10n, 1004], [11n, 1005]]);
    const rej = await rows(db.conn, `SELECT evidence_id, source, ordinal, line, byte_offset, reason, raw, raw_length FROM cairn_rejects ORDER BY line`);
    assert.deepEqual(rej.map((r) => Number(r.line)), [3, 4, 5, 7, 8, 9]);
    for (const r of rej) {
      const n = Number(r.line);
      assert.equal(r.evidence_id, 101);
      assert.equal(r.source, 'vpcflow');
      assert.equal(Number(r.ordinal), n);
      assert.equal(Number(r.byte_offset), offsets[n], `offset of line ${n}`);
      assert.equal(r.raw, lines[n - 1], `raw text of line ${n}`);
      assert.equal(Number(r.raw_length), Buffer.byteLength(lines[n - 1] ?? ''));
    }
    const reason = (n: number): string => String(rej.find((r) => Number(r.line) === n)?.reason);
    assert.match(reason(3), /CAST \(srcport\).*"http"/);
    assert.match(reason(4), /MISSING COLUMNS.*expected 14 fields, found 13/); // counted as the file's fields, not DuckDB's columns
    assert.equal(reason(5), 'empty line');
    assert.match(reason(7), /TOO MANY COLUMNS.*expected 14 fields, found 15/);
    assert.match(reason(8), /CAST \(version\)/);
    assert.match(reason(9), /99999999999/);
    // The reader's scratch tables do not outlive the import.
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM duckdb_tables() WHERE starts_with(table_name, '_vpcflow')`), 0n);
  } finally { db.close(); }
});

test('ordinals stay exact with many scattered bad lines (each row traces back to its line)', async () => {
  const t = tempDir();
  const out = [HEADER];
  const bad = new Set<number>();
  for (let line = 2; line <= 20_001; line++) {
    // Deterministic scatter, including runs of consecutive bad lines and a bad last line.
    const isBad = line % 97 === 0 || line % 389 === 1 || line % 389 === 2 || line === 20_001;
    if (isBad) bad.add(line);
    out.push(isBad ? (line % 2 ? `2 123456789012 broken ${line}` : '') : record(line)); // `bytes` = line number
  }
  const path = t.write('scatter.log', out.join('\n') + '\n');
  const db = await importFiles([path], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[20_000, 20_000 - bad.size, bad.size]]);
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM vpc_flow_logs WHERE _ordinal <> bytes`), 0n);
    assert.equal(await scalar(db.conn, `SELECT count(DISTINCT _ordinal) FROM vpc_flow_logs`), BigInt(20_000 - bad.size));
    const rejected = (await rows(db.conn, `SELECT line FROM cairn_rejects ORDER BY line`)).map((r) => Number(r.line));
    assert.deepEqual(rejected, [...bad].sort((a, b) => a - b));
  } finally { db.close(); t.cleanup(); }
});

test('CRLF endings, a BOM, non-ASCII, NUL and stray CR: the clean lines import, the others are rejected in place', async () => {
  const t = tempDir();
  const parts = [
    Buffer.from('\xef\xbb\xbf' + HEADER + '\r\n', 'latin1'),
    Buffer.from(record(2) + '\r\n'),                        // 2: fine (CRLF)
    Buffer.from(record(3).replace('ACCEPT', 'ACCÉPT') + '\r\n'), // 3: non-ASCII
    Buffer.from(record(4) + '\r\n'),                        // 4: fine
    Buffer.concat([Buffer.from('2 1234\x00'), randomBytes(8).map((b) => (b === 10 ? 11 : b)), Buffer.from('\r\n')]), // 5: binary
    Buffer.from(record(6).replace(' 443 ', ' 44\r3 ') + '\n'), // 6: stray CR
    Buffer.from(record(7)),                                 // 7: fine, no final newline
  ];
  const bytes = Buffer.concat(parts);
  const path = t.write('crlf.log', bytes);
  assert.equal(vpcFlowSource.detect(probeOf(path))?.format, 'vpcflow');
  const db = await importFiles([path], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[6, 3, 3, undefined]]);
    assert.deepEqual((await rows(db.conn, `SELECT _ordinal, bytes, log_status FROM vpc_flow_logs ORDER BY _ordinal`)).map((r) => [r._ordinal, r.bytes, r.log_status]),
      [[2n, 2n, 'OK'], [4n, 4n, 'OK'], [7n, 7n, 'OK']]);
    const rej = await rows(db.conn, `SELECT line, byte_offset, reason FROM cairn_rejects ORDER BY line`);
    const offsets = lineOffsets(bytes);
    assert.deepEqual(rej.map((r) => [Number(r.line), Number(r.byte_offset)]), [[3, offsets[3]], [5, offsets[5]], [6, offsets[6]]]);
    assert.match(String(rej[0]?.reason), /non-ASCII/);
    assert.match(String(rej[1]?.reason), /NUL/);
    assert.match(String(rej[2]?.reason), /carriage return/);
  } finally { db.close(); t.cleanup(); }
});

test('empty, header-only and garbage files: not detected; forced through import they give a per-file error or zero records', async () => {
  const t = tempDir();
  const garbage = t.write('garbage.bin', randomBytes(100_000));
  const headerOnly = t.write('header-only.log', HEADER + '\n');
  assert.equal(vpcFlowSource.detect(probeOf(t.write('empty.log', ''))), null);
  assert.equal(vpcFlowSource.detect(probeOf(garbage)), null);
  assert.equal(vpcFlowSource.detect(probeOf(t.write('words.txt', 'hello world this is text\nmore text\n'))), null);
  const db = await importFiles([headerOnly], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[0, 0, 0, undefined]]);
    // Forced: the orchestrator only imports what detect claimed, but the importer must still cope.
    const forced = await vpcFlowSource.importBatch({ conn: db.conn, signal: new AbortController().signal, tmpDir: t.dir, progress() {}, existingTables: async () => new Set() },
      [{ evidenceId: 7, stagedPath: garbage, originalPath: garbage, relPath: 'garbage.bin', size: 100_000, detection: { format: 'vpcflow', confidence: 1, importable: true } }]);
    assert.match(forced[0]?.error ?? '', /does not start with a flow-log header/);
  } finally { db.close(); t.cleanup(); }
});

test('a flow-log head followed by a flood of malformed lines fails the file instead of filling memory', async () => {
  const t = tempDir();
  const out = [HEADER, record(2), record(3)];
  for (let i = 0; i < 60_000; i++) out.push(`not a flow record ${i}`);
  const path = t.write('flood.log', out.join('\n'));
  const db = await importFiles([path], t);
  try {
    assert.equal(db.results[0]?.recordsRead, 60_002);
    assert.match(db.results[0]?.error ?? '', /more than 50000 malformed lines/);
  } finally { db.close(); t.cleanup(); }
});

test('Parquet: a value that does not fit the Athena type rejects its row with the row number; a fake PAR1 file fails', async () => {
  const t = tempDir();
  const path = join(t.dir, 'vpcflowlogs-strings.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  await c.run(`COPY (SELECT * FROM (VALUES ('2', '123456789012', 'eni-1', '80', 'ACCEPT', 'OK'), ('2', '123456789012', 'eni-1', 'http', 'ACCEPT', 'OK'), ('2', '023456789012', 'eni-1', '-', '-', 'NODATA'))
    AS v(version, account_id, interface_id, srcport, action, log_status)) TO '${path}' (FORMAT parquet)`);
  c.closeSync(); inst.closeSync();
  const fake = t.write('vpcflowlogs-fake.parquet', Buffer.concat([Buffer.from('PAR1'), randomBytes(5000)]));
  const db = await importFiles([path, fake], t);
  try {
    assert.deepEqual(db.results[0] && [db.results[0].recordsRead, db.results[0].imported, db.results[0].rejected], [3, 2, 1]);
    assert.match(db.results[1]?.error ?? '', /not a readable Parquet file/);
    assert.deepEqual(await rows(db.conn, `SELECT _ordinal, version, account_id, srcport, action FROM vpc_flow_logs ORDER BY _ordinal`), [
      { _ordinal: 1n, version: 2, account_id: '123456789012', srcport: 80, action: 'ACCEPT' },
      { _ordinal: 3n, version: 2, account_id: '023456789012', srcport: null, action: null },
    ]);
    const [r] = await rows(db.conn, `SELECT ordinal, reason, raw FROM cairn_rejects`);
    assert.equal(r?.ordinal, 2n);
    assert.match(String(r?.reason), /srcport \(INTEGER\)/);
    assert.match(String(r?.raw), /"http"/);
  } finally { db.close(); t.cleanup(); }
});

test('a line longer than 2 MB is rejected in place (its first 64 KiB kept), the lines around it import', async () => {
  const t = tempDir();
  const long = record(3).replace('ACCEPT', 'A'.repeat(2_500_000));
  const path = t.write('long.log', [HEADER, record(2), long, record(4)].join('\n') + '\n');
  const db = await importFiles([path], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[3, 2, 1, undefined]]);
    assert.deepEqual((await rows(db.conn, `SELECT _ordinal FROM vpc_flow_logs ORDER BY _ordinal`)).map((r) => r._ordinal), [2n, 4n]);
    const [r] = await rows(db.conn, `SELECT line, byte_offset, reason, length(raw) AS kept, starts_with(raw, '2 123456789012 ') AS same FROM cairn_rejects`);
    assert.equal(r?.line, 3n);
    assert.equal(Number(r?.byte_offset), HEADER.length + 1 + record(2).length + 1);
    assert.match(String(r?.reason), /longer than 2000000 bytes/);
    assert.equal(Number(r?.kept), 64 * 1024);
    assert.equal(r?.same, true);
  } finally { db.close(); t.cleanup(); }
});
