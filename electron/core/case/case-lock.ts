import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CairnError } from '../errors';

export interface CaseLock { release(): void }

function processAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * An exclusive lock file beside case.sqlite. DuckDB also locks its file, but only once opened;
 * this lock covers case.sqlite too and says who holds the case. A lock left by a dead process on
 * this host is taken over.
 */
export function acquireCaseLock(caseDir: string): CaseLock {
  const path = join(caseDir, 'case.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return { release() { if (!released) { released = true; try { unlinkSync(path); } catch { /* already gone */ } } } };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; host?: string } = {};
      try { holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder; } catch { /* unreadable lock: treat as stale */ }
      const sameHost = holder.host === hostname();
      if (sameHost && typeof holder.pid === 'number' && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new CairnError('CASE_LOCKED', `case is open in another process (pid ${holder.pid} on ${holder.host})`);
      }
      if (!sameHost && holder.host) {
        throw new CairnError('CASE_LOCKED', `case is locked by host ${holder.host}; remove ${path} if that host no longer has it open`);
      }
      if (holder.pid === process.pid) throw new CairnError('CASE_LOCKED', 'case is already open in this process');
      try { unlinkSync(path); } catch { /* raced with another taker */ }
    }
  }
  throw new CairnError('CASE_LOCKED', 'could not lock the case folder');
}
