// What one file's import left in a case, as text to compare: its result's counts, its rows (every column but the
// evidence id, in `_ordinal` order) and its rejects. Text, because a typed column may hold what JS cannot
// (DuckDB casts 'inf' to an infinite DATE).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../../electron/core/sources/source';
import { newCase } from './case';
import { tempDir } from './temp';

export interface FileRows { result: unknown; rows: string[]; rejects: string[] }

export async function fileRows(conn: DuckDBConnection, table: string, r: FileImportResult): Promise<FileRows> {
  const read = async (sql: string): Promise<string[]> => (await conn.runAndReadAll(sql)).getRowObjectsJS()
    .map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  return {
    result: { recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, error: r.error },
    rows: await read(`SELECT COLUMNS(* EXCLUDE (_evidence_id))::VARCHAR FROM ${table} WHERE _evidence_id = ${r.evidenceId} ORDER BY _ordinal`),
    rejects: await read(`SELECT source, ordinal, line, byte_offset, reason, raw FROM cairn_rejects WHERE evidence_id = ${r.evidenceId} ORDER BY ordinal`),
  };
}

/**
 * Imports `files` (relative path and text) as one batch and each alone, in one case, and asserts every file of the
 * batch came out as it did alone: counts, rows, rejects (decision 0026). Returns the batch's results.
 */
export async function batchAgainstAlone(source: LogSource, table: string, files: { rel: string; text: string }[],
  importBatch: (ctx: ImportContext, f: StagedFile[]) => Promise<FileImportResult[]> = (ctx, f) => source.importBatch(ctx, f)): Promise<{ results: FileImportResult[]; rows: FileRows[] }> {
  const c = await newCase();
  const { conn, tmpDir } = c.forImport();
  await source.ensureSchema(conn);
  const dir = tempDir();
  const ctx: ImportContext = { conn, signal: new AbortController().signal, tmpDir, progress: () => undefined, existingTables: async () => new Set<string>() };
  const staged = (id: number, f: { rel: string; text: string }): StagedFile => {
    const path = join(dir, String(id), f.rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    return { evidenceId: id, stagedPath: path, originalPath: path, relPath: f.rel, size: Buffer.byteLength(f.text), detection: { format: source.id, confidence: 1, importable: true } };
  };
  const together = await importBatch(ctx, files.map((f, i) => staged(i + 1, f)));
  const alone: FileImportResult[] = [];
  for (const [i, f] of files.entries()) alone.push(...await importBatch(ctx, [staged(101 + i, f)]));
  assert.deepEqual(together.map((r) => r.evidenceId), files.map((_, i) => i + 1), 'one result per file, in order');
  const rows: FileRows[] = [];
  for (const [i, r] of together.entries()) {
    const a = await fileRows(conn, table, r);
    const b = await fileRows(conn, table, alone[i]!);
    assert.deepEqual(a.result, b.result, `file ${i + 1}: counts`);
    assert.deepEqual(a.rows, b.rows, `file ${i + 1}: rows`);
    assert.deepEqual(a.rejects, b.rejects, `file ${i + 1}: rejects`);
    rows.push(a);
  }
  await c.close();
  return { results: together, rows };
}
