// The export's generated DDL (#29) parses in each dialect with a parser that knows them (@polyglot-sql/sdk, a
// Rust/Wasm port of sqlglot) and declares exactly the exported columns and types, partition keys last.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { createDuckInstance } from '../../../electron/core/duck/evidence-db';
import { exportParquet, type ExportManifest } from '../../../electron/core/export/parquet-export';
import { huntingCase } from '../../helpers/query-library-harness';
import { tempDir } from '../../helpers/temp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const polyglot = require('@polyglot-sql/sdk') as { init?: () => Promise<void>; parse(sql: string, dialect: string): { success: boolean; error?: string; ast: Array<Record<string, Ast>> } };
type Ast = Record<string, unknown>;

let out: string;
let manifest: ExportManifest;
/** Each exported table's columns as DuckDB reads them back from the Parquet files (DuckDB script), in canonical form. */
const exported = new Map<string, Array<[string, string]>>();

before(async () => {
  await polyglot.init?.();
  const h = await huntingCase();
  out = join(tempDir('cairn-parquet-ddl-'), 'export');
  await exportParquet(h.case, out);
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
  const instance = await createDuckInstance({});
  const conn = await instance.connect();
  try {
    await conn.run(readFileSync(join(out, 'ddl', 'duckdb.sql'), 'utf8'));
    for (const t of manifest.tables) {
      const r = await conn.runAndReadAll(`SELECT * FROM "${t.name}" LIMIT 0`);
      exported.set(t.name, r.columnNames().map((n, i) => [n, canonicalDuck(r.columnTypes()[i]!)]));
    }
  } finally {
    conn.closeSync(); instance.closeSync();
  }
});

function canonicalDuck(t: DuckDBType): string {
  switch (t.typeId) {
    case DuckDBTypeId.VARCHAR: return 'string';
    case DuckDBTypeId.INTEGER: return 'int';
    case DuckDBTypeId.BIGINT: return 'bigint';
    case DuckDBTypeId.DOUBLE: return 'double';
    case DuckDBTypeId.FLOAT: return 'float';
    case DuckDBTypeId.BOOLEAN: return 'boolean';
    case DuckDBTypeId.TIMESTAMP: return 'timestamp';
    case DuckDBTypeId.DATE: return 'date';
    case DuckDBTypeId.LIST: return `array<${canonicalDuck(t.valueType)}>`;
    case DuckDBTypeId.MAP: return `map<${canonicalDuck(t.keyType)},${canonicalDuck(t.valueType)}>`;
    case DuckDBTypeId.STRUCT: return `struct<${t.entryNames.map((n, i) => `${n}:${canonicalDuck(t.entryTypes[i]!)}`).join(',')}>`;
    default: return `duckdb:${t.toString()}`;
  }
}

const PARSED_SCALARS: Record<string, string> = {
  string: 'string', var_char: 'string', varchar: 'string', text: 'string', int: 'int', integer: 'int', big_int: 'bigint', bigint: 'bigint',
  double: 'double', float: 'float', real: 'float', boolean: 'boolean', timestamp: 'timestamp', date: 'date',
};

function canonicalParsed(t: Ast): string {
  const kind = String(t.data_type);
  if (kind === 'array') return `array<${canonicalParsed(t.element_type as Ast)}>`;
  if (kind === 'map') return `map<${canonicalParsed(t.key_type as Ast)},${canonicalParsed(t.value_type as Ast)}>`;
  if (kind === 'struct') return `struct<${(t.fields as Array<{ name: string; data_type: Ast }>).map((f) => `${unquote(f.name)}:${canonicalParsed(f.data_type)}`).join(',')}>`;
  return PARSED_SCALARS[kind] ?? `parsed:${JSON.stringify(t)}`;
}

function unquote(n: string): string { return /^["`].*["`]$/.test(n) ? n.slice(1, -1) : n; }

function parse(dialect: string): Array<Record<string, Ast>> {
  const r = polyglot.parse(readFileSync(join(out, 'ddl', `${dialect}.sql`), 'utf8'), dialect);
  assert.ok(r.success, `${dialect}.sql does not parse: ${r.error}`);
  return r.ast;
}

function tableStatements(ast: Array<Record<string, Ast>>): Map<string, Ast> {
  return new Map(ast.filter((s) => s.create_table).map((s) => [String(((s.create_table!.name as Ast).name as Ast).name), s.create_table!]));
}

function declared(ct: Ast): Array<[string, string]> {
  return (ct.columns as Array<{ name: { name: string }; data_type: Ast }>).map((c) => [c.name.name, canonicalParsed(c.data_type)]);
}

for (const dialect of ['athena', 'trino', 'spark']) {
  test(`${dialect}.sql parses and declares exactly the exported columns and types, partition keys last`, () => {
    const tables = tableStatements(parse(dialect));
    assert.deepEqual([...tables.keys()].sort(), manifest.tables.map((t) => t.name).sort());
    for (const t of manifest.tables) {
      const ct = tables.get(t.name)!;
      const keys = t.partitions.map((p) => p.key);
      let columns = declared(ct);
      if (dialect === 'athena') {
        // Hive DDL: the keys are declared in PARTITIONED BY, not among the columns.
        const props = JSON.stringify(ct.properties ?? []);
        for (const k of keys) assert.ok(props.includes(`"name":"${k}"`), `${t.name}: ${k} in PARTITIONED BY`);
        columns = [...columns, ...keys.map((k): [string, string] => [k, 'string'])];
      } else {
        assert.deepEqual(columns.slice(columns.length - keys.length).map((c) => c[0]), keys, `${t.name}: keys last`);
        const props = JSON.stringify([ct.with_properties, ct.properties]);
        for (const k of keys) assert.ok(props.includes(k), `${t.name}: ${k} declared as a partition key`);
      }
      assert.deepEqual(columns, exported.get(t.name), `${dialect} ${t.name}`);
    }
  });
}

test('every view the case defines is in each dialect\'s DDL, translated', () => {
  assert.deepEqual(manifest.views.filter((v) => !v.translated), []);
  const names = manifest.views.map((v) => v.name).sort();
  assert.ok(names.includes('cloudtrail_logs') && names.includes('vpcflow') && names.includes('vpc_flow_logs'));
  for (const dialect of ['athena', 'trino', 'spark']) {
    const views = parse(dialect).filter((s) => s.create_view).map((s) => JSON.stringify((s.create_view as Ast).name).match(/"name":"([^"]+)"/)![1]).sort();
    assert.deepEqual(views, names, dialect);
  }
});
