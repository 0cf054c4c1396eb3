// Per-file counts over a batch's rows, one statement each for all its files (decision 0026): the rows an INSERT
// marked to be rejected (negative `_ordinal`, line-sql.ts), removed once counted, and the rows each file holds.
import type { DuckDBConnection } from '@duckdb/node-api';
import { countMarkedSql, deleteMarkedSql, rowsPerFileSql } from './line-sql';

/** Evidence id -> the rows the query counted (files with none are not listed). */
async function countsOf(conn: DuckDBConnection, sql: string): Promise<Map<number, number>> {
  return new Map((await conn.runAndReadAll(sql)).getRowObjects().map((r) => [Number(r.evidence_id), Number(r.n)]));
}

/** Each file's rows marked to be rejected, which are then removed. */
export async function takeMarkedRows(conn: DuckDBConnection, table: string, evidenceIds: number[]): Promise<Map<number, number>> {
  if (evidenceIds.length === 0) return new Map();
  const marked = await countsOf(conn, countMarkedSql(table, evidenceIds));
  if (marked.size > 0) await conn.run(deleteMarkedSql(table, [...marked.keys()]));
  return marked;
}

/** Each file's rows in the table now. */
export async function rowsPerFile(conn: DuckDBConnection, table: string, evidenceIds: number[]): Promise<Map<number, number>> {
  return evidenceIds.length === 0 ? new Map() : countsOf(conn, rowsPerFileSql(table, evidenceIds));
}

/** Runs a batch's INSERT and checks that every record written for DuckDB became one row (`what`: 'line' or 'record'). */
export async function insertAccounted(conn: DuckDBConnection, sql: string, written: number, what: 'line' | 'record'): Promise<void> {
  const inserted = Number((await conn.run(sql)).rowsChanged);
  if (inserted !== written) throw new Error(`${what} accounting failed: ${written} ${what}s written for DuckDB, ${inserted} rows inserted`);
}
