// Formats and columns: custom formats, header-less and CloudWatch export files, date/day, Parquet, queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { openEvidenceDb } from '../../../electron/core/duck/evidence-db';
import { ensureSourceSchemas } from '../../../electron/core/case/source-schemas';
import { DuckDBInstance } from '@duckdb/node-api';
import { FLOW_FIELDS } from '../../../electron/core/sources/vpc-flow/fields';
import { vpcFlowSource } from '../../../electron/core/sources/vpc-flow';
import { FIXTURES, importFiles, probeOf, rows, SAMPLES, scalar, tempDir } from '../../helpers/vpc-flow-harness';

const OWN = join(FIXTURES, 'vpcflow');

test('vpc_flow_logs has every catalogue column with its Athena type, plus date/day and provenance', async () => {
  const db = await importFiles([join(SAMPLES, 'valid_vpc_flow_log.log')]);
  try {
    const cols = await rows(db.conn, `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'vpc_flow_logs' ORDER BY column_index`);
    const expected = [
      ...FLOW_FIELDS.map((f) => ({ column_name: f.column, data_type: f.type })),
      { column_name: 'date', data_type: 'DATE' }, { column_name: 'day', data_type: 'VARCHAR' },
      { column_name: '_extra_fields', data_type: 'MAP(VARCHAR, VARCHAR)' }, { column_name: '_cloudwatch_time', data_type: 'TIMESTAMP' },
      { column_name: '_evidence_id', data_type: 'INTEGER' }, { column_name: '_ordinal', data_type: 'BIGINT' },
    ];
    assert.deepEqual(cols, expected);
    // The Athena DDL's own columns, as written in the user guide.
    const athena = 'version int, account_id string, interface_id string, srcaddr string, dstaddr string, srcport int, dstport int, protocol bigint, packets bigint, bytes bigint, start bigint, end bigint, action string, log_status string, vpc_id string, subnet_id string, instance_id string, tcp_flags int, type string, pkt_srcaddr string, pkt_dstaddr string, region string, az_id string, sublocation_type string, sublocation_id string, pkt_src_aws_service string, pkt_dst_aws_service string, flow_direction string, traffic_path int';
    const map: Record<string, string> = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' };
    for (const part of athena.split(', ')) {
      const [name, type] = part.split(' ');
      assert.ok(cols.some((c) => c.column_name === name && c.data_type === map[type ?? '']), part);
    }
  } finally { db.close(); }
});

test('a custom v5 format with shuffled fields lands in the right columns; leading-zero account ids kept', async () => {
  const path = join(OWN, 'custom-v5-shuffled.log');
  assert.equal(vpcFlowSource.detect(probeOf(path))?.confidence, 0.95);
  const db = await importFiles([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[3, 3, 0]]);
    const r = await rows(db.conn, `SELECT _ordinal, version, account_id, flow_direction, srcaddr, dstport, protocol, tcp_flags, az_id, sublocation_type,
      pkt_dst_aws_service, traffic_path, ecs_cluster_name FROM vpc_flow_logs ORDER BY _ordinal`);
    assert.deepEqual(r[1], {
      _ordinal: 3n, version: 5, account_id: '012345678901', flow_direction: 'egress', srcaddr: '10.0.1.20', dstport: 443, protocol: 6n,
      tcp_flags: 19, az_id: 'use1-az4', sublocation_type: null, pkt_dst_aws_service: 'S3', traffic_path: 8, ecs_cluster_name: null,
    });
    assert.equal(r[2]?.sublocation_type, 'wavelength');
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM vpc_flow_logs WHERE account_id = '012345678901'`), 3n);
  } finally { db.close(); }
});

test('Athena-style filters work: REJECT over TCP', async () => {
  const db = await importFiles([join(OWN, 'custom-v5-shuffled.log'), join(SAMPLES, 'valid_vpc_flow_log_multi.log')]);
  try {
    const r = await rows(db.conn, `SELECT srcaddr, dstport FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6 ORDER BY srcaddr`);
    assert.deepEqual(r, [{ srcaddr: '172.31.9.69', dstport: 3389 }, { srcaddr: '203.0.113.5', dstport: 22 }]);
  } finally { db.close(); }
});

test('a header-less CloudWatch Logs export: default v2 format, timestamp prefix kept, NODATA/SKIPDATA kept', async () => {
  const path = join(OWN, 'cloudwatch-export.log');
  const d = vpcFlowSource.detect(probeOf(path));
  assert.equal(d?.format, 'vpcflow');
  assert.match(d?.note ?? '', /CloudWatch/);
  const db = await importFiles([path]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[4, 4, 0]]);
    const r = await rows(db.conn, `SELECT _ordinal, CAST(_cloudwatch_time AS VARCHAR) AS cw, version, srcport, log_status FROM vpc_flow_logs ORDER BY _ordinal`);
    assert.deepEqual(r.map((x) => [x._ordinal, x.cw, x.version, x.srcport, x.log_status]), [
      [1n, '2024-01-01 00:00:05', 2, 443, 'OK'], [2n, '2024-01-01 00:00:05', 2, 40000, 'OK'],
      [3n, '2024-01-01 00:01:05', 2, null, 'NODATA'], [4n, '2024-01-01 00:01:05', 2, null, 'SKIPDATA'],
    ]);
  } finally { db.close(); }
});

test('a CloudWatch export of some other log (timestamp prefix, not flow records) is not taken for flow logs', () => {
  const t = tempDir();
  try {
    const path = t.write('000000', '2021-07-10T20:27:23.000Z I0710 20:27:23.782909       1 flags.go:59] FLAG: --add-dir-header="false"\n' +
      '2021-07-10T20:27:23.000Z I0710 20:27:23.783038       1 flags.go:59] FLAG: --address="127.0.0.1"\n');
    assert.equal(vpcFlowSource.detect(probeOf(path)), null);
  } finally { t.cleanup(); }
});

test('a header-less file in the default format: line 1 is record 1', async () => {
  const db = await importFiles([join(OWN, 'headerless-v2.log')]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[3, 3, 0]]);
    assert.deepEqual((await rows(db.conn, `SELECT _ordinal, srcport FROM vpc_flow_logs ORDER BY _ordinal`)).map((x) => [x._ordinal, x.srcport]), [[1n, 5432], [2n, 60000], [3n, 0]]);
  } finally { db.close(); }
});

test('date/day come from the AWSLogs S3 path when present, else from start (UTC)', async () => {
  const t = tempDir();
  const content = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n' +
    '2 123456789012 eni-0d47e000000000001 10.0.0.1 10.0.0.2 1 2 6 1 40 1704153599 1704153660 ACCEPT OK\n';
  const s3 = t.write('s3.log', content);
  const plain = t.write('plain.log', content);
  const db = await importFiles([
    { path: s3, relPath: 'bucket/AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/02/123456789012_vpcflowlogs_us-east-1_fl-1_20240102T0000Z_ab.log.gz' },
    { path: plain, relPath: 'exports/plain.log' },
  ], t);
  try {
    const r = await rows(db.conn, `SELECT _evidence_id, CAST("date" AS VARCHAR) AS d, "day" FROM vpc_flow_logs ORDER BY _evidence_id`);
    assert.deepEqual(r, [{ _evidence_id: 101, d: '2024-01-02', day: '2024/01/02' }, { _evidence_id: 102, d: '2024-01-01', day: '2024/01/01' }]);
    const p = await rows(db.conn, `SELECT "year", "month", "day", "hour", "aws-service" FROM vpc_flow_logs_parquet WHERE _evidence_id = 102`);
    assert.deepEqual(p, [{ year: '2024', month: '01', day: '01', hour: '23', 'aws-service': 'vpcflowlogs' }]);
  } finally { db.close(); t.cleanup(); }
});

test('fields Cairn does not know are kept in _extra_fields, not dropped', async () => {
  const t = tempDir();
  const path = t.write('future.log', 'version account-id srcaddr future-field action\n11 123456789012 10.0.0.1 shiny ACCEPT\n11 123456789012 10.0.0.2 - REJECT\n');
  const db = await importFiles([path], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[2, 2, 0]]);
    const r = await rows(db.conn, `SELECT srcaddr, _extra_fields['future-field'] AS x FROM vpc_flow_logs ORDER BY _ordinal`);
    assert.deepEqual(r, [{ srcaddr: '10.0.0.1', x: 'shiny' }, { srcaddr: '10.0.0.2', x: null }]);
  } finally { db.close(); t.cleanup(); }
});

test('Parquet flow logs (written by DuckDB) are detected and imported into the same table', async () => {
  const t = tempDir();
  const pq = join(t.dir, 'AWSLogs', '012345678901', 'vpcflowlogs', 'eu-west-1', '2024', '03', '04');
  mkdirSync(pq, { recursive: true });
  const path = join(pq, '012345678901_vpcflowlogs_eu-west-1_fl-1_20240304T0000Z_ab.log.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  await c.run(`COPY (SELECT * FROM (VALUES
      (5, '012345678901', 'eni-0aa', '10.0.0.1', '10.0.0.2', 443, 50000, 6, 10::BIGINT, 900::BIGINT, 1709510400::BIGINT, 1709510460::BIGINT, 'ACCEPT', 'OK', 'us-east-1', 'unknown-thing'),
      (5, '012345678901', 'eni-0aa', '10.0.0.3', '10.0.0.2', 22, 50001, 6, 1::BIGINT, 60::BIGINT, 1709510400::BIGINT, 1709510460::BIGINT, 'REJECT', 'OK', NULL, NULL),
      (5, '012345678901', 'eni-0aa', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1709510400::BIGINT, 1709510460::BIGINT, NULL, 'NODATA', NULL, NULL)
    ) AS v(version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, "end", action, log_status, region, new_col))
    TO '${path}' (FORMAT parquet)`);
  c.closeSync(); inst.closeSync();
  const d = vpcFlowSource.detect(probeOf(path));
  assert.equal(d?.format, 'vpcflow-parquet');
  const db = await importFiles([{ path, relPath: path.slice(t.dir.length + 1) }], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[3, 3, 0, undefined]]);
    const r = await rows(db.conn, `SELECT _ordinal, account_id, srcport, protocol, log_status, CAST("date" AS VARCHAR) AS d, "day", _extra_fields['new-col'] AS x
      FROM vpc_flow_logs ORDER BY _ordinal`);
    assert.deepEqual(r, [
      { _ordinal: 1n, account_id: '012345678901', srcport: 443, protocol: 6n, log_status: 'OK', d: '2024-03-04', day: '2024/03/04', x: 'unknown-thing' },
      { _ordinal: 2n, account_id: '012345678901', srcport: 22, protocol: 6n, log_status: 'OK', d: '2024-03-04', day: '2024/03/04', x: null },
      { _ordinal: 3n, account_id: '012345678901', srcport: null, protocol: null, log_status: 'NODATA', d: '2024-03-04', day: '2024/03/04', x: null },
    ]);
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6`), 1n);
  } finally { db.close(); t.cleanup(); }
});

test('default-format files are stored in the narrow table, other layouts in the wide one; the view shows both', async () => {
  const defaultFormat = join(SAMPLES, 'valid_vpc_flow_log.log');
  const custom = join(OWN, 'custom-v5-shuffled.log');
  const cloudwatch = join(OWN, 'cloudwatch-export.log');
  const db = await importFiles([defaultFormat, custom, cloudwatch]);
  try {
    const [d, c, w] = db.results.map((r) => r.evidenceId);
    const stored = async (table: string): Promise<number[]> =>
      (await rows(db.conn, `SELECT DISTINCT _evidence_id AS id FROM ${table} ORDER BY id`)).map((r) => Number(r.id));
    assert.deepEqual(await stored('vpc_flow_logs_default_format'), [d]);
    assert.deepEqual(await stored('vpc_flow_logs_all_fields'), [c, w].sort((a, b) => a! - b!));
    // schema.sql spells the narrow table's columns out again: they must stay the wide table's, name and type.
    const columnsOf = async (table: string): Promise<string[]> => (await rows(db.conn,
      `SELECT column_name || ' ' || data_type AS c FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`)).map((r) => String(r.c));
    const wide = new Set(await columnsOf('vpc_flow_logs_all_fields'));
    const narrow = await columnsOf('vpc_flow_logs_default_format');
    assert.equal(narrow.length, 18);
    assert.deepEqual(narrow.filter((c) => !wide.has(c)), []);
    const total = db.results.reduce((n, r) => n + r.imported, 0);
    assert.equal(Number(await scalar(db.conn, 'SELECT count(*) FROM vpc_flow_logs')), total);
    // A narrow row reads with the wide layout's columns: the fields its file lacks are NULL.
    const row = (await rows(db.conn, `SELECT version, log_status, "day", vpc_id, flow_direction, _extra_fields, _cloudwatch_time
      FROM vpc_flow_logs WHERE _evidence_id = ${d} ORDER BY _ordinal LIMIT 1`))[0]!;
    assert.equal(row.version, 2);
    assert.equal(typeof row.log_status, 'string');
    assert.match(String(row.day), /^\d{4}\/\d{2}\/\d{2}$/);
    assert.deepEqual([row.vpc_id, row.flow_direction, row._extra_fields, row._cloudwatch_time], [null, null, null, null]);
  } finally { db.close(); }
});

test('a case made before the two-table layout keeps its rows: its vpc_flow_logs table becomes vpc_flow_logs_all_fields', async () => {
  const t = tempDir();
  const schema = readFileSync(join(__dirname, '..', '..', '..', 'electron', 'core', 'sources', 'vpc-flow', 'schema.sql'), 'utf8');
  const wideDdl = /CREATE TABLE IF NOT EXISTS vpc_flow_logs_all_fields \([\s\S]*?\n\);/.exec(schema)![0];
  const { instance, conn } = await openEvidenceDb(join(t.dir, 'old.duckdb'));
  try {
    // The old layout: one table named vpc_flow_logs, and views over it.
    await conn.run(wideDdl.replace('vpc_flow_logs_all_fields', 'vpc_flow_logs'));
    await conn.run(`INSERT INTO vpc_flow_logs (version, srcaddr, _evidence_id, _ordinal) VALUES (2, '10.9.8.7', 1, 2)`);
    await conn.run('CREATE VIEW vpcflow AS SELECT * FROM vpc_flow_logs');
    await ensureSourceSchemas(conn);
    const kinds = await rows(conn, `SELECT table_name AS name, table_type AS kind FROM information_schema.tables
      WHERE table_name IN ('vpc_flow_logs', 'vpc_flow_logs_all_fields', 'vpc_flow_logs_default_format') ORDER BY name`);
    assert.deepEqual(kinds, [
      { name: 'vpc_flow_logs', kind: 'VIEW' },
      { name: 'vpc_flow_logs_all_fields', kind: 'BASE TABLE' },
      { name: 'vpc_flow_logs_default_format', kind: 'BASE TABLE' },
    ]);
    assert.equal(await scalar(conn, `SELECT srcaddr FROM vpc_flow_logs WHERE _ordinal = 2`), '10.9.8.7');
    assert.equal(await scalar(conn, `SELECT sourceaddress FROM vpcflow`), '10.9.8.7');
  } finally { conn.closeSync(); instance.closeSync(); t.cleanup(); }
});
