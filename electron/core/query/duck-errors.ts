import { classifyDialectError } from '../dialect';
import { CairnError } from '../errors';
import { DEFAULT_SCRATCH_LIMIT } from './analyst-instance';

/** Why Cairn interrupted a run. */
export type StopReason = 'timeout' | 'cancel' | 'scratch';

const SCRATCH_FULL_MESSAGE = `scratch space full: this query needs more than the case's scratch limit (the analyst memory plus CAIRN_SCRATCH_LIMIT on disk, default ${DEFAULT_SCRATCH_LIMIT}); drop scratch tables or narrow the query`;

export function stopError(reason: StopReason): CairnError {
  if (reason === 'timeout') return new CairnError('TIMEOUT', 'query timed out and was stopped');
  if (reason === 'scratch') return new CairnError('SCRATCH_FULL', SCRATCH_FULL_MESSAGE);
  return new CairnError('CANCELLED', 'query cancelled');
}

/**
 * Maps a DuckDB error to a stable code and a position in the statement the analyst wrote (`sql`), even when
 * what ran was the dialect's rewrite of it (`ranSql`). An interrupt maps by why we sent it.
 */
export function classifyDuckError(e: unknown, sql: string, reason?: StopReason, ranSql: string = sql): CairnError {
  if (e instanceof CairnError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/^INTERRUPT Error/i.test(message) || /interrupted/i.test(message)) {
    return stopError(reason ?? 'cancel');
  }
  // The second wall speaking: DuckDB itself refused a write to the read-only evidence or a file access.
  if (/attached in read-only mode|Permission Error|file system operations are disabled|disabled by configuration/i.test(message)) {
    return new CairnError('SQL_DENIED', `denied: ${message.split('\n')[0]!.replace(/^[A-Za-z ]*Error:\s*/, '')}`);
  }
  if (/max_temp_directory_size|failed to offload data block|could not allocate block/i.test(message)) {
    return stopError('scratch');
  }
  return classifyDialectError(e, sql, ranSql);
}
