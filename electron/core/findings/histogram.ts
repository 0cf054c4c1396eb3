import type { TimeHistogram } from '../../../shared/findings';
import type { QueryColumn } from '../../../shared/types';
import { quoteIdent } from '../duck/evidence-db';
import { CairnError } from '../errors';
import type { QueryEngine } from '../query/query-engine';

// Bucket widths a person reads easily, in seconds; the smallest that keeps the chart under MAX_BUCKETS wins.
const WIDTHS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400];
const MAX_BUCKETS = 240;
/** Most buckets an interval the analyst picked may give (a minute over a year would be 525,600). */
export const MAX_CHOSEN_BUCKETS = 10_000;
const PREFERRED = ['event_ts', 'eventtime', 'start', '_cloudwatch_time', 'timestamp', 'time', 'event_time', 'date'];

const RANGE_SQL = (table: string, t: string) =>
  `SELECT min(t) AS lo, max(t) AS hi, count(*) FILTER (WHERE t IS NULL) AS undated FROM (SELECT ${t} AS t FROM ${table})`;
const BUCKETS_SQL = (table: string, t: string) =>
  `SELECT floor(t / $width) * $width AS b, count(*) AS n FROM (SELECT ${t} AS t FROM ${table}) WHERE t IS NOT NULL GROUP BY b ORDER BY b`;

/** Event counts per time bucket over a whole open result; `interval` (seconds) overrides the automatic width. */
export async function resultHistogram(engine: QueryEngine, queryId: string, columnName?: string, interval?: number): Promise<TimeHistogram> {
  const cache = engine.cache(queryId);
  if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
  const { column, t } = timeColumn(cache.columns, columnName);
  if (interval !== undefined && !(Number.isSafeInteger(interval) && interval > 0)) throw new CairnError('BAD_REQUEST', 'interval is a whole number of seconds from 1');
  const [range] = await cache.aggregate((table) => RANGE_SQL(table, t));
  const lo = range?.lo === null || range?.lo === undefined ? null : Number(range.lo);
  const hi = range?.hi === null || range?.hi === undefined ? null : Number(range.hi);
  const undated = Number(range?.undated ?? 0);
  if (lo === null || hi === null) return { column: column.name, bucketSeconds: 0, buckets: [], undated };
  const width = interval ?? WIDTHS.find((w) => Math.floor(hi / w) - Math.floor(lo / w) + 1 <= MAX_BUCKETS) ?? WIDTHS.at(-1)!;
  const count = Math.floor(hi / width) - Math.floor(lo / width) + 1;
  if (count > MAX_CHOSEN_BUCKETS) {
    throw new CairnError('BAD_REQUEST', `an interval of ${width} s gives ${count} buckets over this result (at most ${MAX_CHOSEN_BUCKETS}): pick a wider interval or brush a window first`);
  }
  const counts = new Map((await cache.aggregate((table) => BUCKETS_SQL(table, t), { width })).map((r) => [Number(r.b), Number(r.n)]));
  const buckets: Array<[string, number]> = [];
  for (let b = Math.floor(lo / width) * width; b <= hi; b += width) buckets.push([new Date(b * 1000).toISOString(), counts.get(b) ?? 0]);
  return { column: column.name, bucketSeconds: width, buckets, undated };
}

/** The result's time column (named, or picked) and the SQL giving it as epoch seconds. */
export function timeColumn(columns: QueryColumn[], columnName?: string): { column: QueryColumn; t: string } {
  const column = columnName === undefined ? pickTimeColumn(columns) : columns.find((c) => c.name === columnName);
  if (!column) throw new CairnError('BAD_REQUEST', columnName === undefined ? 'this result has no time column (TIMESTAMP, DATE, eventtime or epoch start)' : `no column ${columnName} in this result`);
  const t = secondsExpression(column);
  if (!t) throw new CairnError('BAD_REQUEST', `column ${column.name} (${column.type}) does not hold times`);
  return { column, t };
}

export function pickTimeColumn(columns: QueryColumn[]): QueryColumn | undefined {
  for (const name of PREFERRED) {
    const c = columns.find((x) => x.name.toLowerCase() === name && secondsExpression(x));
    if (c) return c;
  }
  return columns.find((c) => /^(TIMESTAMP|DATE)/i.test(c.type));
}

/** SQL giving the column as epoch seconds (NULL when unreadable), or null when the column holds no times. */
function secondsExpression(c: QueryColumn): string | null {
  const id = quoteIdent(c.name);
  const type = c.type.toUpperCase();
  if (/^TIMESTAMP/.test(type)) return `epoch(${id})`;
  if (type === 'DATE') return `epoch(CAST(${id} AS TIMESTAMP))`;
  if (/^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?)$/.test(type) && /^(start|end|.*epoch.*|.*time.*)$/i.test(c.name)) return `CAST(${id} AS DOUBLE)`;
  if (type === 'VARCHAR' && /time|date/i.test(c.name)) return `epoch(TRY_CAST(${id} AS TIMESTAMP))`;
  return null;
}
