import type { QueryHistoryEntry } from '../../../../shared/types';
import type { QueryLog } from '../../query/query-engine';

type QueryRun = Parameters<QueryLog['recordRun']>[0];
import { nowUtc, type CaseDb } from './case-db';

const HISTORY_SQL = `SELECT * FROM query_runs WHERE @like IS NULL OR sql LIKE @like ESCAPE '\\' OR params LIKE @like ESCAPE '\\'
  ORDER BY id DESC LIMIT @limit`;

/** Every analyst query run: text, parameters, duration, rows, outcome. */
export class QueryHistory {
  constructor(private readonly db: CaseDb) {}

  record(q: QueryRun): number {
    return Number(this.db.statement('INSERT INTO query_runs (at, sql, params, duration_ms, rows, status, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nowUtc(), q.sql, JSON.stringify(q.params ?? {}), q.durationMs, q.rows, q.status, q.error ?? null).lastInsertRowid);
  }

  finish(id: number, rows: number): void {
    this.db.statement('UPDATE query_runs SET rows = ? WHERE id = ? AND rows IS NULL').run(rows, id);
  }

  /** Newest first; `search` keeps runs whose text or parameter values contain it (case-insensitive for ASCII). */
  list(limit = 200, search?: string): QueryHistoryEntry[] {
    const like = search?.trim() ? `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = this.db.statement(HISTORY_SQL).all({ like, limit }) as Array<{ id: number; at: string; sql: string; params: string; duration_ms: number | null; rows: number | null; status: string; error: string | null }>;
    return rows.map((r) => ({ id: r.id, at: r.at, sql: r.sql, params: JSON.parse(r.params) as Record<string, string>, durationMs: r.duration_ms, rows: r.rows, status: r.status, error: r.error }));
  }
}
