// Seals summed from the row hashes the CloudTrail INSERT stores (decision 0003) must equal the seals recomputed
// from the rows' values, for every way DuckDB reads CloudTrail; verify never trusts the stored hash.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Case } from '../../../electron/core/case/case';
import { openEvidenceDb } from '../../../electron/core/duck/evidence-db';
import { computeSeals, sealBatch } from '../../../electron/core/duck/seals';
import { importEvidence } from '../../../electron/core/import/import-service';
import { tempDir } from '../../helpers/temp';

function event(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08', eventTime: `2024-03-01T00:${String(i % 60).padStart(2, '0')}:00Z`, eventSource: 'iam.amazonaws.com',
    eventName: i % 2 ? 'GetUser' : 'ListUsers', awsRegion: 'eu-west-1', sourceIPAddress: `192.0.2.${i}`,
    userIdentity: { type: 'IAMUser', userName: `u${i}`, sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
    requestParameters: { n: i }, resources: [{ ARN: `arn:aws:iam::1:user/u${i}`, accountId: '1' }], eventID: `id-${i}`, ...extra,
  };
}

/** A trail file (record lines), a bare array (a whole document) and JSON lines (Node's staging): each layout, and a reject. */
function writeInputs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [event(1), event(2), { eventVersion: '1.08', eventName: 'NoTime' }, event(3)] }));
  writeFileSync(join(dir, 'array.json'), JSON.stringify([event(4), event(5, { tlsDetails: { tlsVersion: 'TLSv1.3' } })]));
  writeFileSync(join(dir, 'lines.jsonl'), [event(6), event(7), event(8, { errorCode: 'AccessDenied' })].map((e) => JSON.stringify(e)).join('\n') + '\n');
}

async function cloudtrailSeals(conn: DuckDBConnection): Promise<Map<number, string>> {
  return new Map((await computeSeals(conn, 'cloudtrail', null)).map((s) => [s.evidenceId, `${s.rows}/${s.hashSum}/${s.hashXor}`]));
}

test('every CloudTrail layout stores the hash verify recomputes, and the recorded seals equal the recomputed ones', async () => {
  const input = join(tempDir(), 'in');
  writeInputs(input);
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 'row hash', examiner: 't' } });
  try {
    const summary = await importEvidence(c, [input]);
    assert.equal(summary.files.filter((f) => f.imported > 0).length, 3, JSON.stringify(summary.files.map((f) => [f.relPath, f.status, f.reason])));
    assert.equal(summary.totals.rejected, 1, 'the record without eventTime is swept to the rejects: its hash must leave the seal');
    const { conn, store } = c.forImport();
    const cols = (await conn.runAndReadAll(`SELECT string_agg('"' || column_name || '"', ', ' ORDER BY column_index) FROM duckdb_columns()
      WHERE database_name = current_database() AND table_name = 'cloudtrail' AND column_name <> '_row_hash'`)).getRows()[0]![0] as string;
    const r = (await conn.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE _row_hash IS DISTINCT FROM hash(row(${cols}))) FROM cloudtrail`)).getRows()[0]!;
    assert.equal(Number(r[0]), 8);
    assert.equal(Number(r[1]), 0, 'each stored hash is the hash of the row the table holds');
    const recorded = new Map(store.seals().filter((s) => s.table === 'cloudtrail').map((s) => [s.evidenceId, `${s.rows}/${s.hashSum}/${s.hashXor}`]));
    assert.deepEqual(recorded, await cloudtrailSeals(conn));
    assert.equal((await c.verifySeals()).ok, true);
  } finally {
    await c.close();
  }
});

test('verify ignores the stored hash: a value changed with its hash made to match is still named, a hash alone changed is not', async () => {
  const input = join(tempDir(), 'in');
  writeInputs(input);
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 'row hash tamper', examiner: 't' } });
  try {
    await importEvidence(c, [input]);
    const { conn } = c.forImport();
    await conn.run('UPDATE cloudtrail SET _row_hash = 0');
    assert.equal((await c.verifySeals()).ok, true, 'the stored hash is not evidence');
    const cols = (await conn.runAndReadAll(`SELECT string_agg('"' || column_name || '"', ', ' ORDER BY column_index) FROM duckdb_columns()
      WHERE database_name = current_database() AND table_name = 'cloudtrail' AND column_name <> '_row_hash'`)).getRows()[0]![0] as string;
    await conn.run(`UPDATE cloudtrail SET eventname = 'Innocent' WHERE _ordinal = 1`);
    await conn.run(`UPDATE cloudtrail SET _row_hash = hash(row(${cols}))`);
    const check = await c.verifySeals();
    assert.equal(check.ok, false);
    assert.ok(check.problems.length >= 1 && check.problems.every((p) => p.state === 'changed'), JSON.stringify(check.problems));
  } finally {
    await c.close();
  }
});

test('a batch with rows that carry no stored hash is sealed from their values', async () => {
  const { instance, conn } = await openEvidenceDb(join(tempDir(), 'evidence.duckdb'));
  try {
    await conn.run('CREATE TABLE t (v VARCHAR, _evidence_id INTEGER, _ordinal BIGINT, _row_hash UBIGINT)');
    await conn.run('BEGIN TRANSACTION');
    // File 1's rows carry their hash as an INSERT stores it; file 2's (a case made before the column) do not.
    await conn.run(`INSERT INTO t SELECT 'a' || i, 1, i, NULL FROM range(1, 4) AS r(i)`);
    await conn.run('UPDATE t SET _row_hash = hash(row(v, _evidence_id, _ordinal))');
    await conn.run(`INSERT INTO t SELECT 'b' || i, 2, i, NULL FROM range(1, 4) AS r(i)`);
    const sealed = await sealBatch(conn, [{ evidenceId: 1, tables: ['t'] }, { evidenceId: 2, tables: ['t'] }], new Set(['t']));
    await conn.run('COMMIT');
    const fromValues = await computeSeals(conn, 't', [1, 2]);
    assert.deepEqual(sealed.filter((s) => s.table === 't'), fromValues);
    assert.notEqual(fromValues[1]!.hashSum, '0');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
