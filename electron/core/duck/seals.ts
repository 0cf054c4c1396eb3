import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from './evidence-db';

const SEAL_ROWS_SQL = readFileSync(join(__dirname, 'seal-rows.sql'), 'utf8');
const SEAL_STORED_SQL = readFileSync(join(__dirname, 'seal-stored.sql'), 'utf8');
const INSERT_SEALS = `INSERT OR REPLACE INTO cairn_seals (evidence_id, tbl, rows, hash_sum, hash_xor)
  SELECT unnest(from_json($ids, '["INTEGER"]')), unnest(from_json($tbls, '["VARCHAR"]')), unnest(from_json($rows, '["BIGINT"]')),
         unnest(from_json($sums, '["VARCHAR"]')), unnest(from_json($xors, '["VARCHAR"]'))`;

export const REJECTS_TABLE = 'cairn_rejects';
/** A source's INSERT may store each row's hash() here, so its seal needs no second read (decision 0003). */
export const ROW_HASH_COLUMN = '_row_hash';
/** Named in every seal so a second examiner knows what to recompute (decision 0003). */
export const SEAL_ALGORITHM = 'duckdb-hash-sum-xor/v1';

export interface Seal { evidenceId: number; table: string; rows: number; hashSum: string; hashXor: string }

const EMPTY = { rows: 0, hashSum: '0', hashXor: '0' };

/** The evidence-id column of a table: the sources' tables say _evidence_id, the rejects table evidence_id. */
function idColumn(table: string): string {
  return table === REJECTS_TABLE ? 'evidence_id' : '_evidence_id';
}

function idRange(ids: number[] | null): { lo: number; hi: number } {
  return ids ? { lo: Math.min(...ids), hi: Math.max(...ids) } : { lo: -2147483648, hi: 2147483647 };
}

/** Keeps the files asked for (every file when ids is null); files with no rows get an empty seal. */
function pick(table: string, ids: number[] | null, found: Map<number, Seal>): Seal[] {
  if (!ids) return [...found.values()];
  return ids.map((id) => found.get(id) ?? { evidenceId: id, table, ...EMPTY });
}

/**
 * Seals of the given files' rows in one table (every file when ids is null), recomputed from the values as they
 * are now: every column but the stored row hash, which is never trusted here.
 */
export async function computeSeals(conn: DuckDBConnection, table: string, ids: number[] | null): Promise<Seal[]> {
  // Every column but the stored hash, whether the table has one or not, with no catalog lookup first.
  const rows = `(SELECT COLUMNS(c -> c <> ${quoteLiteral(ROW_HASH_COLUMN)}) FROM ${quoteIdent(table)})`;
  const sql = SEAL_ROWS_SQL.replaceAll('{rows}', rows).replaceAll('{id}', quoteIdent(idColumn(table)));
  const r = await conn.runAndReadAll(sql, idRange(ids));
  const found = new Map<number, Seal>();
  for (const [id, n, hashSum, hashXor] of r.getRows() as Array<[number, bigint, string, string]>) {
    found.set(Number(id), { evidenceId: Number(id), table, rows: Number(n), hashSum, hashXor });
  }
  return pick(table, ids, found);
}

/**
 * Seals of rows the same transaction just inserted with their hash stored (LogSource.rowHashTables): the sums of
 * _row_hash. Null when a file has a row without one; the caller then recomputes from the values.
 */
async function storedSeals(conn: DuckDBConnection, table: string, ids: number[]): Promise<Seal[] | null> {
  const sql = SEAL_STORED_SQL.replaceAll('{table}', quoteIdent(table)).replaceAll('{id}', quoteIdent(idColumn(table)));
  const r = await conn.runAndReadAll(sql, idRange(ids));
  const found = new Map<number, Seal>();
  const wanted = new Set(ids);
  for (const [id, n, hashSum, hashXor, hashed] of r.getRows() as Array<[number, bigint, string, string, bigint]>) {
    if (hashed !== n && wanted.has(Number(id))) return null;
    found.set(Number(id), { evidenceId: Number(id), table, rows: Number(n), hashSum, hashXor });
  }
  return pick(table, ids, found);
}

const SEALABLE_TABLES_SQL = `SELECT DISTINCT table_name FROM duckdb_columns()
  WHERE database_name = current_database() AND schema_name = 'main' AND column_name = '_evidence_id'
    AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database())`;

/** The evidence database's base tables that hold rows of evidence files (they have _evidence_id). */
export async function sealableTables(conn: DuckDBConnection): Promise<string[]> {
  return ((await conn.runAndReadAll(SEALABLE_TABLES_SQL)).getRows() as Array<[string]>).map(([t]) => t);
}

/**
 * Seals a batch's files inside its open transaction: each base table they wrote, and the rejects table always.
 * A source may name the view it writes behind (vpc_flow_logs); DuckDB's binder names the tables under it.
 * Tables in rowHashed (LogSource.rowHashTables) are sealed from the hashes their INSERT stored (decision 0003).
 */
export async function sealBatch(conn: DuckDBConnection, files: Array<{ evidenceId: number; tables: string[] }>, rowHashed: ReadonlySet<string> = new Set()): Promise<Seal[]> {
  const physical = (t: string): readonly string[] => conn.getTableNames(`SELECT * FROM ${quoteIdent(t)}`, false);
  const byTable = new Map<string, number[]>([[REJECTS_TABLE, files.map((f) => f.evidenceId)]]);
  for (const f of files) {
    for (const t of f.tables.flatMap(physical)) {
      if (t === REJECTS_TABLE) continue;
      const ids = byTable.get(t) ?? [];
      if (ids.at(-1) !== f.evidenceId) ids.push(f.evidenceId);
      byTable.set(t, ids);
    }
  }
  const seals: Seal[] = [];
  for (const [table, ids] of byTable) {
    const sealed = (rowHashed.has(table) ? await storedSeals(conn, table, ids) : null) ?? await computeSeals(conn, table, ids);
    // An empty seal is kept for rejects (so planted rejects show); elsewhere "no seal" already means no rows.
    seals.push(...sealed.filter((x) => x.rows > 0 || table === REJECTS_TABLE));
  }
  const list = (f: (s: Seal) => unknown): string => JSON.stringify(seals.map(f));
  await conn.run(INSERT_SEALS, { ids: list((s) => s.evidenceId), tbls: list((s) => s.table), rows: list((s) => s.rows), sums: list((s) => s.hashSum), xors: list((s) => s.hashXor) });
  return seals;
}
