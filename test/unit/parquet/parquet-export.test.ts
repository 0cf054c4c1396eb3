// Export to Hive-partitioned Parquet (#29): the hunting case exported, read back by DuckDB through the generated
// DuckDB script (read_parquet with hive_partitioning), and every library query compared with the case itself.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { createDuckInstance, quoteLiteral } from '../../../electron/core/duck/evidence-db';
import { installDialect, translateAthena } from '../../../electron/core/dialect';
import { exportParquet, type ExportManifest } from '../../../electron/core/export/parquet-export';
import { verifyExport } from '../../../electron/core/export/verify-export';
import { PARTITION_KEY_NAMES } from '../../../electron/core/export/partition-keys';
import { hashFile } from '../../../electron/core/export/parquet-export';
import { main } from '../../../electron/cli';
import { huntingCase, sampleValue, type HuntingCase } from '../../helpers/query-library-harness';
import { tempDir } from '../../helpers/temp';
import { IP_LOOKUP_MACROS_SQL, IP_TABLES_SQL, loadIpNetworks, REFERENCE_DB } from '../../../electron/core/reference/ip-networks';

let h: HuntingCase;
let out: string;
let manifest: ExportManifest;

before(async () => {
  h = await huntingCase();
  out = join(tempDir('cairn-parquet-'), 'export');
  await exportParquet(h.case, out);
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
});

/** One instance: the case's evidence attached read-only, the export's DuckDB script in the memory catalog. */
async function openBoth(): Promise<{ instance: DuckDBInstance; onCase: DuckDBConnection; onExport: DuckDBConnection }> {
  const instance = await createDuckInstance({});
  // The IP lookups (ip_country, ...) answer from the same reference data on both sides, as in the analyst instance.
  const loader = await instance.connect();
  await loader.run(`ATTACH ':memory:' AS ${REFERENCE_DB}`);
  await loader.run(IP_TABLES_SQL);
  await loadIpNetworks(loader);
  loader.closeSync();
  const onCase = await instance.connect();
  await onCase.run(`ATTACH ${quoteLiteral(join(h.case.dir, 'evidence.duckdb'))} AS evidence (READ_ONLY)`);
  await onCase.run('USE evidence');
  await installDialect(onCase);
  await onCase.run(IP_LOOKUP_MACROS_SQL);
  const onExport = await instance.connect();
  await onExport.run('USE memory');
  await onExport.run(readFileSync(join(out, 'ddl', 'duckdb.sql'), 'utf8'));
  await installDialect(onExport);
  await onExport.run(IP_LOOKUP_MACROS_SQL);
  return { instance, onCase, onExport };
}

async function rows(conn: DuckDBConnection, sql: string, params: Record<string, string>): Promise<{ columns: string[]; rows: string[] }> {
  const prepared = await conn.prepare(await translateAthena(sql, conn));
  for (let i = 1; i <= prepared.parameterCount; i++) prepared.bindVarchar(i, params[prepared.parameterName(i)] ?? '');
  const r = await prepared.runAndReadAll();
  const columns = r.columnNames();
  return { columns, rows: r.getRowsJS().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) };
}

test('every library query gives the same rows on the export (read back with hive_partitioning) as on the case', async () => {
  const { instance, onCase, onExport } = await openBoth();
  try {
    let withRows = 0;
    let failing = 0;
    for (const q of h.library) {
      const params = Object.fromEntries(q.params.map((p) => [p.name, p.default ?? (p.required ? sampleValue(p.kind) : '')]));
      const a = await rows(onCase, q.sql, params).catch((e: Error) => e);
      let b: Awaited<ReturnType<typeof rows>> | Error = await rows(onExport, q.sql, params).catch((e: Error) => e);
      if (a instanceof Error || b instanceof Error) {
        // The post's verbatim sample that cannot run fails the same way on both.
        assert.equal(String(b instanceof Error ? b.message : 'rows'), String(a instanceof Error ? a.message : 'rows'), q.id);
        failing++;
        continue;
      }
      // A star over a base table also shows the partition keys, which the Hive layout adds as the last columns.
      if (b.columns.length !== a.columns.length) {
        const extra = b.columns.slice(a.columns.length);
        assert.deepEqual(extra, PARTITION_KEY_NAMES.filter((k) => extra.includes(k)), `${q.id}: only partition keys may be extra`);
        b = await rows(onExport, `SELECT * EXCLUDE (${extra.join(', ')}) FROM (${q.sql.replace(/;\s*$/, '')})`, params);
      }
      assert.deepEqual(b.columns, a.columns, `${q.id}: columns`);
      assert.deepEqual([...b.rows].sort(), [...a.rows].sort(), `${q.id}: rows`);
      if (a.rows.length > 0) withRows++;
    }
    // Not a comparison of empty results: most hunts find something in the fixtures.
    assert.ok(withRows >= 30, `only ${withRows} library queries returned rows`);
    assert.ok(failing <= 1, `${failing} library queries failed`);
  } finally {
    onCase.closeSync(); onExport.closeSync(); instance.closeSync();
  }
});

test('each table is Hive-partitioned by the keys its columns give, and its files keep every column and the provenance', async () => {
  const ct = manifest.tables.find((t) => t.name === 'cloudtrail')!;
  assert.deepEqual(ct.partitions, [{ key: 'p_account', column: 'account_partition' }, { key: 'p_region', column: 'region_partition' }, { key: 'p_date', column: 'date_partition' }]);
  const flow = manifest.tables.find((t) => t.name === 'vpc_flow_logs_default_format')!;
  assert.deepEqual(flow.partitions.map((p) => p.key), ['p_account', 'p_date']); // no region in the v2 format
  const file = manifest.files.find((f) => f.table === 'cloudtrail')!;
  assert.match(file.path, /^cloudtrail\/p_account=\d{12}\/p_region=[a-z0-9-]+\/p_date=\d{4}-\d{2}-\d{2}\/data_\d+\.parquet$/);
  assert.ok(file.evidence.length > 0 && file.evidence.every((id) => manifest.evidence.some((e) => e.id === id)), 'source evidence files listed');
  const { instance, onExport } = await openBoth();
  try {
    const meta = (await onExport.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata(${quoteLiteral(join(out, file.path))})`)).getRows().map((r) => String(r[0]));
    assert.deepEqual(meta, ['ZSTD']);
    const schema = (await onExport.runAndReadAll(`SELECT name FROM parquet_schema(${quoteLiteral(join(out, file.path))}) WHERE name <> 'duckdb_schema'`)).getRows().map((r) => String(r[0]));
    for (const col of ['_evidence_id', '_ordinal', '_raw', 'account_partition', 'useridentity']) assert.ok(schema.includes(col), col);
    for (const k of PARTITION_KEY_NAMES) assert.ok(!schema.includes(k), `${k} lives in the path, not the file`);
    const counts = (await onExport.runAndReadAll('SELECT (SELECT count(*) FROM cloudtrail), (SELECT count(*) FROM cairn_manifest), (SELECT count(*) FROM cairn_seals)')).getRows()[0]!.map(Number);
    assert.deepEqual(counts, [ct.rows, h.case.manifest.evidence().length, manifest.tables.find((t) => t.name === 'cairn_seals')!.rows]);
  } finally {
    onExport.closeSync(); instance.closeSync();
  }
});

test('cairn verify --export passes an intact export and exits 4 when a file changed, vanished or was added', async () => {
  const io = { out: (_s: string) => undefined, err: (_s: string) => undefined };
  assert.equal(await main(['verify', '--export', out], io), 0);
  const copy = join(tempDir('cairn-parquet-tamper-'), 'export');
  await exportParquet(h.case, copy);
  const victim = manifest.files.find((f) => f.table === 'cloudtrail')!.path;
  assert.equal((await verifyExport(copy)).ok, true);
  appendFileSync(join(copy, victim), 'x');
  const check = await verifyExport(copy);
  assert.equal(check.ok, false);
  assert.ok(check.problems.some((p) => p.startsWith(`${victim}: changed`)), check.problems.join('\n'));
  assert.equal(await main(['verify', '--export', copy], io), 4);
  writeFileSync(join(copy, 'cloudtrail', 'extra.parquet'), readFileSync(join(out, victim)));
  assert.ok((await verifyExport(copy)).problems.some((p) => p === 'cloudtrail/extra.parquet: not in the manifest'));
  const text = readFileSync(join(copy, 'manifest.json'), 'utf8');
  writeFileSync(join(copy, 'manifest.json'), text.replace(/"rows": (\d+)/, (_m, n: string) => `"rows": ${Number(n) + 1}`));
  assert.ok((await verifyExport(copy)).problems.some((p) => p.includes('manifest.json does not match its .sha256')));
});

test('the export leaves the case untouched, refuses a non-empty folder, and a cancelled export leaves nothing', async () => {
  const evidencePath = join(h.case.dir, 'evidence.duckdb');
  const before = await hashFile(evidencePath);
  const again = join(tempDir('cairn-parquet-again-'), 'export');
  await exportParquet(h.case, again);
  assert.deepEqual(await hashFile(evidencePath), before, 'the evidence database is byte-identical after an export');
  assert.equal((await h.case.verifySeals()).ok, true);
  await assert.rejects(exportParquet(h.case, again), /not empty/);
  const cancelled = join(tempDir('cairn-parquet-cancel-'), 'export');
  const controller = new AbortController();
  await assert.rejects(exportParquet(h.case, cancelled, { signal: controller.signal, onProgress: (p) => { if (p.tablesDone === 1) controller.abort(); } }), /cancelled/);
  assert.equal(existsSync(cancelled), false);
  const audit = h.case.auditLog().filter((a) => a.action.startsWith('export.parquet'));
  assert.ok(audit.some((a) => a.action === 'export.parquet') && audit.some((a) => a.action === 'export.parquet.failed'));
});
