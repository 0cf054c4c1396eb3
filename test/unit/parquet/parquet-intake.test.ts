// The other direction of #29: a case takes Parquet files of Cairn tables as evidence (its own export, or an
// Athena CTAS/UNLOAD result of the exported tables), hashed and accounted like any file, the table matched by
// its columns, the exporting case's provenance kept row by row in cairn_parquet_origin.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { createDuckInstance, quoteLiteral } from '../../../electron/core/duck/evidence-db';
import { exportParquet, type ExportManifest } from '../../../electron/core/export/parquet-export';
import { importEvidence } from '../../../electron/core/import/import-service';
import { huntingCase, type HuntingCase } from '../../helpers/query-library-harness';
import { tempDir } from '../../helpers/temp';
import { readFileSync } from 'node:fs';

let h: HuntingCase;
let out: string;

before(async () => {
  h = await huntingCase();
  out = join(tempDir('cairn-parquet-in-'), 'export');
  await exportParquet(h.case, out);
});

async function rowsOf(c: Case, sql: string): Promise<string[]> {
  const r = await c.readEvidence((conn) => conn.runAndReadAll(sql));
  return r.getRowsJS().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
}

test('an export\'s table folders import into a new case: every file hashed and imported, the same rows, the origin kept', async () => {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
  const dir = join(tempDir('cairn-parquet-case-'), 'case');
  const c = await Case.open(dir, { create: { name: 'from parquet', examiner: 'tester' } });
  try {
    const tables = ['cloudtrail', 'vpc_flow_logs_default_format', 'alb_logs', 'elb_logs', 'nlb_tls_logs'];
    const summary = await importEvidence(c, tables.map((t) => join(out, t)));
    const files = manifest.files.filter((f) => tables.includes(f.table));
    assert.equal(summary.files.length, files.length);
    for (const f of summary.files) {
      assert.equal(f.status, 'imported', `${f.relPath}: ${f.reason ?? ''}`);
      assert.equal(f.format, 'cairn-table-parquet');
    }
    const evidence = c.manifest.evidence();
    for (const f of files) assert.ok(evidence.some((e) => e.sha256 === f.sha256), `${f.path} hashed as in the export manifest`);
    // _row_hash is Cairn's seal cache of the exporting case's rows (decision 0003): not copied, left NULL here.
    for (const t of tables) {
      const cols = manifest.tables.find((x) => x.name === t)!.columns.map((x) => `"${x.name}"`).filter((x) => x !== '"_evidence_id"' && x !== '"_ordinal"' && x !== '"_row_hash"').join(', ');
      const here = await rowsOf(c, `SELECT ${cols} FROM ${t}`);
      const there = await h.case.readEvidence((conn) => conn.runAndReadAll(`SELECT ${cols} FROM ${t}`)).then((r) => r.getRowsJS().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort());
      assert.deepEqual(here, there, t);
    }
    // Each row traces to its Parquet file and row here, and through cairn_parquet_origin to the exporting case's evidence.
    const origin = await rowsOf(c, `SELECT o.origin_evidence_id, o.origin_ordinal FROM cloudtrail AS t JOIN cairn_parquet_origin AS o ON o.evidence_id = t._evidence_id AND o.ordinal = t._ordinal AND o.tbl = 'cloudtrail'`);
    assert.deepEqual(origin, await rowsOf(h.case, 'SELECT _evidence_id, _ordinal FROM cloudtrail'));
    assert.equal((await c.verifySeals()).ok, true);
  } finally {
    await c.close();
  }
});

test('an Athena CTAS-like file (partition keys inside, JSON as text, any name) is matched by its columns; unknown columns fail with the reason', async () => {
  const work = tempDir('cairn-parquet-ctas-');
  const evidenceDir = join(work, 'evidence');
  mkdirSync(evidenceDir);
  const instance = await createDuckInstance({});
  const conn = await instance.connect();
  try {
    await conn.run(readFileSync(join(out, 'ddl', 'duckdb.sql'), 'utf8'));
    // Athena writes its string columns as plain text, and a CTAS of SELECT * carries the partition keys along;
    // padding makes the file larger than a detection probe, so its schema is read from the footer.
    await conn.run(`COPY (SELECT * REPLACE (CAST(requestparameters AS VARCHAR) AS requestparameters, _raw || repeat(' ', 3000) AS _raw) FROM cloudtrail) TO ${quoteLiteral(join(evidenceDir, '20240305_000001_00007_abcde'))} (FORMAT parquet, COMPRESSION uncompressed)`);
    await conn.run(`COPY (SELECT 1 AS _evidence_id, 2 AS _ordinal, 'x' AS something_else) TO ${quoteLiteral(join(evidenceDir, 'odd.parquet'))} (FORMAT parquet)`);
  } finally {
    conn.closeSync(); instance.closeSync();
  }
  const c = await Case.open(join(work, 'case'), { create: { name: 'ctas', examiner: 'tester' } });
  try {
    const summary = await importEvidence(c, [evidenceDir]);
    const ctas = summary.files.find((f) => f.relPath.endsWith('abcde'))!;
    assert.equal(ctas.status, 'imported', ctas.reason ?? '');
    assert.equal(ctas.imported, Number((await h.case.readEvidence((conn) => conn.runAndReadAll('SELECT count(*) FROM cloudtrail'))).getRows()[0]![0]));
    const odd = summary.files.find((f) => f.relPath.endsWith('odd.parquet'))!;
    assert.equal(odd.status, 'failed');
    assert.match(odd.reason ?? '', /no Cairn table's columns/);
  } finally {
    await c.close();
  }
});
