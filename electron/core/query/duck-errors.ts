import { classifyDialectError } from '../dialect';
import { CairnError } from '../errors';
import { DEFAULT_SCRATCH_LIMIT } from './analyst-instance';

/** Why Cairn interrupted a run. */
export type StopReason = 'timeout' | 'cancel' | 'scratch';

const SCRATCH_FULL_MESSAGE = `scratch space full: this query needs more than the case's scratch limit (the analyst memory plus CAIRN_SCRATCH_LIMIT on disk, default ${DEFAULT_SCRATCH_LIMIT}); drop scratch tables or narrow the query`;

const DISK_FULL_MESSAGE = "scratch space full: the disk holding the case's tmp folder is full before the case's scratch limit; free space on it, drop scratch tables or narrow the query";
const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/**
 * DuckDB caps spilling at the smaller of max_temp_directory_size and the disk's free space, and names the cap
 * it met as "(USED/CAP used)". A cap below the case's scratch limit is the disk (test/hardening/full-disk.test.ts).
 */
function diskFull(message: string, scratchLimitBytes: number | undefined): boolean {
  if (/No space left on device/i.test(message)) return true;
  const m = /\([\d.]+ \w+\/([\d.]+) (B|KiB|MiB|GiB|TiB) used\)/.exec(message);
  return !!m && scratchLimitBytes !== undefined && Number(m[1]) * UNITS[m[2]!]! < scratchLimitBytes * 0.99;
}

export function stopError(reason: StopReason): CairnError {
  if (reason === 'timeout') return new CairnError('TIMEOUT', 'query timed out and was stopped');
  if (reason === 'scratch') return new CairnError('SCRATCH_FULL', SCRATCH_FULL_MESSAGE);
  return new CairnError('CANCELLED', 'query cancelled');
}

/**
 * Maps a DuckDB error to a stable code and a position in the statement the analyst wrote (`sql`), even when
 * what ran was the dialect's rewrite of it (`ranSql`). An interrupt maps by why we sent it.
 */
export function classifyDuckError(e: unknown, sql: string, reason?: StopReason, ranSql: string = sql, scratchLimitBytes?: number): CairnError {
  if (e instanceof CairnError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/^INTERRUPT Error/i.test(message) || /interrupted/i.test(message)) {
    return stopError(reason ?? 'cancel');
  }
  // The second wall speaking: DuckDB itself refused a write to the read-only evidence or a file access.
  if (/attached in read-only mode|Permission Error|file system operations are disabled|disabled by configuration/i.test(message)) {
    return new CairnError('SQL_DENIED', `denied: ${message.split('\n')[0]!.replace(/^[A-Za-z ]*Error:\s*/, '')}`);
  }
  if (/max_temp_directory_size|failed to offload data block|could not allocate block|No space left on device/i.test(message)) {
    return diskFull(message, scratchLimitBytes) ? new CairnError('SCRATCH_FULL', DISK_FULL_MESSAGE) : stopError('scratch');
  }
  return classifyDialectError(e, sql, ranSql);
}
