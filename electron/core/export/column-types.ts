import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/**
 * A column type as the export writes it to Parquet and declares it in every dialect's DDL. Built from DuckDB's
 * own type objects (never from type text), so nested names and quoting cannot be misread.
 */
export type ColumnType =
  | { kind: 'scalar'; name: ScalarName }
  | { kind: 'decimal'; width: number; scale: number }
  | { kind: 'list'; item: ColumnType }
  | { kind: 'map'; key: ColumnType; value: ColumnType }
  | { kind: 'struct'; fields: Array<{ name: string; type: ColumnType }> };

export type ScalarName = 'string' | 'boolean' | 'tinyint' | 'smallint' | 'int' | 'bigint' | 'float' | 'double' | 'timestamp' | 'date' | 'binary';

export interface ExportColumn { name: string; type: ColumnType; /** DuckDB's own type text, for the manifest. */ duckdb: string; /** Written as VARCHAR: no portable Parquet type (see exportType). */ castToText?: boolean }

const SCALARS: Partial<Record<DuckDBTypeId, ScalarName>> = {
  [DuckDBTypeId.VARCHAR]: 'string', [DuckDBTypeId.BOOLEAN]: 'boolean', [DuckDBTypeId.TINYINT]: 'tinyint',
  [DuckDBTypeId.SMALLINT]: 'smallint', [DuckDBTypeId.INTEGER]: 'int', [DuckDBTypeId.BIGINT]: 'bigint',
  [DuckDBTypeId.FLOAT]: 'float', [DuckDBTypeId.DOUBLE]: 'double', [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.DATE]: 'date', [DuckDBTypeId.BLOB]: 'binary',
};

/**
 * The type a DuckDB column is exported as; null when Athena, Trino and Spark share no reading of it (unsigned
 * and 128-bit integers, intervals, times, time-zoned timestamps, UUID, enums, unions): those columns are written
 * as their text, and the manifest says so. No Cairn source has such a column today; a CSV table could.
 */
export function exportType(t: DuckDBType): ColumnType | null {
  const scalar = SCALARS[t.typeId];
  if (scalar) return { kind: 'scalar', name: scalar };
  switch (t.typeId) {
    case DuckDBTypeId.DECIMAL: return { kind: 'decimal', width: t.width, scale: t.scale };
    case DuckDBTypeId.LIST: { const item = exportType(t.valueType); return item && { kind: 'list', item }; }
    case DuckDBTypeId.MAP: {
      const key = exportType(t.keyType); const value = exportType(t.valueType);
      return key && value && { kind: 'map', key, value };
    }
    case DuckDBTypeId.STRUCT: {
      const fields: Array<{ name: string; type: ColumnType }> = [];
      for (let i = 0; i < t.entryNames.length; i++) {
        const type = exportType(t.entryTypes[i]!);
        if (!type) return null;
        fields.push({ name: t.entryNames[i]!, type });
      }
      return { kind: 'struct', fields };
    }
    default: return null;
  }
}

export type Dialect = 'athena' | 'trino' | 'spark' | 'duckdb';

const TRINO_SCALARS: Record<ScalarName, string> = {
  string: 'varchar', boolean: 'boolean', tinyint: 'tinyint', smallint: 'smallint', int: 'integer', bigint: 'bigint',
  float: 'real', double: 'double', timestamp: 'timestamp(6)', date: 'date', binary: 'varbinary',
};
const DUCK_SCALARS: Record<ScalarName, string> = {
  string: 'VARCHAR', boolean: 'BOOLEAN', tinyint: 'TINYINT', smallint: 'SMALLINT', int: 'INTEGER', bigint: 'BIGINT',
  float: 'FLOAT', double: 'DOUBLE', timestamp: 'TIMESTAMP', date: 'DATE', binary: 'BLOB',
};

/** An identifier in a dialect's DDL and views: always quoted, so reserved words (end, type, day) need no list. */
export function quoteName(name: string, dialect: Dialect): string {
  return dialect === 'athena' || dialect === 'spark' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
}

/**
 * The type in a dialect's DDL. Athena's CREATE EXTERNAL TABLE and Spark SQL take Hive type names
 * (struct<a:string>), Trino and DuckDB their own (row("a" varchar), STRUCT("a" VARCHAR)).
 */
export function renderType(t: ColumnType, dialect: Dialect): string {
  const hive = dialect === 'athena' || dialect === 'spark';
  switch (t.kind) {
    case 'scalar': return hive ? t.name : dialect === 'trino' ? TRINO_SCALARS[t.name] : DUCK_SCALARS[t.name];
    case 'decimal': return `${dialect === 'duckdb' ? 'DECIMAL' : 'decimal'}(${t.width},${t.scale})`;
    case 'list': return hive ? `array<${renderType(t.item, dialect)}>` : dialect === 'trino' ? `array(${renderType(t.item, dialect)})` : `${renderType(t.item, dialect)}[]`;
    case 'map': return hive ? `map<${renderType(t.key, dialect)},${renderType(t.value, dialect)}>`
      : `${dialect === 'trino' ? 'map' : 'MAP'}(${renderType(t.key, dialect)}, ${renderType(t.value, dialect)})`;
    case 'struct': {
      // Athena's DDL takes struct field names bare (struct<type:string>); Spark wants reserved words quoted.
      if (hive) return `struct<${t.fields.map((f) => `${dialect === 'spark' ? quoteName(f.name, 'spark') : f.name}:${renderType(f.type, dialect)}`).join(',')}>`;
      return `${dialect === 'trino' ? 'row' : 'STRUCT'}(${t.fields.map((f) => `${quoteName(f.name, dialect)} ${renderType(f.type, dialect)}`).join(', ')})`;
    }
  }
}
