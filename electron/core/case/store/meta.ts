import type { CaseDb } from './case-db';

/** The case's own facts: id, name, examiner, creation time. */
export class MetaStore {
  constructor(private readonly db: CaseDb) {}

  get(key: string): string | undefined {
    return (this.db.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.db.statement('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
