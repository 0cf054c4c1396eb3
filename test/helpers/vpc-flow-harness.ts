// Shared set-up for the VPC flow-log tests: real files in a temp dir, a real in-memory evidence db,
// and the source's own detect + ensureSchema + importBatch inside a transaction, as the orchestrator does.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openEvidenceDb } from '../../electron/core/duck/evidence-db';
import { PROBE_BYTES, stageEvidence } from '../../electron/core/intake/stage';
import type { LineNumberingRule } from '../../electron/core/intake/numbered-lines';
import type { FileImportResult, Probe, StagedFile } from '../../electron/core/sources/source';
import { vpcFlowSource } from '../../electron/core/sources/vpc-flow';

import { FIXTURES } from './temp';
export { FIXTURES };
export const SAMPLES = join(FIXTURES, 'samples', 'vpcflow');

export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-vpcflow-'));
  return {
    dir,
    write(name, content) { const p = join(dir, name); writeFileSync(p, content); return p; },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export function probeOf(path: string, relPath = basename(path)): Probe {
  const bytes = readFileSync(path);
  return { path, relPath, name: basename(path), head: bytes.subarray(0, PROBE_BYTES), compressed: false, size: statSync(path).size };
}

export interface ImportedDb {
  conn: DuckDBConnection;
  results: FileImportResult[];
  /** The files as the source saw them (with numberedLines when the staging numbered them). */
  files: StagedFile[];
  /** Per file: whether staging gave it as numbered lines (the import may restore it later). */
  numberedWhenStaged: boolean[];
  close(): void;
}

export interface FileSpec { path: string; relPath?: string }

/** Detects and imports the files (evidence ids 101, 102, ...) in one transaction. */
/**
 * Imports the files as one batch. `prepareEarly`: call the source's prepare() first, as the orchestrator
 * does while the batch before is importing; `attempts`: run the batch that many times, rolling back all
 * but the last (as the orchestrator's retry after a failed batch does).
 */
export async function importFiles(files: (string | FileSpec)[], given?: ReturnType<typeof tempDir>, threads?: number,
  opts: { prepareEarly?: boolean; attempts?: number; numbering?: LineNumberingRule } = {}): Promise<ImportedDb> {
  // A scratch dir made here is removed by close(); one passed in belongs to the caller.
  const scratch = given ?? tempDir();
  const { instance, conn } = await openEvidenceDb(':memory:', { threads });
  const staged: StagedFile[] = [];
  for (const [i, f] of files.entries()) {
    const spec = typeof f === 'string' ? { path: f } : f;
    const relPath = spec.relPath ?? basename(spec.path);
    const detection = vpcFlowSource.detect(probeOf(spec.path, relPath));
    if (!detection) throw new Error(`not detected as flow logs: ${spec.path}`);
    const file: StagedFile = { evidenceId: 101 + i, stagedPath: spec.path, originalPath: spec.path, relPath, size: statSync(spec.path).size, detection };
    if (opts.numbering) {
      // Staged as the orchestrator's staging thread does, so qualifying files arrive as numbered lines.
      const s = await stageEvidence(spec.path, join(scratch.dir, `staged-${101 + i}.dat`), undefined, undefined, { forms: [{ numberedLines: opts.numbering }] });
      Object.assign(file, { stagedPath: s.stagedPath!, ...(s.numberedLines ? { numberedLines: s.numberedLines } : {}) });
    }
    staged.push(file);
  }
  const numberedWhenStaged = staged.map((f) => f.numberedLines !== undefined);
  await vpcFlowSource.ensureSchema(conn);
  const ctx = { conn, signal: new AbortController().signal, tmpDir: scratch.dir, progress() {}, existingTables: async () => new Set<string>() };
  if (opts.prepareEarly) for (const f of staged) f.prepared = vpcFlowSource.staging!.prepare!(ctx, f);
  let results: Awaited<ReturnType<typeof vpcFlowSource.importBatch>> = [];
  for (let k = (opts.attempts ?? 1); k > 0; k--) {
    await conn.run('BEGIN');
    results = await vpcFlowSource.importBatch(ctx, staged);
    await conn.run(k > 1 ? 'ROLLBACK' : 'COMMIT');
  }
  return { conn, results, files: staged, numberedWhenStaged, close() { conn.closeSync(); instance.closeSync(); if (!given) scratch.cleanup(); } };
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

export async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  return (await conn.runAndReadAll(sql)).getRows()[0]?.[0];
}
