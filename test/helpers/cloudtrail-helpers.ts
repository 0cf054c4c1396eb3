// Shared set-up for the CloudTrail tests: a real DuckDB evidence db, real staged files, the real importer.
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openEvidenceDb } from '../../electron/core/duck/evidence-db';
import { stageEvidence } from '../../electron/core/intake/stage';
import { cloudTrailSource } from '../../electron/core/sources/cloudtrail';
import { ReadAgainError, type FileImportResult, type StagedFile } from '../../electron/core/sources/source';

import { FIXTURES } from './temp';
export { FIXTURES };
export const SAMPLES = join(FIXTURES, 'samples', 'cloudtrail');
export const OWN = join(FIXTURES, 'cloudtrail');

export interface Harness {
  conn: DuckDBConnection;
  dir: string;
  nextId: number;
  /** Compact {"Records":[...]} files are staged as record lines, as the orchestrator stages them. */
  recordLines: boolean;
  close(): Promise<void>;
}

/** `recordLines: false` stages every file as it is, so the whole-document path reads them all. */
export async function openHarness(opts: { recordLines?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-ct-'));
  const { instance, conn } = await openEvidenceDb(join(dir, 'evidence.duckdb'), { tempDir: join(dir, 'duck-tmp') });
  await cloudTrailSource.ensureSchema(conn);
  return {
    conn, dir, nextId: 1, recordLines: opts.recordLines ?? true,
    async close() { conn.closeSync(); instance.closeSync(); await fsp.rm(dir, { recursive: true, force: true }); },
  };
}

/** Stages an evidence file the way the orchestrator does and detects it with the CloudTrail detector. */
export async function stage(h: Harness, evidencePath: string, relPath = basename(evidencePath)): Promise<StagedFile> {
  const id = h.nextId++;
  const stagedPath = join(h.dir, `staged-${id}`);
  const s = await stageEvidence(evidencePath, stagedPath, undefined, undefined, { forms: h.recordLines ? [cloudTrailSource.staging!.form!] : [] });
  if (!s.stagedPath) throw new Error(`staging failed: ${s.error}`);
  const detection = cloudTrailSource.detect({ path: evidencePath, relPath, name: basename(evidencePath), head: s.head, compressed: s.compression === 'gzip', size: s.uncompressedSize });
  if (!detection) throw new Error(`not detected as CloudTrail: ${evidencePath}`);
  return { evidenceId: id, stagedPath, originalPath: evidencePath, relPath, size: s.uncompressedSize, detection, ...(s.recordLines ? { recordLines: s.recordLines } : {}) };
}

/**
 * BEGIN, import, COMMIT (ROLLBACK when a file came back with an error), as the orchestrator does; a lone
 * file the importer wants to read again (ReadAgainError) is, once.
 */
export async function importFiles(h: Harness, files: StagedFile[], readAgain = true): Promise<FileImportResult[]> {
  const tmp = join(h.dir, 'scratch');
  await fsp.mkdir(tmp, { recursive: true });
  await h.conn.run('BEGIN');
  let results: FileImportResult[];
  try {
    results = await cloudTrailSource.importBatch({
      conn: h.conn, signal: new AbortController().signal, tmpDir: tmp, progress() {}, existingTables: async () => new Set(),
    }, files);
  } catch (e) {
    await h.conn.run('ROLLBACK');
    if (e instanceof ReadAgainError && readAgain && files.length === 1) return importFiles(h, files, false);
    throw e;
  }
  if (results.some((r) => r.error)) await h.conn.run('ROLLBACK'); else await h.conn.run('COMMIT');
  return results;
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

export async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  const r = await rows(conn, sql);
  return Number(Object.values(r[0] ?? {})[0]);
}
