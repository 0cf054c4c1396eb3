import type { FileStatus } from '../../../../shared/types';
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

  /** Every run's state, oldest first. */
  states(): Array<{ id: number; state: string }> {
    return this.db.statement('SELECT id, state FROM import_runs ORDER BY id').all() as Array<{ id: number; state: string }>;
  }
}
