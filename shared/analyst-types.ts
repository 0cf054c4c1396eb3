// What the workbench shows beside a result row: the whole event behind it, the events around it, a column's
// value counts and whose network an IP is. A leaf like case-types.ts: it imports nothing but that.
import type { QueryColumn } from './case-types';

/** The cross-source `events` view's row for a record: the fields surrounding events pivot on. */
export interface EventSpine {
  /** UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]`; null when the log gives no time. */
  eventTime: string | null;
  source: string;
  principal: string | null;
  sourceIp: string | null;
  action: string | null;
  target: string | null;
}

/** The whole record behind a result row, read from its evidence table whatever the query selected. */
export interface WholeEvent {
  evidenceId: number;
  ordinal: number;
  /** The evidence table holding the record. */
  table: string;
  file: { relPath: string; sha256: string; format: string | null } | null;
  /** Every column of the table's row (JSON-safe values, as pages carry them). */
  columns: QueryColumn[];
  values: unknown[];
  /** The record's text as it stands in the evidence (`_raw`), for sources that keep it; cut at MAX_RAW_CHARS. */
  raw: string | null;
  rawTruncated: boolean;
  spine: EventSpine | null;
}

export const SURROUNDING_PIVOTS = ['principal', 'source_ip', 'target'] as const;
export type SurroundingPivot = (typeof SURROUNDING_PIVOTS)[number];

/** Events from every source sharing a pivot value within ± minutes of a time (Kibana's "surrounding documents"). */
export interface SurroundingEvents {
  columns: QueryColumn[];
  rows: unknown[][];
  /** More events matched than `limit`; the first `limit` in time order are listed. */
  truncated: boolean;
  /** The same search as analyst SQL, with its parameters: open it as a query to see every row. */
  sql: string;
  params: Record<string, string>;
}

export interface ValueCount { value: string | null; count: number }

/** Counts of one column's values over a whole result, computed by DuckDB. Values are text (NULL kept). */
export interface FieldSummary {
  column: string;
  rows: number;
  distinct: number;
  top: ValueCount[];
  /** The least frequent values, rarest first (empty when every value is already in `top`). */
  rare: ValueCount[];
}

/** ASN, organisation and country of registration of an address (decision 0021); nulls when unknown. */
export interface IpInfo { ip: string; asn: string | null; org: string | null; country: string | null }
