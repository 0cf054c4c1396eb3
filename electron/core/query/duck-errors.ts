import { classifyDialectError } from '../dialect';
import { CairnError } from '../errors';
import { DEFAULT_SCRATCH_LIMIT } from './analyst-instance';

/**
 * Maps a DuckDB error to a stable code and a position in the statement the analyst wrote (`sql`), even when
 * what ran was the dialect's rewrite of it (`ranSql`). An interrupt is CANCELLED or TIMEOUT by why we sent it.
 */
export function classifyDuckError(e: unknown, sql: string, reason?: 'timeout' | 'cancel', ranSql: string = sql): CairnError {
  if (e instanceof CairnError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/^INTERRUPT Error/i.test(message) || /interrupted/i.test(message)) {
    return reason === 'timeout' ? new CairnError('TIMEOUT', 'query timed out and was stopped') : new CairnError('CANCELLED', 'query cancelled');
  }
  // The second wall speaking: DuckDB itself refused a write to the read-only evidence or a file access.
  if (/attached in read-only mode|Permission Error|file system operations are disabled|disabled by configuration/i.test(message)) {
    return new CairnError('SQL_DENIED', `denied: ${message.split('\n')[0]!.replace(/^[A-Za-z ]*Error:\s*/, '')}`);
  }
  if (/max_temp_directory_size|failed to offload data block|could not allocate block/i.test(message)) {
    return new CairnError('SCRATCH_FULL', `scratch space full: this query needs more than the case's scratch limit (the analyst memory plus CAIRN_SCRATCH_LIMIT on disk, default ${DEFAULT_SCRATCH_LIMIT}); drop scratch tables or narrow the query`);
  }
  return classifyDialectError(e, sql, ranSql);
}
