import type { SurroundingEvents, SurroundingPivot } from '../../../shared/types';
import type { QueryEngine } from './query-engine';

export const DEFAULT_SURROUNDING_LIMIT = 200;

/** The events view's columns the analyst reads a neighbourhood by. */
const COLUMNS = 'event_time, source, principal, source_ip, action, target, outcome, summary, _evidence_id, _ordinal';

/**
 * The search as analyst SQL over the cross-source events view: the time and the window are literals Cairn
 * checked (the contract's pattern), the pivot a fixed column name, the value a bound parameter ($value).
 */
export function surroundingSql(time: string, minutes: number, pivot: SurroundingPivot): string {
  const t = `TIMESTAMP '${time.replace('T', ' ').replace(/Z$/, '')}'`;
  return `SELECT ${COLUMNS}
FROM events
WHERE ${pivot} = $value
  AND event_time BETWEEN ${t} - INTERVAL '${minutes}' MINUTE AND ${t} + INTERVAL '${minutes}' MINUTE
ORDER BY event_time, source, _evidence_id, _ordinal`;
}

/** Events sharing the pivot value within ± minutes, the first `limit` in time order, on the analyst instance. */
export async function surroundingEvents(engine: QueryEngine, a: { time: string; minutes: number; pivot: SurroundingPivot; value: string; limit?: number }): Promise<SurroundingEvents> {
  const limit = a.limit ?? DEFAULT_SURROUNDING_LIMIT;
  const sql = surroundingSql(a.time, a.minutes, a.pivot);
  return engine.bounded(async (conn) => {
    const r = await conn.runAndReadAll(`SELECT * FROM (${sql}) LIMIT ${limit + 1}`, { value: a.value });
    const rows = r.getRowsJson() as unknown[][];
    const types = r.columnTypes().map((x) => x.toString());
    return {
      columns: r.columnNames().map((name, k) => ({ name, type: types[k]! })),
      rows: rows.slice(0, limit), truncated: rows.length > limit, sql, params: { value: a.value },
    };
  });
}
