import type { DuckDBConnection } from '@duckdb/node-api';
import { UNKNOWN_KEYS_LABEL, type FileStatus, type FormatCandidate, type ImportFileResult, type ImportProgress, type ImportSummary } from '../../../shared/types';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import type { StagedEvidence } from '../intake/stage';
import type { FoundFile } from '../intake/walk';
import type { Detection, LogSource, StagedFile } from '../sources/source';
import type { BatchOutcome } from './import-batch';
import { ImportProgressReporter } from './progress-reporter';

/** What the ledger needs of the case's store: the import run, the manifest, the audit log, and one transaction idiom. */
export type LedgerStore = Pick<CaseStore, 'transaction' | 'audit' | 'startRun' | 'finishRun' | 'recordRunFile' | 'findEvidenceByHash' | 'addEvidence' | 'setEvidenceOutcome' | 'setSeals'>;

export interface LedgerOptions {
  onProgress?: (p: ImportProgress) => void;
  /** The format the analyst chose for this run's files (`cairn import --as`), if any. */
  chosenFormat?: string;
  /** The field list the analyst gave for files that do not say theirs (`cairn import --fields`). */
  chosenFields?: readonly string[];
  /** The run this one resumes (import.resume), if any. */
  resumeOf?: number;
}

/** A file waiting for its batch: its evidence bytes (for progress) and what staging did to it (for its reason). */
interface Waiting { bytes: number; notes?: string }

/**
 * One import run's account of its files, and the only writer of it: each file's outcome (the run's result
 * list and the manifest row in case.sqlite), its audit entries, and the run's progress. The other steps of
 * the import decide; they tell the ledger what they decided.
 */
export class FileLedger {
  readonly runId: number;
  readonly chosenFormat?: string;
  readonly chosenFields?: readonly string[];
  readonly resumeOf?: number;
  /** Every listed file's result, by path, in listed order: the run's account when it ends. */
  private readonly results = new Map<string, ImportFileResult>();
  /** Evidence ids this run has taken, to their paths: a second file with one of these hashes is a duplicate. */
  private readonly pathOf = new Map<number, string>();
  /** Files waiting for a batch, by evidence id; a run of many files holds only these. */
  private readonly waiting = new Map<number, Waiting>();
  private readonly reporter: ImportProgressReporter;

  /** Records the run in the case (its row and audit entry). conn: the connection the batches run on, for progress. */
  constructor(private readonly store: LedgerStore, inputs: string[], conn: DuckDBConnection, opts: LedgerOptions = {}) {
    this.runId = store.startRun(inputs, { ...(opts.chosenFormat ? { format: opts.chosenFormat } : {}), ...(opts.chosenFields ? { fields: opts.chosenFields } : {}) });
    if (opts.chosenFormat) this.chosenFormat = opts.chosenFormat;
    if (opts.chosenFields) this.chosenFields = opts.chosenFields;
    if (opts.resumeOf !== undefined) this.resumeOf = opts.resumeOf;
    store.audit('import.started', { runId: this.runId, inputs, ...(opts.chosenFormat ? { chosenFormat: opts.chosenFormat } : {}),
      ...(opts.chosenFields ? { chosenFields: opts.chosenFields } : {}), ...(opts.resumeOf !== undefined ? { resumeOf: opts.resumeOf } : {}) });
    this.reporter = new ImportProgressReporter(this.runId, conn, opts.onProgress);
    this.reporter.emit(true); // 'scanning' from the start: the walk of a big tree takes seconds
  }

  /** Several of the ledger's writes in one SQLite transaction: case.sqlite commits with an fsync. */
  group<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  /** The run's files were found: progress totals. */
  found(files: FoundFile[]): void {
    const p = this.reporter.progress;
    p.filesTotal = files.length;
    p.bytesTotal = files.reduce((n, f) => n + f.size, 0);
    p.phase = 'importing';
    this.reporter.emit(true);
  }

  /** Evidence bytes the run will read, all told. */
  get bytesTotal(): number { return this.reporter.progress.bytesTotal; }

  /** A file joins the run's account; false when the walk already said why it is not read (then it is finished). */
  list(f: FoundFile): boolean {
    const result: ImportFileResult = { path: f.path, relPath: f.relPath, evidenceId: null, sha256: null, format: null, status: 'pending', recordsRead: 0, imported: 0, rejected: 0, reason: null };
    this.results.set(f.path, result);
    if (!f.skipReason) return true;
    Object.assign(result, { status: 'unsupported', reason: f.skipReason });
    this.reporter.fileFinished(f.size);
    return false;
  }

  /** An input path that does not exist: its own failed outcome, and the run's other inputs go on. */
  missing(path: string): void {
    this.results.set(path, { path, relPath: path, evidenceId: null, sha256: null, format: null, status: 'failed', recordsRead: 0, imported: 0, rejected: 0, reason: `no such file or folder: ${path}` });
    this.reporter.progress.filesTotal++;
    this.reporter.fileFinished(0);
  }

  /** Staging could not read the file at all (it has no hash, so no manifest row). */
  unreadable(f: FoundFile, message: string): void {
    Object.assign(this.resultOf(f.path), { status: 'failed', reason: `could not read the file: ${message}` });
    this.reporter.progress.bytesDone += f.size; // read as far as it could be: bytesDone still ends at bytesTotal
    this.reporter.fileFinished(f.size);
  }

  /** The file is staged: its hash, and the bytes read. */
  staged(f: FoundFile, staged: StagedEvidence): void {
    const p = this.reporter.progress;
    p.bytesDone += staged.size;
    p.filesRead++;
    p.currentFile = f.relPath;
    this.resultOf(f.path).sha256 = staged.sha256;
    this.reporter.emit(p.filesRead === 1); // the first seconds: files hashed, before any batch imports (the first at once)
  }

  /**
   * The staged file into the manifest (inside group()): its evidence id, or null when it is a duplicate, which
   * is then finished. A pending file from an interrupted run is resumed, as is one left for the analyst's
   * decision, and, when the analyst chooses a format, one no format claimed; one already in this run is a duplicate.
   */
  enter(f: FoundFile, staged: StagedEvidence): number | null {
    const { store } = this;
    const result = this.resultOf(f.path);
    const existing = store.findEvidenceByHash(staged.sha256);
    const reopens = existing && (existing.status === 'pending' || existing.status === 'needs_decision' || (existing.status === 'unsupported' && this.chosenFormat !== undefined));
    if (existing && (!reopens || this.pathOf.has(existing.id))) {
      Object.assign(result, { status: 'duplicate', evidenceId: existing.id, duplicateOf: existing.id, reason: `same SHA-256 as evidence #${existing.id} (${existing.relPath}); not imported again` });
      store.audit('evidence.duplicate', { path: f.path, sha256: staged.sha256, duplicateOf: existing.id });
      this.reporter.fileFinished(staged.size);
      return null;
    }
    const evidenceId = existing?.id ?? store.addEvidence({ sha256: staged.sha256, size: staged.size, mtime: staged.mtime, originalPath: f.path, relPath: f.relPath, compression: staged.compression, runId: this.runId });
    if (!existing) store.audit('evidence.added', { evidenceId, sha256: staged.sha256, size: staged.size, path: f.path, relPath: f.relPath });
    result.evidenceId = evidenceId;
    this.pathOf.set(evidenceId, f.path);
    // What staging did to readable content (a second gzip layer, UTF-16): on the record before detection.
    if (staged.notes?.length && !staged.error && staged.stagedPath) store.audit('evidence.staged', { evidenceId, notes: staged.notes });
    return evidenceId;
  }

  /** An entered file that goes no further (failed, unsupported, needs a decision, recorded). */
  finish(evidenceId: number, staged: StagedEvidence, status: FileStatus, reason: string, format: string | null = null, candidates?: FormatCandidate[]): void {
    this.store.setEvidenceOutcome(evidenceId, { status, reason, format, uncompressedSize: staged.uncompressedSize, ...(candidates?.length ? { candidates } : {}) });
    Object.assign(this.resultOf(this.pathOf.get(evidenceId)!), { status, reason, format, ...(candidates?.length ? { candidates } : {}) });
    this.reporter.fileFinished(staged.size);
  }

  /** An entered file detected as an importable format: it waits for its batch. */
  awaitBatch(evidenceId: number, staged: StagedEvidence, detection: Detection): void {
    const result = this.resultOf(this.pathOf.get(evidenceId)!);
    result.format = detection.format;
    result.reason = detection.note ?? null;
    if (this.chosenFormat) result.chosenFormat = detection.format; // the analyst's choice, not a detection
    this.store.setEvidenceOutcome(evidenceId, { status: 'pending', format: detection.format, reason: result.reason, uncompressedSize: staged.uncompressedSize,
      ...(result.chosenFormat ? { chosenFormat: result.chosenFormat } : {}) });
    this.waiting.set(evidenceId, { bytes: staged.size, ...(staged.notes?.length ? { notes: staged.notes.join('; ') } : {}) });
  }

  /** Runs a batch's import, with DuckDB's progress through it in the run's progress. */
  whileImporting<T>(files: StagedFile[], work: () => Promise<T>): Promise<T> {
    const bytes = files.reduce((n, f) => n + (this.waiting.get(f.evidenceId)?.bytes ?? 0), 0);
    return this.reporter.whileImporting(bytes, work);
  }

  /** Records processed by a source (ImportContext.progress). */
  records(n: number): void {
    this.reporter.progress.records += n;
    this.reporter.emit();
  }

  /**
   * A batch's outcomes, in one SQLite transaction (every commit is an fsync): each file's manifest row, its
   * seals, its audit entry and its place in the progress.
   */
  settle(source: LogSource, files: StagedFile[], outcomes: BatchOutcome[]): void {
    const { store } = this;
    store.transaction(() => {
      const sizeOf = new Map(files.map((f) => [f.evidenceId, f.size]));
      for (const o of outcomes) {
        const prev = this.resultOf(this.pathOf.get(o.evidenceId)!);
        const waiting = this.waiting.get(o.evidenceId);
        if (o.ok) {
          const r = o.result;
          const status: FileStatus = r.rejected > 0 ? 'imported_with_rejects' : 'imported';
          // The detection's stated reason stays (why the file was read as this format), with what staging did to it.
          const reason = [prev.reason, r.rejected > 0 ? `${r.rejected} record(s) rejected; see cairn_rejects` : null, r.flagged ? `${r.flagged} record(s) flagged; see cairn_record_flags` : null,
            r.unknownKeys?.length ? describeUnknownKeys(r.unknownKeys) : null, waiting?.notes ?? null].filter(Boolean).join('; ') || null;
          store.setEvidenceOutcome(o.evidenceId, { status, format: prev.format, reason, uncompressedSize: sizeOf.get(o.evidenceId), recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, tables: r.tables });
          store.setSeals(o.seals);
          Object.assign(prev, { status, reason, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, ...(r.unknownKeys?.length ? { unknownKeys: r.unknownKeys } : {}) });
        } else {
          const reason = prev.reason ? `${o.reason} (read as: ${prev.reason})` : o.reason;
          store.setEvidenceOutcome(o.evidenceId, { status: 'failed', format: prev.format, reason, uncompressedSize: sizeOf.get(o.evidenceId) });
          Object.assign(prev, { status: 'failed', reason });
        }
        store.audit('evidence.imported', { evidenceId: o.evidenceId, source: source.id, status: prev.status, recordsRead: prev.recordsRead, imported: prev.imported, rejected: prev.rejected, reason: prev.reason,
          ...(prev.chosenFormat ? { chosenFormat: prev.chosenFormat } : {}) });
        this.reporter.fileFinished(waiting?.bytes ?? 0);
        this.waiting.delete(o.evidenceId);
      }
      this.reporter.emit();
    });
  }

  /** How many files wait for a batch (for tests: a finished file no longer holds its place). */
  get waitingFiles(): number { return this.waiting.size; }

  /** The run's result for a listed file (for tests and the CLI's account; the ledger alone changes it). */
  resultFor(path: string): Readonly<ImportFileResult> | undefined { return this.results.get(path); }

  /** Records every listed file's outcome and the run's totals, and says how the run ended. */
  end(state: ImportSummary['state'], error: string | undefined, started: number): ImportSummary {
    const { store, runId } = this;
    try {
      store.transaction(() => {
        for (const r of this.results.values()) {
          if (r.status === 'pending') this.unfinished(r, state);
          store.recordRunFile(runId, { path: r.path, evidenceId: r.evidenceId, status: r.status, reason: r.reason, duplicateOf: r.duplicateOf ?? null, recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected });
        }
      });
    } catch (e) {
      // After a failed run (a full disk), recording its outcome can fail too (a file whose manifest row was
      // never written): the run's own error is the one the analyst must see. The run stays 'running' in
      // case.sqlite and is found interrupted when the case opens next (test/hardening/full-disk.test.ts).
      if (state !== 'failed') throw e;
      throw new CairnError('IO', `import failed: ${error}; its outcome could not be recorded either (${(e as Error).message}); import again to resume`);
    }
    const files = [...this.results.values()];
    const totals = {
      files: files.length,
      recordsRead: sum(files, 'recordsRead'), imported: sum(files, 'imported'), rejected: sum(files, 'rejected'),
      failed: files.filter((f) => f.status === 'failed').length,
      unsupported: files.filter((f) => f.status === 'unsupported').length,
      duplicate: files.filter((f) => f.status === 'duplicate').length,
      needsDecision: files.filter((f) => f.status === 'needs_decision').length,
      notImported: files.filter((f) => f.status === 'pending' || f.status === 'not_started').length,
    };
    store.finishRun(runId, state, totals, error);
    store.audit('import.finished', { runId, state, ...totals, error });
    this.reporter.progress.phase = 'done';
    this.reporter.emit(true);
    if (state === 'failed') throw new CairnError('INTERNAL', `import failed: ${error}`);
    const drift = unknownKeysByFormat(files);
    return { runId, state, files, totals, ...(drift ? { unknownKeys: drift } : {}), elapsedMs: Date.now() - started, ...(this.resumeOf !== undefined ? { resumeOf: this.resumeOf } : {}) };
  }

  /**
   * A file the run did not finish says why: hashed and in the manifest, it stays 'pending' there (a resume or a
   * re-import takes it up) with the reason; never read, it is 'not_started' in the run's account.
   */
  private unfinished(r: ImportFileResult, state: ImportSummary['state']): void {
    const why = state === 'cancelled' ? `import #${this.runId} was cancelled` : state === 'failed' ? `import #${this.runId} failed` : `import #${this.runId} ended`;
    const resume = 'Resume (cairn import --resume) imports it';
    if (r.evidenceId === null) {
      Object.assign(r, { status: 'not_started', reason: `not started: ${why} before this file was read; ${resume}` });
      return;
    }
    r.reason = `not imported: ${why} before this file's rows were committed; ${resume}`;
    this.store.setEvidenceOutcome(r.evidenceId, { status: 'pending', format: r.format, reason: r.reason });
  }

  private resultOf(path: string): ImportFileResult {
    const r = this.results.get(path);
    if (!r) throw new Error(`internal: ${path} is not listed in this run`);
    return r;
  }
}

/** Listed at most, in a file's reason (the import result carries them all). */
const REASON_KEYS = 40;

/** A file's schema drift in its reason: the manifest, the CLI and the report show it (report-model.ts reads it back). */
export function describeUnknownKeys(keys: string[]): string {
  const more = keys.length > REASON_KEYS ? ` and ${keys.length - REASON_KEYS} more` : '';
  return `${UNKNOWN_KEYS_LABEL}: ${keys.slice(0, REASON_KEYS).join(', ')}${more}`;
}

function unknownKeysByFormat(files: ImportFileResult[]): Record<string, string[]> | null {
  const by = new Map<string, Set<string>>();
  for (const f of files) {
    if (!f.unknownKeys?.length || !f.format) continue;
    const set = by.get(f.format) ?? new Set<string>();
    for (const k of f.unknownKeys) set.add(k);
    by.set(f.format, set);
  }
  return by.size ? Object.fromEntries([...by].map(([format, keys]) => [format, [...keys].sort()])) : null;
}

function sum(files: ImportFileResult[], k: 'recordsRead' | 'imported' | 'rejected'): number {
  return files.reduce((a, f) => a + f[k], 0);
}
