// The evidence manifest as the Evidence view pages it (evidence.page): filtered, sorted and grouped by the core,
// so a case of 10^5 files never travels whole to the page. Pure: the core runs it over the manifest's rows.
import type { EvidenceFile, FileStatus } from './case-types';

export const MANIFEST_GROUPS = ['account', 'region', 'day', 'status', 'format'] as const;
export type ManifestGroupBy = (typeof MANIFEST_GROUPS)[number];

export const MANIFEST_SORTS = ['id', 'relPath', 'format', 'status', 'recordsRead', 'imported', 'rejected', 'size', 'account', 'region', 'day'] as const;
export type ManifestSortColumn = (typeof MANIFEST_SORTS)[number];

/** Exact matches on the place and outcome fields; text: a case-insensitive part of the path, hash or reason. */
export interface ManifestFilter { status?: string; account?: string; region?: string; day?: string; format?: string; text?: string }

export interface ManifestQuery {
  offset: number;
  limit: number;
  sort?: { column: ManifestSortColumn; descending?: boolean };
  filter?: ManifestFilter;
  groupBy?: ManifestGroupBy;
}

/** A manifest row with its place (from the S3 delivery layout of its path; '-' when it has none). */
export interface ManifestRow extends EvidenceFile { account: string; region: string; day: string }

export interface ManifestGroup {
  key: string;
  files: number; bytes: number; recordsRead: number; imported: number; rejected: number;
  /** Files whose import did not finish (pending): not imported, whatever their format says. */
  notImported: number;
  /** Failed, unsupported or undecided files. */
  problems: number;
}

export interface ManifestPage {
  rows: ManifestRow[];
  /** Rows matching the filter. */
  total: number;
  /** The groups of the matching rows (groupBy given), largest key order; null without groupBy. */
  groups: ManifestGroup[] | null;
  /** The values each field takes in the whole manifest, for the filter's choices. */
  facets: Record<ManifestGroupBy, string[]>;
}

/** Counts over the whole manifest (the view's header): files per status, bytes and records. */
export interface ManifestSummary {
  files: number; bytes: number; recordsRead: number; imported: number; rejected: number;
  byStatus: Partial<Record<FileStatus, number>>;
}

// AWSLogs/[o-org/]<account>/<service>/<region>/YYYY/MM/DD/: the S3 delivery layout of CloudTrail, VPC flow logs and ELB logs.
const S3_LAYOUT = /(?:^|[\\/])AWSLogs[\\/](?:o-[a-z0-9]+[\\/])?(\d{12})[\\/][^\\/]+[\\/]([a-z]{2}(?:-[a-z]+)+-\d+)[\\/](\d{4})[\\/](\d{2})[\\/](\d{2})[\\/]/i;

/** Account, region and day of a file from its S3 key, in its relative path or else its original path; '-' when it has none. */
export function placeOf(f: Pick<EvidenceFile, 'relPath' | 'originalPath'>): { account: string; region: string; day: string } {
  const m = S3_LAYOUT.exec(f.relPath) ?? S3_LAYOUT.exec(f.originalPath);
  return m ? { account: m[1]!, region: m[2]!, day: `${m[3]}-${m[4]}-${m[5]}` } : { account: '-', region: '-', day: '-' };
}

const PROBLEM: ReadonlySet<FileStatus> = new Set<FileStatus>(['failed', 'unsupported', 'needs_decision']);

function keyOf(r: ManifestRow, g: ManifestGroupBy): string {
  return g === 'format' ? r.format ?? '-' : r[g];
}

function compare(a: ManifestRow, b: ManifestRow, column: ManifestSortColumn): number {
  const x = column === 'format' ? a.format ?? '' : a[column];
  const y = column === 'format' ? b.format ?? '' : b[column];
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/** The manifest's rows with their places and the filter's choices: the costly part (decision 0070), kept between pages. */
export interface PlacedManifest { rows: ManifestRow[]; facets: Record<ManifestGroupBy, string[]> }

export function placeManifest(files: EvidenceFile[]): PlacedManifest {
  const rows: ManifestRow[] = files.map((f) => Object.assign(placeOf(f), f));
  const facets = Object.fromEntries(MANIFEST_GROUPS.map((g) => [g, [...new Set(rows.map((r) => keyOf(r, g)))].sort()])) as Record<ManifestGroupBy, string[]>;
  return { rows, facets };
}

/** One page of the manifest under a filter and sort, with its groups and the filter's choices. */
export function queryManifest(files: EvidenceFile[], q: ManifestQuery): ManifestPage {
  return pageManifest(placeManifest(files), q);
}

export function pageManifest({ rows: all, facets }: PlacedManifest, q: ManifestQuery): ManifestPage {
  const f = q.filter ?? {};
  const text = f.text?.trim().toLowerCase() ?? '';
  const rows = all.filter((r) => (!f.status || r.status === f.status) && (!f.account || r.account === f.account) && (!f.region || r.region === f.region)
    && (!f.day || r.day === f.day) && (!f.format || (r.format ?? '-') === f.format)
    && (!text || r.relPath.toLowerCase().includes(text) || r.sha256.startsWith(text) || (r.reason ?? '').toLowerCase().includes(text)));
  const column = q.sort?.column ?? 'id';
  const sign = q.sort?.descending ? -1 : 1;
  rows.sort((a, b) => sign * compare(a, b, column) || a.id - b.id);
  let groups: ManifestGroup[] | null = null;
  if (q.groupBy) {
    const by = new Map<string, ManifestGroup>();
    for (const r of rows) {
      const key = keyOf(r, q.groupBy);
      let g = by.get(key);
      if (!g) by.set(key, g = { key, files: 0, bytes: 0, recordsRead: 0, imported: 0, rejected: 0, notImported: 0, problems: 0 });
      g.files++; g.bytes += r.size; g.recordsRead += r.recordsRead; g.imported += r.imported; g.rejected += r.rejected;
      if (r.status === 'pending') g.notImported++;
      if (PROBLEM.has(r.status)) g.problems++;
    }
    groups = [...by.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const offset = Math.max(0, Math.floor(q.offset));
  return { rows: rows.slice(offset, offset + Math.max(0, Math.floor(q.limit))), total: rows.length, groups, facets };
}

/** A file's format as the manifest and the report show it: a format the analyst chose (import --as) says so. */
export function formatShown(f: Pick<EvidenceFile, 'format' | 'chosenFormat'>): string {
  if (!f.format) return '';
  return f.chosenFormat ? `${f.format} (chosen by the analyst)` : f.format;
}

/**
 * The formats a needs-decision reason suggests ("...; import again with --as a or --as b", sources/registry.ts):
 * for rows recorded before the manifest kept candidates (case.sqlite before migration 5).
 */
export function suggestedFormats(reason: string | null): string[] {
  const m = /; import again with (--as [a-z0-9-]+(?: or --as [a-z0-9-]+)*)$/.exec(reason ?? '');
  return m ? m[1]!.split(' or ').map((s) => s.slice('--as '.length)) : [];
}
