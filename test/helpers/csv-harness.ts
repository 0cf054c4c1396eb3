// Test harness for the CSV source: real DuckDB, real staged files, the same calls the orchestrator makes.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openEvidenceDb } from '../../electron/core/duck/evidence-db';
import { csvSource } from '../../electron/core/sources/csv';
import type { Detection, FileImportResult, Probe } from '../../electron/core/sources/source';

export { FIXTURES } from './temp';
const PROBE_BYTES = 64 * 1024;

export function probeOf(path: string): Probe {
  const bytes = readFileSync(path);
  return { path, relPath: basename(path), name: basename(path), head: bytes.subarray(0, PROBE_BYTES), compressed: false, size: bytes.length };
}

export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-csv-'));
  return {
    dir,
    write(name, content) { const p = join(dir, name); writeFileSync(p, content); return p; },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export interface Imported { instance: DuckDBInstance; conn: DuckDBConnection; results: FileImportResult[]; close(): void }

/** Imports the files as one batch into a fresh in-memory evidence db (or into `into`). Detection must accept each file unless `force`. */
export async function importCsv(paths: string[], opts: { into?: Imported; force?: boolean } = {}): Promise<Imported> {
  const db = opts.into ?? await openEvidenceDb(':memory:');
  const tmp = tempDir();
  const files = paths.map((p, i) => {
    const detection: Detection | null = csvSource.detect(probeOf(p));
    if (!detection && !opts.force) throw new Error(`not detected as CSV: ${p}`);
    return { evidenceId: 100 + i, stagedPath: p, originalPath: p, relPath: basename(p), size: statSync(p).size, detection: detection ?? { format: 'csv', confidence: 0, importable: true } };
  });
  await db.conn.run('BEGIN');
  await csvSource.ensureSchema(db.conn);
  const results = await csvSource.importBatch({
    conn: db.conn,
    signal: new AbortController().signal,
    tmpDir: tmp.dir,
    progress() {},
    existingTables: async () => new Set((await db.conn.runAndReadAll('SELECT table_name FROM duckdb_tables()')).getRows().map((r) => String(r[0]))),
  }, files);
  await db.conn.run('COMMIT');
  tmp.cleanup();
  return { instance: db.instance, conn: db.conn, results, close() { db.conn.closeSync(); db.instance.closeSync(); } };
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

export async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  return (await conn.runAndReadAll(sql)).getRowsJS()[0]?.[0];
}
