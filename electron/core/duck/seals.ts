import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from './evidence-db';

const SEAL_ROWS_SQL = readFileSync(join(__dirname, 'seal-rows.sql'), 'utf8');
const INSERT_SEALS = `INSERT OR REPLACE INTO cairn_seals (evidence_id, tbl, rows, hash_sum, hash_xor)
  SELECT unnest(from_json($ids, '["INTEGER"]')), unnest(from_json($tbls, '["VARCHAR"]')), unnest(from_json($rows, '["BIGINT"]')),
         unnest(from_json($sums, '["VARCHAR"]')), unnest(from_json($xors, '["VARCHAR"]'))`;

export const REJECTS_TABLE = 'cairn_rejects';
/** Named in every seal so a second examiner knows what to recompute (decision 0003). */
export const SEAL_ALGORITHM = 'duckdb-hash-sum-xor/v1';

export interface Seal { evidenceId: number; table: string; rows: number; hashSum: string; hashXor: string }

const EMPTY = { rows: 0, hashSum: '0', hashXor: '0' };

/** The evidence-id column of a table: the sources' tables say _evidence_id, the rejects table evidence_id. */
function idColumn(table: string): string {
  return table === REJECTS_TABLE ? 'evidence_id' : '_evidence_id';
}

/** Seals of the given files' rows in one table (every file when ids is null); files with no rows get an empty seal. */
export async function computeSeals(conn: DuckDBConnection, table: string, ids: number[] | null): Promise<Seal[]> {
  const sql = SEAL_ROWS_SQL.replaceAll('{table}', quoteIdent(table)).replaceAll('{id}', quoteIdent(idColumn(table)));
  const lo = ids ? Math.min(...ids) : -2147483648;
  const hi = ids ? Math.max(...ids) : 2147483647;
  const r = await conn.runAndReadAll(sql, { lo, hi });
  const found = new Map<number, Seal>();
  for (const [id, rows, hashSum, hashXor] of r.getRows() as Array<[number, bigint, string, string]>) {
    found.set(Number(id), { evidenceId: Number(id), table, rows: Number(rows), hashSum, hashXor });
  }
  if (!ids) return [...found.values()];
  return ids.map((id) => found.get(id) ?? { evidenceId: id, table, ...EMPTY });
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
 */
export async function sealBatch(conn: DuckDBConnection, files: Array<{ evidenceId: number; tables: string[] }>): Promise<Seal[]> {
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
    // An empty seal is kept for rejects (so planted rejects show); elsewhere "no seal" already means no rows.
    seals.push(...(await computeSeals(conn, table, ids)).filter((x) => x.rows > 0 || table === REJECTS_TABLE));
  }
  const list = (f: (s: Seal) => unknown): string => JSON.stringify(seals.map(f));
  await conn.run(INSERT_SEALS, { ids: list((s) => s.evidenceId), tbls: list((s) => s.table), rows: list((s) => s.rows), sums: list((s) => s.hashSum), xors: list((s) => s.hashXor) });
  return seals;
}
