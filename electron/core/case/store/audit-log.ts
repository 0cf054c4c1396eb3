import { createHash } from 'node:crypto';
import type { AuditChain, AuditEntry } from '../../../../shared/types';
import { nowUtc, type CaseDb } from './case-db';

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow { seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string; prev_hash: string; hash: string }

/** The canonical text an audit hash covers. Changing it breaks every existing chain: don't. */
export function auditHashInput(e: { seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string; prev_hash: string }): string {
  return JSON.stringify([e.seq, e.at, e.action, e.detail, e.tool_version, e.duckdb_version, e.prev_hash]);
}

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export type AuditCheck = AuditChain;

/** The append-only, hash-chained audit log (its triggers refuse updates and deletes). */
export class AuditLog {
  constructor(private readonly db: CaseDb, private readonly versions: { tool: string; duckdb: string }) {}

  append(action: string, detail: unknown = {}): AuditEntry {
    return this.db.transaction(() => {
      const last = this.db.statement('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row = {
        seq: (last?.seq ?? 0) + 1, at: nowUtc(), action, detail: JSON.stringify(detail ?? {}),
        tool_version: this.versions.tool, duckdb_version: this.versions.duckdb, prev_hash: last?.hash ?? GENESIS_HASH,
      };
      const hash = sha256Hex(auditHashInput(row));
      this.db.statement('INSERT INTO audit (seq, at, action, detail, tool_version, duckdb_version, prev_hash, hash) VALUES (@seq, @at, @action, @detail, @tool_version, @duckdb_version, @prev_hash, @hash)').run({ ...row, hash });
      return { seq: row.seq, at: row.at, action, detail, toolVersion: row.tool_version, duckdbVersion: row.duckdb_version };
    });
  }

  entries(): AuditEntry[] {
    return (this.db.statement('SELECT * FROM audit ORDER BY seq').all() as AuditRow[]).map((r) => ({
      seq: r.seq, at: r.at, action: r.action, detail: JSON.parse(r.detail) as unknown, toolVersion: r.tool_version, duckdbVersion: r.duckdb_version,
    }));
  }

  /** Recomputes the hash chain; returns the head hash, or the first entry that does not verify. */
  verify(): AuditCheck {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    const rows = this.db.statement('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, brokenAt: r.seq, reason: `entry ${expectedSeq} is missing` };
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.seq, reason: 'previous-hash link does not match' };
      if (sha256Hex(auditHashInput(r)) !== r.hash) return { ok: false, brokenAt: r.seq, reason: 'entry content does not match its hash' };
      prev = r.hash;
      expectedSeq++;
    }
    return { ok: true, head: prev, entries: rows.length };
  }
}
