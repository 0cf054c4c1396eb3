import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { baseTableName, columnNames, uniqueTableName } from '../../../electron/core/sources/csv/table-name';
import { FIXTURES, importCsv, tempDir } from '../../helpers/csv-harness';

test('table names: lowercase [a-z0-9_], no leading digit, extensions dropped, system prefixes fenced off', () => {
  assert.equal(baseTableName('Events.CSV'), 'events');
  assert.equal(baseTableName('2024 Sales (final).csv.gz'), 't_2024_sales_final');
  assert.equal(baseTableName('flows.2024-01-02.tsv'), 'flows_2024_01_02');
  assert.equal(baseTableName('cairn_rejects.csv'), 'csv_cairn_rejects');
  assert.equal(baseTableName('duckdb_tables.csv'), 'csv_duckdb_tables');
  assert.equal(baseTableName('日本.csv'), 'csv_file');
  assert.equal(baseTableName('Ärger über Straße.csv'), 'arger_uber_stra_e');
  assert.match(baseTableName('x'.repeat(500) + '.csv'), /^x{59}$/);
});

test('unique names: existing tables, our source tables and SQL keywords get _2, _3 ...', () => {
  assert.equal(uniqueTableName('events.csv', new Set()), 'events');
  assert.equal(uniqueTableName('events.csv', new Set(['events', 'events_2'])), 'events_3');
  assert.equal(uniqueTableName('CloudTrail.csv', new Set()), 'cloudtrail_2');
  assert.equal(uniqueTableName('vpc_flow_logs.csv', new Set()), 'vpc_flow_logs_2');
  assert.equal(uniqueTableName('order.csv', new Set()), 'order_2');
});

test('column names: safe, unique case-insensitively, column_N for empty cells, never a provenance name', () => {
  assert.deepEqual(columnNames(['ID', 'id', '', 'Id', ' '], 6), ['id', 'id_2', 'column_3', 'id_3', 'column_5', 'column_6']);
  assert.deepEqual(columnNames(['_evidence_id', '_line', 'select'], 3), ['evidence_id', 'line', 'select']);
  assert.deepEqual(columnNames(null, 2), ['column_1', 'column_2']);
});

test('files with the same name in one batch and an existing table get distinct tables', async () => {
  const t = tempDir();
  const a = t.write('events.csv', 'a,b\n1,2\n');
  const b = t.write('EVENTS.csv', 'a,b\n3,4\n');
  const first = await importCsv([join(FIXTURES, 'csv', 'tab.tsv')]);
  try {
    await first.conn.run('CREATE TABLE events (x INTEGER)');
    const db = await importCsv([a, b], { into: first });
    assert.deepEqual(db.results.map((r) => r.tables), [['events_2'], ['events_3']]);
    const again = await importCsv([join(FIXTURES, 'csv', 'tab.tsv')], { into: first });
    assert.deepEqual(again.results.map((r) => r.tables), [['tab_2']]);
  } finally { first.close(); t.cleanup(); }
});
