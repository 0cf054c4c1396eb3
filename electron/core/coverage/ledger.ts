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

const RELATIONS_SQL = `
  SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
  UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`;

// One pass over a source's rows: per account, region and hour its events, files and first/last event, and per
// account and region (whole = 1) its distinct files; rows whose time cannot be read form the hour NULL, counted
// apart, so none vanish from the ledger.
const cellsSql = (s: CoverageSpec): string => `
  SELECT account, region, grouping(h) AS whole, epoch_ms(h) AS hour_ms, count(*) AS events, count(DISTINCT _evidence_id) AS files,
         epoch_ms(min(ts)) AS first_ms, epoch_ms(max(ts)) AS last_ms
  FROM (SELECT ${s.account} AS account, ${s.region} AS region, ${s.ts} AS ts, date_trunc('hour', ${s.ts}) AS h, _evidence_id FROM ${s.table})
  GROUP BY GROUPING SETS ((account, region, h), (account, region))`;

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
 * The coverage and gap ledger of a case, computed from its evidence tables (`conn` sees them as its default
 * database) and, for hours a digest says had no log files, its CloudTrail digests (read from the originals).
 */
export async function computeCoverage(conn: DuckDBConnection, evidence: Pick<EvidenceFile, 'id' | 'format' | 'originalPath'>[] = []): Promise<CoverageLedger> {
  const started = performance.now();
  const present = new Set((await conn.runAndReadAll(RELATIONS_SQL)).getRowObjectsJS().map((r) => String(r.name)));
  const specs = COVERAGE_SPECS.filter((s) => present.has(s.table));
  const cells: CoverageCell[] = [];
  const undated = new Map<string, number>();
  const files = new Map<string, number>();
  for (const s of specs) {
    for (const r of (await conn.runAndReadAll(cellsSql(s))).getRowObjectsJS()) {
      const account = String(r.account);
      const region = String(r.region);
      if (Number(r.whole) === 1) { files.set(streamKey(s.source, account, region), Number(r.files)); continue; }
      if (r.hour_ms === null) { undated.set(streamKey(s.source, account, region), Number(r.events)); continue; }
      cells.push({ source: s.source, account, region, hour: iso(Number(r.hour_ms)), events: Number(r.events), files: Number(r.files), first: iso(Number(r.first_ms)), last: iso(Number(r.last_ms)) });
    }
  }
  cells.sort((a, b) => a.source.localeCompare(b.source) || a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.hour.localeCompare(b.hour));
  const { streams, gaps } = streamsAndGaps(cells, undated, files);
  gaps.push(...digestGaps(evidence, cells));
  const changes = present.has('cloudtrail') ? await loggingChanges(conn) : [];
  return {
    computedAt: new Date().toISOString(), elapsedMs: Math.round(performance.now() - started),
    sources: specs.map((s) => ({ source: s.source, label: s.label, table: s.table })),
    cells, streams, gaps, changes, windows: loggingWindows(changes),
  };
}

const streamKey = (source: string, account: string, region: string): string => JSON.stringify([source, account, region]);

/** Per stream (source, account, region): its window from first to last hour, and the runs of empty hours inside it. */
export function streamsAndGaps(cells: CoverageCell[], undated = new Map<string, number>(), files = new Map<string, number>()): { streams: CoverageStream[]; gaps: CoverageGap[] } {
  const byStream = new Map<string, CoverageCell[]>();
  for (const c of cells) {
    const k = streamKey(c.source, c.account, c.region);
    let list = byStream.get(k);
    if (!list) byStream.set(k, list = []);
    list.push(c);
  }
  for (const k of undated.keys()) if (!byStream.has(k)) byStream.set(k, []);
  const streams: CoverageStream[] = [];
  const gaps: CoverageGap[] = [];
  for (const [k, list] of byStream) {
    const [source, account, region] = JSON.parse(k) as [string, string, string];
    list.sort((a, b) => a.hour.localeCompare(b.hour));
    let gapHours = 0;
    for (let i = 1; i < list.length; i++) {
      const prev = Date.parse(list[i - 1]!.hour);
      const cur = Date.parse(list[i]!.hour);
      const missing = (cur - prev) / HOUR_MS - 1;
      if (missing > 0) {
        gapHours += missing;
        gaps.push({ source, account, region, from: iso(prev + HOUR_MS), to: iso(cur), hours: missing, reason: 'no-events' });
      }
    }
    const first = list[0];
    const last = list.at(-1);
    streams.push({
      source, account, region, firstHour: first?.hour ?? '', lastHour: last?.hour ?? '',
      hours: first && last ? (Date.parse(last.hour) - Date.parse(first.hour)) / HOUR_MS + 1 : 0,
      hoursWithEvents: list.length, gapHours,
      events: list.reduce((n, c) => n + c.events, 0), files: files.get(k) ?? Math.max(0, ...list.map((c) => c.files)),
      first: list.reduce((m, c) => (c.first < m ? c.first : m), first?.first ?? ''), last: list.reduce((m, c) => (c.last > m ? c.last : m), last?.last ?? ''),
      undated: undated.get(k) ?? 0,
    });
  }
  streams.sort((a, b) => a.source.localeCompare(b.source) || a.account.localeCompare(b.account) || a.region.localeCompare(b.region));
  return { streams, gaps };
}

/**
 * Hours a CloudTrail digest says no log file was delivered for, and that hold no events of that account and
 * region: the digest itself attests the silence. Digests that cannot be read are left to `cairn verify`.
 */
function digestGaps(evidence: Pick<EvidenceFile, 'id' | 'format' | 'originalPath'>[], cells: CoverageCell[]): CoverageGap[] {
  const withEvents = new Set(cells.filter((c) => c.source === 'cloudtrail').map((c) => `${c.account}|${c.region}|${c.hour}`));
  const out: CoverageGap[] = [];
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
  return (await conn.runAndReadAll(LOGGING_CHANGES_SQL)).getRowObjectsJS().map((r) => ({
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
