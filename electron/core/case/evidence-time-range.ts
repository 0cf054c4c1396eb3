import type { DuckDBConnection } from '@duckdb/node-api';
import type { EvidenceTimeRange } from '../../../shared/workspace';

/** The case's first and last event across sources (library time helpers count back from the last, decision 0069). */
export const EVIDENCE_TIME_RANGE_SQL = `SELECT strftime(min(event_time), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(event_time), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
  FROM evidence.main.events`;

export async function evidenceTimeRange(conn: DuckDBConnection): Promise<EvidenceTimeRange> {
  const row = (await conn.runAndReadAll(EVIDENCE_TIME_RANGE_SQL)).getRowObjectsJS()[0];
  const iso = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
  return { first: iso(row?.first), last: iso(row?.last) };
}
