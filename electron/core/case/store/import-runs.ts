import type { FileStatus, ResumableRun } from '../../../../shared/types';
import { nowUtc, type CaseDb } from './case-db';

export interface RunTotals { files: number; recordsRead: number; imported: number; rejected: number }
export interface RunFile { path: string; evidenceId: number | null; status: FileStatus; reason?: string | null; duplicateOf?: number | null; recordsRead?: number; imported?: number; rejected?: number }

/** Import runs and what each run did with each input file. */
export class ImportRuns {
  constructor(private readonly db: CaseDb) {}

  start(inputs: string[]): number {
    return Number(this.db.statement("INSERT INTO import_runs (started_at, state, inputs) VALUES (?, 'running', ?)").run(nowUtc(), JSON.stringify(inputs)).lastInsertRowid);
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
  resumable(runId?: number): (ResumableRun & { paths: string[] | null }) | null {
    const run = (runId === undefined
      ? this.db.statement('SELECT id, state, inputs FROM import_runs ORDER BY id DESC LIMIT 1').get()
      : this.db.statement('SELECT id, state, inputs FROM import_runs WHERE id = ?').get(runId)) as { id: number; state: string; inputs: string } | undefined;
    if (!run || (run.state !== 'cancelled' && run.state !== 'failed' && run.state !== 'interrupted')) return null;
    const inputs = JSON.parse(run.inputs) as string[];
    if (run.state === 'interrupted') return { runId: run.id, state: run.state, inputs, unfinished: null, paths: null };
    const paths = (this.db.statement("SELECT path FROM import_run_files WHERE run_id = ? AND status IN ('pending', 'not_started') ORDER BY rowid").pluck().all(run.id) as string[]);
    if (paths.length === 0) return null;
    return { runId: run.id, state: run.state, inputs, unfinished: paths.length, paths };
  }

  /** Every run's state, oldest first. */
  states(): Array<{ id: number; state: string }> {
    return this.db.statement('SELECT id, state FROM import_runs ORDER BY id').all() as Array<{ id: number; state: string }>;
  }
}
