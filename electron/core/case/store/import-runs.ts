import type { FileStatus, ResumableRun } from '../../../../shared/types';
import { nowUtc, type CaseDb } from './case-db';

export interface RunTotals { files: number; recordsRead: number; imported: number; rejected: number }
/** The format and fields the analyst chose for a run (import --as, --fields); a resume reads its files the same way. */
export interface RunChoice { format?: string; fields?: readonly string[] }
export interface RunFile { path: string; evidenceId: number | null; status: FileStatus; reason?: string | null; duplicateOf?: number | null; recordsRead?: number; imported?: number; rejected?: number }

/** Import runs and what each run did with each input file. */
export class ImportRuns {
  constructor(private readonly db: CaseDb) {}

  start(inputs: string[], chosen: RunChoice = {}): number {
    return Number(this.db.statement("INSERT INTO import_runs (started_at, state, inputs, chosen_format, chosen_fields) VALUES (?, 'running', ?, ?, ?)")
      .run(nowUtc(), JSON.stringify(inputs), chosen.format ?? null, chosen.fields ? JSON.stringify(chosen.fields) : null).lastInsertRowid);
  }

  finish(runId: number, state: 'finished' | 'cancelled' | 'failed', totals: RunTotals, error?: string): void {
    this.db.statement('UPDATE import_runs SET finished_at = ?, state = ?, files = ?, records_read = ?, imported = ?, rejected = ?, error = ? WHERE id = ?')
      .run(nowUtc(), state, totals.files, totals.recordsRead, totals.imported, totals.rejected, error ?? null, runId);
  }

  /** Runs left 'running' by a process that died are marked so; their files stay pending and a new import resumes them. */
  markInterrupted(): number {
    return this.db.statement("UPDATE import_runs SET state = 'interrupted', finished_at = ? WHERE state = 'running'").run(nowUtc()).changes;
  }

  recordFile(runId: number, f: RunFile): void {
    this.db.statement('INSERT INTO import_run_files (run_id, path, evidence_id, status, reason, duplicate_of, records_read, imported, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, f.path, f.evidenceId, f.status, f.reason ?? null, f.duplicateOf ?? null, f.recordsRead ?? 0, f.imported ?? 0, f.rejected ?? 0);
  }

  /**
   * What resuming a run takes: the run (the newest, unless given) when it stopped with files left. Its
   * unfinished files are those its account left pending or not started; an interrupted run has no account,
   * so all of its inputs are read again (files already in the case are then duplicates).
   */
  resumable(runId?: number): (ResumableRun & { paths: string[] | null; chosen: RunChoice }) | null {
    const columns = 'id, state, inputs, chosen_format, chosen_fields';
    const run = (runId === undefined
      ? this.db.statement(`SELECT ${columns} FROM import_runs ORDER BY id DESC LIMIT 1`).get()
      : this.db.statement(`SELECT ${columns} FROM import_runs WHERE id = ?`).get(runId)) as
      { id: number; state: string; inputs: string; chosen_format: string | null; chosen_fields: string | null } | undefined;
    if (!run || (run.state !== 'cancelled' && run.state !== 'failed' && run.state !== 'interrupted')) return null;
    const inputs = JSON.parse(run.inputs) as string[];
    const chosen: RunChoice = { ...(run.chosen_format ? { format: run.chosen_format } : {}), ...(run.chosen_fields ? { fields: JSON.parse(run.chosen_fields) as string[] } : {}) };
    if (run.state === 'interrupted') return { runId: run.id, state: run.state, inputs, unfinished: null, paths: null, chosen };
    const paths = (this.db.statement("SELECT path FROM import_run_files WHERE run_id = ? AND status IN ('pending', 'not_started') ORDER BY rowid").pluck().all(run.id) as string[]);
    if (paths.length === 0) return null;
    return { runId: run.id, state: run.state, inputs, unfinished: paths.length, paths, chosen };
  }

  /** Every run's state, oldest first. */
  states(): Array<{ id: number; state: string }> {
    return this.db.statement('SELECT id, state FROM import_runs ORDER BY id').all() as Array<{ id: number; state: string }>;
  }
}
