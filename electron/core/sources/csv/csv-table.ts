import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../duck/evidence-db';

export const CSV_SCHEMA_SQL = readFileSync(join(__dirname, 'csv-schema.sql'), 'utf8');

const INSERT_FILE_SQL = `INSERT INTO cairn_csv_files
  (evidence_id, table_name, encoding, delimiter, has_header, column_count, padded_records, trimmed_records)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/**
 * DDL for one file's table: every data column VARCHAR (the bytes as written, nothing coerced or lost to
 * a type guess), then the provenance columns. Names come from columnNames(), and are quoted anyway.
 */
export function createTableSql(table: string, columns: readonly string[]): string {
  const data = columns.map((c) => `${quoteIdent(c)} VARCHAR`);
  const provenance = ['"_evidence_id" INTEGER NOT NULL', '"_ordinal" BIGINT NOT NULL', '"_line" BIGINT NOT NULL'];
  return `CREATE TABLE ${quoteIdent(table)} (${[...data, ...provenance].join(', ')})`;
}

export interface CsvFileRecord {
  evidenceId: number;
  table: string;
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  columns: readonly string[];
  header: readonly string[] | null;
  padded: number;
  trimmed: number;
}

/** Writes the file's dialect and column map into cairn_csv_files / cairn_csv_columns. */
export async function recordCsvFile(conn: DuckDBConnection, f: CsvFileRecord): Promise<void> {
  await conn.run(INSERT_FILE_SQL, [f.evidenceId, f.table, f.encoding, f.delimiter, f.hasHeader, f.columns.length, f.padded, f.trimmed]);
  const appender = await conn.createAppender('cairn_csv_columns');
  try {
    f.columns.forEach((name, i) => {
      appender.appendInteger(f.evidenceId);
      appender.appendVarchar(f.table);
      appender.appendInteger(i + 1);
      appender.appendVarchar(name);
      const text = f.header?.[i];
      if (text === undefined) appender.appendNull();
      else appender.appendVarchar(text);
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Undoes one file's work inside the open transaction, so a per-file error leaves nothing behind. */
export async function discardCsvFile(conn: DuckDBConnection, evidenceId: number, table: string | null): Promise<void> {
  if (table) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  await conn.run('DELETE FROM cairn_rejects WHERE evidence_id = $1 AND source = $2', [evidenceId, 'csv']);
  await conn.run('DELETE FROM cairn_csv_files WHERE evidence_id = $1', [evidenceId]);
  await conn.run('DELETE FROM cairn_csv_columns WHERE evidence_id = $1', [evidenceId]);
}
