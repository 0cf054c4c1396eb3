// The integrity check over a case: the manifest says which files are evidence and where the originals are;
// they are read in place, never written, and case.sqlite is opened read-only (an open case may hold it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EvidenceFile } from '../../../shared/types';
import type { IgnoredInput, IntegrityInput, IntegrityReport } from './types';
import { verifyCloudTrailIntegrity } from './verify';

/** The manifest fields the check needs; an EvidenceFile has them all. */
export type ManifestEntry = Pick<EvidenceFile, 'id' | 'relPath' | 'originalPath' | 'format'>;

/** Manifest rows as inputs, plus those whose original file is no longer where it was added. */
export function manifestInputs(rows: ManifestEntry[]): { inputs: IntegrityInput[]; gone: IgnoredInput[] } {
  const inputs: IntegrityInput[] = [];
  const gone: IgnoredInput[] = [];
  for (const r of rows) {
    if (existsSync(r.originalPath)) inputs.push({ relPath: r.relPath, path: r.originalPath, format: r.format, evidenceId: r.id });
    else gone.push({ relPath: r.relPath, reason: `evidence #${r.id}: the original file is no longer at ${r.originalPath}` });
  }
  return { inputs, gone };
}

/** Verifies manifest rows (from an open CaseStore's evidence()), with optional extra key or metadata files. */
export async function verifyManifestDigests(rows: ManifestEntry[], extra: IntegrityInput[] = []): Promise<IntegrityReport> {
  const { inputs, gone } = manifestInputs(rows);
  const report = await verifyCloudTrailIntegrity([...inputs, ...extra]);
  report.ignored.unshift(...gone);
  return report;
}

/** Reads the manifest of the case in caseDir (read-only) and verifies its evidence. */
export async function verifyCaseDigests(caseDir: string, extra: IntegrityInput[] = []): Promise<IntegrityReport> {
  const db = new Database(join(caseDir, 'case.sqlite'), { readonly: true, fileMustExist: true });
  let rows: ManifestEntry[];
  try {
    rows = (db.prepare('SELECT id, rel_path, original_path, format FROM evidence ORDER BY id').all() as Array<{ id: number; rel_path: string; original_path: string; format: string | null }>)
      .map((r) => ({ id: r.id, relPath: r.rel_path, originalPath: r.original_path, format: r.format }));
  } finally { db.close(); }
  return verifyManifestDigests(rows, extra);
}
