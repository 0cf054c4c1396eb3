import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  COVERAGE_SPECS, type CoverageCell, type CoverageGap, type CoverageLedger, type CoverageSpec, type CoverageStream, type CoverageSummary,
  type LoggingChange, type LoggingWindow,
} from '../../../shared/coverage';
import type { EvidenceFile } from '../../../shared/types';
import { parseDigest, parseDigestKey } from '../integrity/digest-file';

const LOGGING_CHANGES_SQL = readFileSync(join(__dirname, 'logging-changes.sql'), 'utf8');
const HOUR_MS = 3_600_000;

/** The evidence database's catalog name, the same on the import connection and the analyst instance. */
const CATALOG = 'evidence';
const qualified = (table: string): string => `${CATALOG}.main.${table}`;
const RELATIONS_SQL = `
  SELECT table_name AS name FROM duckdb_tables() WHERE database_name = '${CATALOG}' AND schema_name = 'main'
  UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = '${CATALOG}' AND schema_name = 'main' AND NOT internal`;

// One pass over a source's rows: per account, region and hour its events, files and first/last event, and per
// account and region its distinct files. Rows whose time cannot be read form the hour NULL ('u'), counted
// apart, so none vanish. Each stream's hours come back as one text ("hour,events,files,first,last;..." in
// epoch hours and seconds), far cheaper than converting each result row's values (decision 0041).
const cellsSql = (s: CoverageSpec): string => `
  WITH g AS (
    SELECT account, region, grouping(h) AS whole, h, count(*) AS events, count(DISTINCT _evidence_id) AS files, min(ts) AS lo, max(ts) AS hi
    FROM (SELECT ${s.account} AS account, ${s.region} AS region, ${s.ts} AS ts, date_trunc('hour', ${s.ts}) AS h, _evidence_id FROM ${qualified(s.table)})
    GROUP BY GROUPING SETS ((account, region, h), (account, region)))
  SELECT account, region, max(files) FILTER (WHERE whole = 1) AS stream_files,
         string_agg(concat_ws(',', coalesce((epoch(h)::BIGINT // 3600)::VARCHAR, 'u'), events, files, coalesce(epoch(lo)::BIGINT, 0), coalesce(epoch(hi)::BIGINT, 0)), ';' ORDER BY h)
           FILTER (WHERE whole = 0) AS cells
  FROM g GROUP BY account, region`;

/** What turns logging off, back on, or reduces it (CloudTrail event names). */
const CHANGE_KIND: Record<string, LoggingChange['kind']> = {
  StopLogging: 'off', DeleteTrail: 'off', DeleteFlowLogs: 'off', StopConfigurationRecorder: 'off', DeleteConfigurationRecorder: 'off', DeleteDeliveryChannel: 'off',
  StartLogging: 'on', StartConfigurationRecorder: 'on',
  UpdateTrail: 'reduced', PutEventSelectors: 'reduced', PutInsightSelectors: 'reduced', PutConfigurationRecorder: 'reduced',
};
/** The event that ends an "off" window, per event that opened it; others stay open (nothing turns them back on). */
const ENDED_BY: Record<string, string> = { StopLogging: 'StartLogging', StopConfigurationRecorder: 'StartConfigurationRecorder' };

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The coverage and gap ledger of a case, computed from its evidence tables (`conn` has the evidence database
 * attached as `evidence`: the analyst instance's read-only view, or the import connection) and, for hours a digest says had no log files, its CloudTrail digests (read from the originals).
 */
export async function computeCoverage(conn: DuckDBConnection, evidence: Pick<EvidenceFile, 'id' | 'format' | 'originalPath'>[] = []): Promise<CoverageLedger> {
  const started = performance.now();
  const present = new Set((await conn.runAndReadAll(RELATIONS_SQL)).getRowObjectsJS().map((r) => String(r.name)));
  const specs = COVERAGE_SPECS.filter((s) => present.has(s.table));
  const streams: StreamHours[] = [];
  for (const s of specs) {
    for (const r of (await conn.runAndReadAll(cellsSql(s))).getRows()) {
      const x: StreamHours = { source: s.source, account: String(r[0]), region: String(r[1]), files: Number(r[2]), undated: 0, hours: [] };
      for (const item of String(r[3] ?? '').split(';')) {
        if (!item) continue;
        const [h, events, files, lo, hi] = item.split(',');
        if (h === 'u') { x.undated = Number(events); continue; }
        x.hours.push([Number(h), Number(events), Number(files), Number(lo), Number(hi)]);
      }
      streams.push(x);
    }
  }
  streams.sort((a, b) => cmp(a.source, b.source) || cmp(a.account, b.account) || cmp(a.region, b.region));
  const cells = streams.flatMap((x) => x.hours.map(([h, events, files, lo, hi]) => ({ source: x.source, account: x.account, region: x.region, hour: iso(h * HOUR_MS), events, files, first: iso(lo * 1000), last: iso(hi * 1000) })));
  const { streams: summary, gaps } = streamsAndGaps(streams);
  gaps.push(...digestGaps(evidence, cells));
  const changes = present.has('cloudtrail') ? await loggingChanges(conn) : [];
  return {
    computedAt: new Date().toISOString(), elapsedMs: Math.round(performance.now() - started),
    sources: specs.map((s) => ({ source: s.source, label: s.label, table: s.table })),
    cells, streams: summary, gaps, changes, windows: loggingWindows(changes),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One stream's hours as the query returns them: [epoch hour, events, files, first, last (epoch seconds)], in hour order. */
export interface StreamHours { source: string; account: string; region: string; files: number; undated: number; hours: Array<[number, number, number, number, number]> }

/** Per stream (source, account, region): its window from first to last hour, and the runs of empty hours inside it. */
export function streamsAndGaps(list: StreamHours[]): { streams: CoverageStream[]; gaps: CoverageGap[] } {
  const streams: CoverageStream[] = [];
  const gaps: CoverageGap[] = [];
  for (const x of list) {
    const { source, account, region, hours } = x;
    let gapHours = 0;
    let events = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < hours.length; i++) {
      const [h, n, , lo, hi] = hours[i]!;
      events += n;
      if (lo < first) first = lo;
      if (hi > last) last = hi;
      const missing = i > 0 ? h - hours[i - 1]![0] - 1 : 0;
      if (missing > 0) {
        gapHours += missing;
        gaps.push({ source, account, region, from: iso((h - missing) * HOUR_MS), to: iso(h * HOUR_MS), hours: missing, reason: 'no-events' });
      }
    }
    const h0 = hours[0]?.[0];
    const h1 = hours.at(-1)?.[0];
    streams.push({
      source, account, region, firstHour: h0 === undefined ? '' : iso(h0 * HOUR_MS), lastHour: h1 === undefined ? '' : iso(h1 * HOUR_MS),
      hours: h0 === undefined || h1 === undefined ? 0 : h1 - h0 + 1, hoursWithEvents: hours.length, gapHours, events, files: x.files,
      first: hours.length ? iso(first * 1000) : '', last: hours.length ? iso(last * 1000) : '', undated: x.undated,
    });
  }
  return { streams, gaps };
}

/**
 * Hours a CloudTrail digest says no log file was delivered for, and that hold no events of that account and
 * region: the digest itself attests the silence. Digests that cannot be read are left to `cairn verify`.
 */
function digestGaps(evidence: Pick<EvidenceFile, 'id' | 'format' | 'originalPath'>[], cells: CoverageCell[]): CoverageGap[] {
  const out: CoverageGap[] = [];
  if (!evidence.some((e) => e.format === 'cloudtrail-digest')) return out;
  const withEvents = new Set(cells.filter((c) => c.source === 'cloudtrail').map((c) => `${c.account}|${c.region}|${c.hour}`));
  const seen = new Set<string>(); // digests' windows straddle clock hours: two may name the same hour
  for (const e of evidence) {
    if (e.format !== 'cloudtrail-digest') continue;
    let d: ReturnType<typeof parseDigest>;
    try {
      const raw = readFileSync(e.originalPath);
      d = parseDigest(JSON.parse((raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8')));
    } catch { continue; }
    if (typeof d === 'string' || d.logFiles.length > 0) continue;
    const region = parseDigestKey(d.digestS3Object)?.region ?? '';
    const from = Math.floor(Date.parse(d.digestStartTime) / HOUR_MS) * HOUR_MS;
    const to = Date.parse(d.digestEndTime);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    for (let h = from; h < to; h += HOUR_MS) {
      const k = `${d.awsAccountId}|${region}|${iso(h)}`;
      if (withEvents.has(k) || seen.has(k)) continue;
      seen.add(k);
      out.push({ source: 'cloudtrail', account: d.awsAccountId, region, from: iso(h), to: iso(h + HOUR_MS), hours: 1, reason: 'digest-empty', evidenceId: e.id });
    }
  }
  return out;
}

async function loggingChanges(conn: DuckDBConnection): Promise<LoggingChange[]> {
  return (await conn.runAndReadAll(LOGGING_CHANGES_SQL.replace('FROM cloudtrail', `FROM ${qualified('cloudtrail')}`))).getRowObjectsJS().map((r) => ({
    at: String(r.at), eventName: String(r.event_name), kind: CHANGE_KIND[String(r.event_name)] ?? 'reduced', source: 'cloudtrail',
    account: String(r.account), region: String(r.region), target: trailName(String(r.target)), actor: String(r.actor),
    errorCode: r.error_code === null ? null : String(r.error_code), eventId: r.event_id === null ? null : String(r.event_id),
    evidenceId: Number(r.evidence_id), ordinal: Number(r.ordinal),
  }));
}

/** A trail is named by name or ARN (arn:aws:cloudtrail:region:account:trail/NAME): the same trail either way. */
const trailName = (t: string): string => t.replace(/^arn:aws[\w-]*:cloudtrail:[^:]*:[^:]*:trail\//, '');

/**
 * Windows where logging was off or reduced, each from the event that shows it. An "off" window ends at the
 * next successful event that turns the same target back on in the same account; until then it stays open.
 * A failed call changed nothing: it is listed among the changes, but opens no window.
 */
export function loggingWindows(changes: LoggingChange[]): LoggingWindow[] {
  const out: LoggingWindow[] = [];
  changes.forEach((c, i) => {
    if (c.errorCode || c.kind === 'on') return;
    const endName = ENDED_BY[c.eventName];
    const end = endName ? changes.slice(i + 1).find((x) => !x.errorCode && x.eventName === endName && x.account === c.account && x.target === c.target) ?? null : null;
    out.push({ kind: c.kind, account: c.account, region: c.region, target: c.target, from: c.at, to: end?.at ?? null, start: c, end });
  });
  return out;
}

/** The ledger without its per-hour cells: what a report carries. */
export function summariseCoverage(l: CoverageLedger): CoverageSummary {
  return {
    computedAt: l.computedAt,
    totals: {
      events: l.streams.reduce((n, s) => n + s.events, 0), files: l.streams.reduce((n, s) => n + s.files, 0), streams: l.streams.length,
      hoursWithEvents: l.streams.reduce((n, s) => n + s.hoursWithEvents, 0), gapHours: l.gaps.reduce((n, g) => n + g.hours, 0), windows: l.windows.length,
    },
    streams: l.streams, gaps: l.gaps, windows: l.windows, changes: l.changes,
  };
}
