import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import type { EvidenceFile } from '../../../shared/types';
import type { EvidenceCheck } from '../../../shared/report';
import { hashFile } from '../intake/stage';

// A 100k-file case is mostly small files, where opening and closing cost more than hashing: they are read
// synchronously in slices of SLICE files, the event loop getting a turn between slices (decision 0040).
const IN_FLIGHT = 4;
const SLICE = 256;
/** Read whole below this size (one read instead of a stream); larger files are streamed. */
const WHOLE_READ_BYTES = 4 * 1024 * 1024;

/** Re-hashes each evidence file still at its original path; a changed or unreachable file is reported, never skipped. */
export async function checkEvidence(files: EvidenceFile[]): Promise<EvidenceCheck[]> {
  const out = new Array<EvidenceCheck>(files.length);
  const large: number[] = [];
  for (let k = 0; k < files.length; k++) {
    if (files[k]!.size >= WHOLE_READ_BYTES) { large.push(k); continue; }
    out[k] = checkSmallSync(files[k]!);
    if (k % SLICE === SLICE - 1) await new Promise((r) => setImmediate(r));
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < large.length) {
      const k = large[next++]!;
      out[k] = await checkOne(files[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, large.length) }, worker));
  return out;
}

const READ_ONLY_NOATIME = constants.O_RDONLY | ((constants as Record<string, number>).O_NOATIME ?? 0);

/** A small file read whole, synchronously, opened as the importer opens evidence (read-only, no atime update). */
function checkSmallSync(f: EvidenceFile): EvidenceCheck {
  const base = { evidenceId: f.id, relPath: f.relPath, originalPath: f.originalPath, expectedSha256: f.sha256 };
  let fd: number;
  try {
    try { fd = openSync(f.originalPath, READ_ONLY_NOATIME); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e; fd = openSync(f.originalPath, constants.O_RDONLY); }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ...base, status: 'missing', actualSha256: null, error: err.code === 'ENOENT' ? 'not found at its original path' : `could not be read: ${err.message}` };
  }
  try {
    const actual = createHash('sha256').update(readFileSync(fd)).digest('hex');
    return { ...base, status: actual === f.sha256 ? 'verified' : 'mismatch', actualSha256: actual };
  } catch (e) {
    return { ...base, status: 'missing', actualSha256: null, error: `could not be read: ${(e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** A large file, streamed. */
async function checkOne(f: EvidenceFile): Promise<EvidenceCheck> {
  const base = { evidenceId: f.id, relPath: f.relPath, originalPath: f.originalPath, expectedSha256: f.sha256 };
  try {
    const actual = await hashFile(f.originalPath);
    return { ...base, status: actual === f.sha256 ? 'verified' : 'mismatch', actualSha256: actual };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ...base, status: 'missing', actualSha256: null, error: 'not found at its original path' };
    return { ...base, status: 'missing', actualSha256: null, error: `could not be read: ${err.message}` };
  }
}
