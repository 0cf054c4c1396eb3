import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import type { StagedEvidence } from '../intake/stage';
import type { FoundFile } from '../intake/walk';
import { detectSource } from '../sources/registry';
import type { LogSource, StagedFile } from '../sources/source';
import type { FileLedger } from './file-ledger';

/** A listed file once staging is done with it. */
export interface Staged { f: FoundFile; staged: StagedEvidence }

/** What became of a staged file: it goes on to its source's batch, or (null) it is finished here. */
export type Admission = { source: LogSource; file: StagedFile } | null;

/** A staged copy that will not be imported is removed now (the staging folder goes at the end anyway). */
function drop(stagedPath: string | undefined): null {
  if (stagedPath) void fsp.rm(stagedPath, { force: true }).catch(() => undefined);
  return null;
}

/**
 * Decides what becomes of one staged file (inside the ledger's group(), one SQLite transaction): a duplicate
 * ends here; a new file is entered, then detection decides its source, or why it has none. The ledger
 * writes every outcome.
 */
export function admit(ledger: FileLedger, { f, staged }: Staged): Admission {
  const evidenceId = ledger.enter(f, staged);
  if (evidenceId === null) return drop(staged.stagedPath);
  const stagedPath = staged.stagedPath;
  if (staged.error || !stagedPath) { ledger.finish(evidenceId, staged, 'failed', staged.error ?? 'could not read the file'); return null; }

  // Staged whole, a second gzip layer is decompressed (intake/stage.ts); streamed (big files), it is not yet.
  if (staged.compression === 'gzip' && staged.head[0] === 0x1f && staged.head[1] === 0x8b) {
    ledger.finish(evidenceId, staged, 'unsupported', 'gzip inside gzip: the inner layer of a file this big is not decompressed; gunzip the file once and add it again');
    return drop(stagedPath);
  }
  const detected = detectSource({ path: f.path, relPath: f.relPath, name: basename(f.path), head: staged.head, compressed: staged.compression === 'gzip', size: staged.uncompressedSize,
    ...(ledger.chosenFields ? { fields: ledger.chosenFields } : {}) }, undefined, ledger.chosenFormat);
  if ('unsupported' in detected) { ledger.finish(evidenceId, staged, 'unsupported', detected.unsupported); return drop(stagedPath); }
  if ('needsDecision' in detected) { ledger.finish(evidenceId, staged, 'needs_decision', detected.needsDecision, null, detected.offers); return drop(stagedPath); }
  const { source, detection } = detected;
  if (!detection.importable) { ledger.finish(evidenceId, staged, 'recorded', detection.note ?? 'recognised; holds no records to import', detection.format); return drop(stagedPath); }
  ledger.awaitBatch(evidenceId, staged, detection);
  return { source, file: { evidenceId, stagedPath, originalPath: f.path, relPath: f.relPath, size: staged.uncompressedSize, detection,
    ...(staged.recordLines ? { recordLines: staged.recordLines } : {}), ...(staged.numberedLines ? { numberedLines: staged.numberedLines } : {}) } };
}
