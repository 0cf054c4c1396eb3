// Pure bookkeeping for running imports: progress events in, display numbers (rate, time left) out.
import type { ImportProgress, ImportSummary } from '../../shared/types';

export interface ImportRun {
  runId: number;
  paths: string[];
  startedAt: number;
  progress: ImportProgress | null;
  /** A short window of samples (time, bytes read, work done: see runStats), so rates follow the recent speed. */
  samples: { at: number; bytes: number; work: number; records: number }[];
  summary: ImportSummary | null;
  cancelling: boolean;
  /** The run this one resumes, when it is a resume. */
  resumeOf?: number;
}

const SAMPLE_WINDOW_MS = 10_000;

export function startRun(runId: number, paths: string[], now: number): ImportRun {
  return { runId, paths, startedAt: now, progress: null, samples: [{ at: now, bytes: 0, work: 0, records: 0 }], summary: null, cancelling: false };
}

export function applyProgress(run: ImportRun, p: ImportProgress, now: number): ImportRun {
  const samples = [...run.samples, { at: now, bytes: p.bytesDone, work: p.bytesDone + p.bytesFinished, records: p.records }].filter((s, k, all) => k === all.length - 1 || now - s.at <= SAMPLE_WINDOW_MS);
  return { ...run, progress: p, samples };
}

export function applySummary(run: ImportRun, s: ImportSummary): ImportRun {
  return { ...run, summary: s, cancelling: false };
}

export interface RunStats {
  /**
   * 0..1: half for reading the evidence (hash, gunzip, staged copy), half for importing it (bytesFinished); files
   * when bytes are unknown. Reading runs ahead of importing, so bytes read alone reached 1 long before the end.
   */
  fraction: number;
  /** Evidence read per second. */
  bytesPerSec: number | null;
  recordsPerSec: number | null;
  etaMs: number | null;
}

export function runStats(run: ImportRun): RunStats {
  const p = run.progress;
  if (!p) return { fraction: 0, bytesPerSec: null, recordsPerSec: null, etaMs: null };
  const fraction = p.bytesTotal > 0 ? Math.min(1, (p.bytesDone + p.bytesFinished) / (2 * p.bytesTotal)) : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 0;
  const first = run.samples[0];
  const last = run.samples[run.samples.length - 1];
  if (!first || !last || last.at - first.at < 250) return { fraction, bytesPerSec: null, recordsPerSec: null, etaMs: null };
  const secs = (last.at - first.at) / 1000;
  const bytesPerSec = (last.bytes - first.bytes) / secs;
  const recordsPerSec = (last.records - first.records) / secs;
  const workPerSec = (last.work - first.work) / secs;
  const left = 2 * p.bytesTotal - (p.bytesDone + p.bytesFinished);
  const etaMs = workPerSec > 0 && left >= 0 ? Math.round((left / workPerSec) * 1000) : null;
  return { fraction, bytesPerSec, recordsPerSec, etaMs };
}

export function isActive(run: ImportRun): boolean {
  return run.summary === null;
}
