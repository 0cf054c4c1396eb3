// Staged copies in memory: on Linux, /dev/shm is a tmpfs, and a staged copy written there skips the disk
// filesystem's block bookkeeping (decision 0010); DuckDB then reads the copies from the same pages. The copies are short-lived (a batch's
// files are removed once it commits), so at most about two batches sit there at once.
//
// Each open case gets its own folder (mode 0700) named after the process; a folder left by a process that
// died is removed the next time any case opens. Elsewhere (macOS, Windows, no /dev/shm) copies stay in the
// case's tmp folder, as they do when memory is short or CAIRN_MEMORY_STAGING=off.
import { mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';

export const MEMORY_STAGING_ROOT = '/dev/shm';
const PREFIX = 'cairn-staging-';
/**
 * Free tmpfs space and free memory an import needs before it stages in memory: staged copies stay within about
 * two batches (peak use measured: decision 0010). A copy that no longer fits goes to the case's tmp folder.
 */
const MIN_TMPFS_FREE_BYTES = 2 * 1024 ** 3;
const MIN_FREE_MEMORY_BYTES = 4 * 1024 ** 3;

/** A private folder for this process's staged copies, or null where there is no usable tmpfs. */
export function createMemoryStagingDir(root = MEMORY_STAGING_ROOT): string | null {
  if (process.platform !== 'linux' || process.env.CAIRN_MEMORY_STAGING === 'off') return null;
  try {
    if (!statSync(root).isDirectory()) return null;
    sweepStaleMemoryStagingDirs(root);
    return mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  } catch {
    return null;
  }
}

export function removeMemoryStagingDir(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Removes folders whose process is gone (a crash or a kill leaves them behind until the next boot). */
export function sweepStaleMemoryStagingDirs(root = MEMORY_STAGING_ROOT): void {
  for (const name of readdirSync(root)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-', 1)[0]) : 0;
    if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue; // this process is alive too
    try { rmSync(join(root, name), { recursive: true, force: true }); } catch { /* another user's, or already gone */ }
  }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Whether an import starting now may stage in `dir`: enough free tmpfs space and free memory. */
export function memoryStagingHasRoom(dir: string): boolean {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize >= MIN_TMPFS_FREE_BYTES && freemem() >= MIN_FREE_MEMORY_BYTES;
  } catch {
    return false;
  }
}
