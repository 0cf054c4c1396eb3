import Database from 'better-sqlite3';
import { MIGRATIONS } from '../migrations';

/**
 * case.sqlite's connection, shared by the store's concerns (meta, audit, runs, manifest, query history) and the
 * findings: statements and transactions go through here, so the raw handle never leaves this file.
 */
export class CaseDb {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
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
      this.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      });
    }
  }

  /** A prepared statement, kept for the next call: preparing anew per evidence file showed in imports (decision 0011). */
  statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) { s = this.db.prepare(sql); this.statements.set(sql, s); }
    return s;
  }

  /**
   * The one transaction idiom: runs fn in a SQLite transaction (nested calls join the outer one), so several rows
   * cost one fsync (synchronous=FULL makes each commit cost one).
   */
  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  /** A pragma's current value (schema version, journal mode), for checks. */
  pragma(name: string): unknown { return this.db.pragma(name, { simple: true }); }

  close(): void { this.db.close(); }
}

export const nowUtc = (): string => new Date().toISOString();
