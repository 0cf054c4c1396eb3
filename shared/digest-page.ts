// The CloudTrail digest check as the Evidence view pages it (evidence.digests): counts per status, and one page of
// log files or digests filtered by status, region, hour or text, so 10^5 results never travel whole to the page.
import { INTEGRITY_STATUSES, type IgnoredInput, type IntegrityReport, type IntegrityStatus } from './integrity-types';

export const DIGEST_KINDS = ['files', 'digests'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

export interface DigestQuery {
  kind: DigestKind;
  offset: number;
  limit: number;
  status?: IntegrityStatus;
  region?: string;
  /** An hour (or any leading part of one) in UTC, as in 2024-05-01T13. */
  hour?: string;
  /** A case-insensitive part of the path, S3 key or reason. */
  text?: string;
}

/** One log file or digest, as the list shows it. */
export interface DigestRow {
  relPath: string | null;
  s3Key: string | null;
  /** The digest that lists a log file (its S3 key); for a digest, null. */
  digestKey: string | null;
  account: string | null;
  region: string | null;
  /** The hour the covering digest spans (UTC, ISO); null when unknown. */
  hour: string | null;
  status: IntegrityStatus;
  reason: string;
}

export interface DigestPage {
  /** False when the case holds no CloudTrail digest files (nothing to check). */
  available: boolean;
  checkedAt: string | null;
  /** Counts per status: log files and digests apart. */
  files: Record<IntegrityStatus, number>;
  digests: Record<IntegrityStatus, number>;
  regions: string[];
  total: number;
  rows: DigestRow[];
  publicKeys: number;
  ignored: IgnoredInput[];
}

export const emptyCounts = (): Record<IntegrityStatus, number> => Object.fromEntries(INTEGRITY_STATUSES.map((s) => [s, 0])) as Record<IntegrityStatus, number>;

/** The rows of a report, log files or digests, in hour, region and path order. */
export function digestRows(report: IntegrityReport, kind: DigestKind): DigestRow[] {
  const rows: DigestRow[] = kind === 'files'
    ? report.logFiles.map((f) => ({ relPath: f.relPath, s3Key: f.s3Key, digestKey: f.digestKey, account: f.account, region: f.region, hour: f.startTime, status: f.status, reason: f.reason }))
    : report.digests.map((d) => ({ relPath: d.relPath, s3Key: d.s3Key, digestKey: null, account: d.account, region: d.region, hour: d.startTime, status: d.status, reason: d.reason }));
  const k = (r: DigestRow): string => `${r.hour ?? '~'}\u0000${r.region ?? '~'}\u0000${r.relPath ?? r.s3Key ?? ''}`;
  return rows.map((r) => [k(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, r]) => r);
}

/** One page of a sorted row list (digestRows) under a query. */
export function pageDigests(report: IntegrityReport, sorted: DigestRow[], q: DigestQuery, checkedAt: string): DigestPage {
  const files = emptyCounts();
  const digests = emptyCounts();
  for (const f of report.logFiles) files[f.status]++;
  for (const d of report.digests) digests[d.status]++;
  const text = q.text?.trim().toLowerCase() ?? '';
  const match = sorted.filter((r) => (!q.status || r.status === q.status) && (!q.region || r.region === q.region) && (!q.hour || (r.hour ?? '').startsWith(q.hour))
    && (!text || (r.relPath ?? '').toLowerCase().includes(text) || (r.s3Key ?? '').toLowerCase().includes(text) || r.reason.toLowerCase().includes(text)));
  const regions = [...new Set([...report.logFiles.map((f) => f.region), ...report.digests.map((d) => d.region)].filter((r): r is string => !!r))].sort();
  const offset = Math.max(0, Math.floor(q.offset));
  return {
    available: true, checkedAt, files, digests, regions, total: match.length, rows: match.slice(offset, offset + Math.max(0, Math.floor(q.limit))),
    publicKeys: report.publicKeys.length, ignored: report.ignored,
  };
}
