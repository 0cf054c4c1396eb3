import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecentCase } from '../../../shared/api';

const KEEP = 20;

/** The last cases opened in the app, newest first, in the user's data folder. The CLI keeps none. */
export class RecentCases {
  constructor(private readonly path: string | null) {}

  /** Cases that still exist. */
  list(): RecentCase[] { return this.read().filter((r) => existsSync(join(r.dir, 'case.sqlite'))); }

  remember(dir: string, name: string): void {
    if (!this.path) return;
    const list = [{ dir, name, openedAt: new Date().toISOString() }, ...this.read().filter((r) => r.dir !== dir)].slice(0, KEEP);
    writeFileSync(this.path, JSON.stringify(list, null, 2));
  }

  private read(): RecentCase[] {
    if (!this.path) return [];
    try { return JSON.parse(readFileSync(this.path, 'utf8')) as RecentCase[]; } catch { return []; }
  }
}
