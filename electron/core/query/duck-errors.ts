import { classifyDialectError } from '../dialect';
import { CairnError } from '../errors';

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
  return classifyDialectError(e, sql, ranSql);
}
