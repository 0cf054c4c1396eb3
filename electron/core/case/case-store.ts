import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { AuditEntry, EvidenceFile, FileStatus } from '../../../shared/types';
import { MIGRATIONS } from './migrations';
import { SEAL_ALGORITHM, type Seal } from '../duck/seals';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewEvidence {
  sha256: string;
  size: number;
  mtime: string;
  originalPath: string;
  relPath: string;
  compression: 'gzip' | 'none';
  runId: number;
}

export interface EvidenceOutcome {
  status: FileStatus;
  format?: string | null;
  reason?: string | null;
  uncompressedSize?: number | null;
  recordsRead?: number;
  imported?: number;
  rejected?: number;
  tables?: string[];
}

interface EvidenceRow {
  id: number; sha256: string; size: number; mtime: string; original_path: string; rel_path: string;
  compression: 'gzip' | 'none'; uncompressed_size: number | null; format: string | null; status: FileStatus;
  reason: string | null; records_read: number; imported: number; rejected: number; tables: string; added_at: string;
}

interface AuditRow { seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string; prev_hash: string; hash: string }

const nowUtc = (): string => new Date().toISOString();

/** The canonical text an audit hash covers. Changing it breaks every existing chain: don't. */
export function auditHashInput(e: { seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string; prev_hash: string }): string {
  return JSON.stringify([e.seq, e.at, e.action, e.detail, e.tool_version, e.duckdb_version, e.prev_hash]);
}

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** case.sqlite: case metadata, the evidence manifest, import runs, query history and the audit log. */
export class CaseStore {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string, private readonly versions: { tool: string; duckdb: string }) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) throw new Error(`case.sqlite is schema v${current}, newer than this Cairn (v${MIGRATIONS.length})`);
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close(): void { this.db.close(); }

  /**
   * A prepared statement, kept for the next call: an import runs a few statements per evidence file, and
   * preparing each anew cost ~0.3 s of the main thread per 2,070 files (profile-import, --cpu-prof).
   */
  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) { s = this.db.prepare(sql); this.statements.set(sql, s); }
    return s;
  }

  /** Runs fn in one SQLite transaction: one fsync for several rows (synchronous=FULL makes each commit cost one). */
  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  getMeta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  audit(action: string, detail: unknown = {}): AuditEntry {
    return this.db.transaction(() => {
      const last = this.statement('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at: nowUtc(),
        action,
        detail: JSON.stringify(detail ?? {}),
        tool_version: this.versions.tool,
        duckdb_version: this.versions.duckdb,
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      const hash = sha256Hex(auditHashInput(row));
      this.statement('INSERT INTO audit (seq, at, action, detail, tool_version, duckdb_version, prev_hash, hash) VALUES (@seq, @at, @action, @detail, @tool_version, @duckdb_version, @prev_hash, @hash)').run({ ...row, hash });
      return { seq: row.seq, at: row.at, action, detail, toolVersion: row.tool_version, duckdbVersion: row.duckdb_version };
    })();
  }

  auditLog(): AuditEntry[] {
    return (this.statement('SELECT * FROM audit ORDER BY seq').all() as AuditRow[]).map((r) => ({
      seq: r.seq, at: r.at, action: r.action, detail: JSON.parse(r.detail) as unknown, toolVersion: r.tool_version, duckdbVersion: r.duckdb_version,
    }));
  }

  /** One entry's action and stored hash (for checking a recorded chain head), or undefined past the end. */
  auditEntryAt(seq: number): { action: string; hash: string } | undefined {
    return this.statement('SELECT action, hash FROM audit WHERE seq = ?').get(seq) as { action: string; hash: string } | undefined;
  }

  /** Recomputes the hash chain; returns the head hash, or the first entry that does not verify. */
  verifyAudit(): { ok: true; head: string; entries: number } | { ok: false; brokenAt: number; reason: string } {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    const rows = this.statement('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, brokenAt: r.seq, reason: `entry ${expectedSeq} is missing` };
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.seq, reason: 'previous-hash link does not match' };
      if (sha256Hex(auditHashInput(r)) !== r.hash) return { ok: false, brokenAt: r.seq, reason: 'entry content does not match its hash' };
      prev = r.hash;
      expectedSeq++;
    }
    return { ok: true, head: prev, entries: rows.length };
  }

  startRun(inputs: string[]): number {
    const info = this.statement("INSERT INTO import_runs (started_at, state, inputs) VALUES (?, 'running', ?)").run(nowUtc(), JSON.stringify(inputs));
    return Number(info.lastInsertRowid);
  }

  finishRun(runId: number, state: 'finished' | 'cancelled' | 'failed', totals: { files: number; recordsRead: number; imported: number; rejected: number }, error?: string): void {
    this.statement('UPDATE import_runs SET finished_at = ?, state = ?, files = ?, records_read = ?, imported = ?, rejected = ?, error = ? WHERE id = ?')
      .run(nowUtc(), state, totals.files, totals.recordsRead, totals.imported, totals.rejected, error ?? null, runId);
  }

  /** Runs left 'running' by a process that died are marked so; their files stay pending and a new import resumes them. */
  markInterruptedRuns(): number {
    return this.statement("UPDATE import_runs SET state = 'interrupted', finished_at = ? WHERE state = 'running'").run(nowUtc()).changes;
  }

  recordRunFile(runId: number, f: { path: string; evidenceId: number | null; status: FileStatus; reason?: string | null; duplicateOf?: number | null; recordsRead?: number; imported?: number; rejected?: number }): void {
    this.statement('INSERT INTO import_run_files (run_id, path, evidence_id, status, reason, duplicate_of, records_read, imported, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, f.path, f.evidenceId, f.status, f.reason ?? null, f.duplicateOf ?? null, f.recordsRead ?? 0, f.imported ?? 0, f.rejected ?? 0);
  }

  findEvidenceByHash(sha256: string): EvidenceFile | undefined {
    const row = this.statement('SELECT * FROM evidence WHERE sha256 = ?').get(sha256) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }

  addEvidence(e: NewEvidence): number {
    const info = this.statement("INSERT INTO evidence (sha256, size, mtime, original_path, rel_path, compression, status, added_at, run_id) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)")
      .run(e.sha256, e.size, e.mtime, e.originalPath, e.relPath, e.compression, nowUtc(), e.runId);
    return Number(info.lastInsertRowid);
  }

  setEvidenceOutcome(id: number, o: EvidenceOutcome): void {
    this.statement(`UPDATE evidence SET status = @status, format = COALESCE(@format, format), reason = @reason,
        uncompressed_size = COALESCE(@uncompressed_size, uncompressed_size), records_read = @records_read, imported = @imported,
        rejected = @rejected, tables = @tables WHERE id = @id`).run({
      id, status: o.status, format: o.format ?? null, reason: o.reason ?? null, uncompressed_size: o.uncompressedSize ?? null,
      records_read: o.recordsRead ?? 0, imported: o.imported ?? 0, rejected: o.rejected ?? 0, tables: JSON.stringify(o.tables ?? []),
    });
  }

  setSeals(seals: Seal[]): void {
    const st = this.statement('INSERT OR REPLACE INTO evidence_seals (evidence_id, tbl, rows, hash_sum, hash_xor, algorithm, sealed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const at = nowUtc();
    for (const x of seals) st.run(x.evidenceId, x.table, x.rows, x.hashSum, x.hashXor, SEAL_ALGORITHM, at);
  }

  seals(): Seal[] {
    return (this.statement('SELECT evidence_id, tbl, rows, hash_sum, hash_xor FROM evidence_seals ORDER BY evidence_id, tbl').all() as Array<{ evidence_id: number; tbl: string; rows: number; hash_sum: string; hash_xor: string }>)
      .map((r) => ({ evidenceId: r.evidence_id, table: r.tbl, rows: r.rows, hashSum: r.hash_sum, hashXor: r.hash_xor }));
  }

  evidence(): EvidenceFile[] {
    return (this.statement('SELECT * FROM evidence ORDER BY id').all() as EvidenceRow[]).map(toEvidence);
  }

  evidenceById(id: number): EvidenceFile | undefined {
    const row = this.statement('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }

  finishQuery(id: number, rows: number): void {
    this.statement('UPDATE query_runs SET rows = ? WHERE id = ? AND rows IS NULL').run(rows, id);
  }

  queryHistory(limit = 200): import('../../../shared/types').QueryHistoryEntry[] {
    const rows = this.statement('SELECT * FROM query_runs ORDER BY id DESC LIMIT ?').all(limit) as Array<{ id: number; at: string; sql: string; params: string; duration_ms: number | null; rows: number | null; status: string; error: string | null }>;
    return rows.map((r) => ({ id: r.id, at: r.at, sql: r.sql, params: JSON.parse(r.params) as Record<string, string>, durationMs: r.duration_ms, rows: r.rows, status: r.status, error: r.error }));
  }

  recordQuery(q: { sql: string; params?: Record<string, string>; durationMs: number | null; rows: number | null; status: string; error?: string | null }): number {
    const info = this.statement('INSERT INTO query_runs (at, sql, params, duration_ms, rows, status, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nowUtc(), q.sql, JSON.stringify(q.params ?? {}), q.durationMs, q.rows, q.status, q.error ?? null);
    return Number(info.lastInsertRowid);
  }
}

function toEvidence(r: EvidenceRow): EvidenceFile {
  return {
    id: r.id, sha256: r.sha256, size: r.size, mtime: r.mtime, originalPath: r.original_path, relPath: r.rel_path,
    compression: r.compression, uncompressedSize: r.uncompressed_size, format: r.format, status: r.status, reason: r.reason,
    recordsRead: r.records_read, imported: r.imported, rejected: r.rejected, tables: JSON.parse(r.tables) as string[], addedAt: r.added_at,
  };
}
