import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import type { FileStatus, ImportFileResult } from '../../../shared/types';
import { restoreNumberedLines } from '../intake/numbered-lines';
import { restoreDocument } from '../intake/record-lines';
import type { StagedEvidence } from '../intake/stage';
import type { FoundFile } from '../intake/walk';
import { detectSource } from '../sources/registry';
import type { LogSource, StagedFile } from '../sources/source';
import type { RunState } from './run-state';

/** A listed file once staging is done with it. */
export interface Staged { f: FoundFile; result: ImportFileResult; staged: StagedEvidence }

/** What became of a staged file: it goes on to its source's batch, or (null) it is finished here. */
export type Admission = { source: LogSource; file: StagedFile } | null;

/** A staged copy that will not be imported is removed now (the staging folder goes at the end anyway). */
function drop(stagedPath: string | undefined): null {
  if (stagedPath) void fsp.rm(stagedPath, { force: true }).catch(() => undefined);
  return null;
}

/**
 * One staged file into the manifest (inside the caller's SQLite transaction): a duplicate is reported, a
 * new file gets its evidence row and audit entry, then detection decides its source, or why it has none.
 */
export function admit(run: RunState, { f, result, staged }: Staged): Admission {
  const { store, runId, pathOf, reporter, evidenceBytes, chosenFormat } = run;
  const existing = store.findEvidenceByHash(staged.sha256);
  // A pending file from an interrupted run is resumed; one already in this run is a duplicate.
  // A file left for the analyst's decision is taken again, as one interrupted is.
  if (existing && ((existing.status !== 'pending' && existing.status !== 'needs_decision') || pathOf.has(existing.id))) {
    Object.assign(result, { status: 'duplicate', evidenceId: existing.id, duplicateOf: existing.id, reason: `same SHA-256 as evidence #${existing.id} (${existing.relPath}); not imported again` });
    store.audit('evidence.duplicate', { path: f.path, sha256: staged.sha256, duplicateOf: existing.id });
    reporter.fileFinished(staged.size);
    return drop(staged.stagedPath);
  }
  const evidenceId = existing?.id ?? store.addEvidence({ sha256: staged.sha256, size: staged.size, mtime: staged.mtime, originalPath: f.path, relPath: f.relPath, compression: staged.compression, runId });
  if (!existing) store.audit('evidence.added', { evidenceId, sha256: staged.sha256, size: staged.size, path: f.path, relPath: f.relPath });
  result.evidenceId = evidenceId;
  pathOf.set(evidenceId, f.path);

  const finish = (status: FileStatus, reason: string, format: string | null = null): void => {
    store.setEvidenceOutcome(evidenceId, { status, reason, format, uncompressedSize: staged.uncompressedSize });
    Object.assign(result, { status, reason, format });
    reporter.fileFinished(staged.size);
  };
  const stagedPath = staged.stagedPath;
  if (staged.error || !stagedPath) { finish('failed', staged.error ?? 'could not read the file'); return null; }

  if (staged.notes?.length) store.audit('evidence.staged', { evidenceId, notes: staged.notes });
  // Staged whole, a second gzip layer is decompressed (intake/stage.ts); streamed (big files), it is not yet.
  if (staged.compression === 'gzip' && staged.head[0] === 0x1f && staged.head[1] === 0x8b) {
    finish('unsupported', 'gzip inside gzip: the inner layer of a file this big is not decompressed; gunzip the file once and add it again');
    return drop(stagedPath);
  }
  const detected = detectSource({ path: f.path, relPath: f.relPath, name: basename(f.path), head: staged.head, compressed: staged.compression === 'gzip', size: staged.uncompressedSize }, undefined, chosenFormat);
  if ('unsupported' in detected) { finish('unsupported', detected.unsupported); return drop(stagedPath); }
  if ('needsDecision' in detected) { finish('needs_decision', detected.needsDecision); return drop(stagedPath); }
  const { source, detection } = detected;
  result.format = detection.format;
  if (!detection.importable) { finish('recorded', detection.note ?? 'recognised; holds no records to import', detection.format); return drop(stagedPath); }
  result.reason = detection.note ?? null;
  store.setEvidenceOutcome(evidenceId, { status: 'pending', format: detection.format, reason: result.reason, uncompressedSize: staged.uncompressedSize });
  evidenceBytes.set(evidenceId, staged.size);
  if (staged.notes?.length) run.notes.set(evidenceId, staged.notes.join('; '));
  return { source, file: { evidenceId, stagedPath, originalPath: f.path, relPath: f.relPath, size: staged.uncompressedSize, detection,
    ...(staged.recordLines ? { recordLines: staged.recordLines } : {}), ...(staged.numberedLines ? { numberedLines: staged.numberedLines } : {}) } };
}

/**
 * A staged file keeps its record lines or numbered lines only for the source that asked for them; for another
 * source the content goes back as it was, byte for byte. Outside the manifest's SQLite transaction: file I/O
 * has no place inside it.
 */
export async function keepStagedFormFor(source: LogSource, file: StagedFile): Promise<void> {
  if (file.recordLines && source.recordArray?.prefix !== file.recordLines.prefix) {
    await restoreDocument(file.stagedPath, file.recordLines);
    file.recordLines = undefined;
  }
  if (file.numberedLines && source.id !== file.numberedLines.source) {
    await restoreNumberedLines(file.stagedPath, file.numberedLines);
    file.numberedLines = undefined;
  }
}
