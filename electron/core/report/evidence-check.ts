import { existsSync } from 'node:fs';
import type { EvidenceFile } from '../../../shared/types';
import type { EvidenceCheck } from '../../../shared/report';
import { hashFile } from '../intake/stage';

/** Re-hashes each evidence file still at its original path; a changed or unreachable file is reported, never skipped. */
export async function checkEvidence(files: EvidenceFile[]): Promise<EvidenceCheck[]> {
  const out: EvidenceCheck[] = [];
  for (const f of files) {
    const base = { evidenceId: f.id, relPath: f.relPath, originalPath: f.originalPath, expectedSha256: f.sha256 };
    if (!existsSync(f.originalPath)) { out.push({ ...base, status: 'missing', actualSha256: null, error: 'not found at its original path' }); continue; }
    try {
      const actual = await hashFile(f.originalPath);
      out.push({ ...base, status: actual === f.sha256 ? 'verified' : 'mismatch', actualSha256: actual });
    } catch (e) {
      out.push({ ...base, status: 'missing', actualSha256: null, error: `could not be read: ${(e as Error).message}` });
    }
  }
  return out;
}
