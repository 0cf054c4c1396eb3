// The coverage and gap ledger: which hours of which account and region each source has events for, the
// hours inside that window it has none for, and the moments logging was turned off or reduced.

/** One source's events in one account, region and UTC hour. */
export interface CoverageCell {
  source: string;
  account: string;
  region: string;
  /** The hour's start, ISO UTC ("2024-05-02T06:00:00Z"). */
  hour: string;
  events: number;
  files: number;
  first: string;
  last: string;
}

/** One source in one account and region, over the window from its first to its last event. */
export interface CoverageStream {
  source: string;
  account: string;
  region: string;
  firstHour: string;
  lastHour: string;
  /** Hours from firstHour to lastHour inclusive. */
  hours: number;
  hoursWithEvents: number;
  gapHours: number;
  events: number;
  files: number;
  first: string;
  last: string;
  /** Rows whose time could not be read (not placed in any hour). */
  undated: number;
}

export type GapReason = 'no-events' | 'digest-empty';

/** Consecutive hours with no events inside a stream's window, or hours whose CloudTrail digest lists no log files. */
export interface CoverageGap {
  source: string;
  account: string;
  region: string;
  from: string;
  /** The first hour after the gap. */
  to: string;
  hours: number;
  reason: GapReason;
  /** For digest-empty gaps: the digest file that says so (manifest id). */
  evidenceId?: number;
}

/** An event that turned logging off, back on, or reduced what it records. */
export interface LoggingChange {
  at: string;
  eventName: string;
  kind: 'off' | 'on' | 'reduced';
  source: string;
  account: string;
  region: string;
  /** What was changed: a trail name or ARN, flow log ids, a recorder name. */
  target: string;
  actor: string;
  /** Set when the call failed: then nothing changed, but the attempt is shown. */
  errorCode: string | null;
  eventId: string | null;
  evidenceId: number;
  ordinal: number;
}

/** From an event that turned logging off or reduced it, to the event that turned it back on (null: still off). */
export interface LoggingWindow {
  kind: 'off' | 'reduced';
  account: string;
  region: string;
  target: string;
  from: string;
  to: string | null;
  start: LoggingChange;
  end: LoggingChange | null;
}

export interface CoverageLedger {
  computedAt: string;
  elapsedMs: number;
  /** The sources with a table in this case, and how an hour of each is queried. */
  sources: Array<{ source: string; label: string; table: string }>;
  cells: CoverageCell[];
  streams: CoverageStream[];
  gaps: CoverageGap[];
  changes: LoggingChange[];
  windows: LoggingWindow[];
}

/** What a report carries: the streams, gaps and windows, without the per-hour cells. */
export interface CoverageSummary {
  computedAt: string;
  totals: { events: number; files: number; streams: number; hoursWithEvents: number; gapHours: number; windows: number };
  streams: CoverageStream[];
  gaps: CoverageGap[];
  windows: LoggingWindow[];
  changes: LoggingChange[];
}

/**
 * How each source's rows are placed: its table (or view), time, account and region expressions, and the time
 * column as the analyst would filter it. Shared so the workbench writes a cell's query with the same rules the
 * ledger counted with. A source missing here is not in the ledger (add a line for a new source).
 */
export interface CoverageSpec {
  source: string;
  label: string;
  table: string;
  /** The row's time as a naive UTC TIMESTAMP (DuckDB SQL, run by the core). */
  ts: string;
  account: string;
  region: string;
  /** How the hour is filtered in Athena SQL: a TIMESTAMP column, epoch seconds, or ISO-8601 text. */
  timeColumn: { name: string; kind: 'timestamp' | 'epoch' | 'iso-text' };
}

export const COVERAGE_SPECS: readonly CoverageSpec[] = [
  { source: 'cloudtrail', label: 'CloudTrail', table: 'cloudtrail', ts: 'event_ts', account: "coalesce(recipientaccountid, account_partition, '')",
    region: "coalesce(awsregion, region_partition, '')", timeColumn: { name: 'event_ts', kind: 'timestamp' } },
  { source: 'vpcflow', label: 'VPC Flow Logs', table: 'vpc_flow_logs', ts: 'make_timestamp(start * 1000000)', account: "coalesce(account_id, '')",
    region: "coalesce(region, '')", timeColumn: { name: 'start', kind: 'epoch' } },
  { source: 'alb', label: 'ALB access logs', table: 'alb_logs', ts: 'try_cast(time AS TIMESTAMPTZ)::TIMESTAMP', account: "coalesce(_account_id, '')",
    region: "coalesce(_region, '')", timeColumn: { name: 'time', kind: 'iso-text' } },
  { source: 'elb', label: 'Classic ELB access logs', table: 'elb_logs', ts: 'try_cast(request_timestamp AS TIMESTAMPTZ)::TIMESTAMP', account: "coalesce(_account_id, '')",
    region: "coalesce(_region, '')", timeColumn: { name: 'request_timestamp', kind: 'iso-text' } },
  { source: 'alb-connection', label: 'ALB connection logs', table: 'alb_connection_logs', ts: 'conn_ts', account: "coalesce(_account_id, '')",
    region: "coalesce(_region, '')", timeColumn: { name: 'conn_ts', kind: 'timestamp' } },
  { source: 'nlb-tls', label: 'NLB TLS access logs', table: 'nlb_tls_logs', ts: 'try_cast(time AS TIMESTAMPTZ)::TIMESTAMP', account: "coalesce(_account_id, '')",
    region: "coalesce(_region, '')", timeColumn: { name: 'time', kind: 'iso-text' } },
];

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The Athena SQL that lists one cell's rows: [hour, hour + 1 h) of one source, account and region. */
export function cellQuery(spec: CoverageSpec, account: string, region: string, hour: string): string {
  const startMs = Date.parse(hour);
  if (!Number.isFinite(startMs)) throw new Error(`not an hour: ${hour}`);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
  const [from, to] = [iso(startMs), iso(startMs + 3_600_000)];
  const c = spec.timeColumn.name;
  const time = spec.timeColumn.kind === 'timestamp' ? `${c} >= TIMESTAMP ${sqlString(from.replace('T', ' '))} AND ${c} < TIMESTAMP ${sqlString(to.replace('T', ' '))}`
    : spec.timeColumn.kind === 'epoch' ? `${c} >= ${startMs / 1000} AND ${c} < ${startMs / 1000 + 3600}`
    : `${c} >= ${sqlString(from)} AND ${c} < ${sqlString(to)}`;
  return `SELECT *\nFROM ${spec.table}\nWHERE ${time}\n  AND ${spec.account} = ${sqlString(account)}\n  AND ${spec.region} = ${sqlString(region)}\nLIMIT 10000`;
}
