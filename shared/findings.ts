// Findings, tags, notes and the timeline: the analyst's conclusions, each traceable to evidence bytes.
// Nothing here may import from outside shared/.
import type { QueryColumn } from './case-types';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Most rows one finding.create / finding.addRows call takes (whole results above this are refused). */
export const MAX_FINDING_ROWS = 10_000;

export interface Tag {
  id: number;
  name: string;
  /** #rrggbb */
  colour: string;
}

/** The query (text and bound parameters) that produced a batch of finding rows. */
export interface FindingQuery {
  id: number;
  sql: string;
  params: Record<string, string>;
  at: string;
}

/** Where a row came from. Absent when the query did not select _evidence_id and _ordinal. */
export interface RowProvenance {
  evidenceId: number;
  ordinal: number;
  /** SHA-256 of the evidence file, from the manifest; null when the manifest has no such file. */
  evidenceSha256: string | null;
  relPath: string | null;
}

/** The row's values as the query returned them (JSON-safe), with the column names and types. */
export interface RowSnapshot {
  columns: QueryColumn[];
  values: unknown[];
}

export interface FindingRow {
  id: number;
  findingId: number;
  queryRef: number;   // FindingQuery.id
  provenance: RowProvenance | null;
  snapshot: RowSnapshot;
  /** SHA-256 of the canonical snapshot text (see docs/report-schema.json). */
  snapshotSha256: string;
  /** Event time found in the row (ISO-8601 UTC), for the timeline. */
  eventTime: string | null;
  addedAt: string;
}

export interface FindingSummary {
  id: number;
  title: string;
  severity: Severity;
  /** Markdown, rendered safely. */
  description: string;
  /** MITRE ATT&CK technique id, e.g. T1562.008. */
  attack: string | null;
  tags: Tag[];
  rowCount: number;
  /** Rows that carry no provenance (their query did not select _evidence_id/_ordinal). */
  rowsWithoutProvenance: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

export interface Note {
  id: number;
  /** null: a note on the case. */
  findingId: number | null;
  /** Markdown, rendered safely. */
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface Finding extends FindingSummary {
  queries: FindingQuery[];
  rows: FindingRow[];
  notes: Note[];
}

/** Rows picked from an open result: explicit row offsets (in the given sort order) or the whole result. */
export interface RowSelection {
  queryId: string;
  rows?: number[];
  all?: boolean;
  /** The sort the grid showed when the offsets were picked. */
  sort?: { column: string; descending?: boolean };
}

export interface NewFinding extends RowSelection {
  title: string;
  severity?: Severity;
  description?: string;
  attack?: string;
  tags?: string[];
  /** A first note on the finding. */
  note?: string;
}

export interface FindingUpdate {
  id: number;
  title?: string;
  severity?: Severity;
  description?: string;
  /** An empty string clears it. */
  attack?: string;
  tags?: string[];
}

export interface TimelineEvent {
  time: string | null;
  /** Table or format the row came from: cloudtrail, vpcflow, csv ... */
  source: string;
  principal: string | null;
  action: string | null;
  sourceIp: string | null;
  summary: string;
  findingId: number;
  findingTitle: string;
  rowId: number;
  evidenceId: number | null;
  ordinal: number | null;
}

export interface TimeHistogram {
  column: string;
  bucketSeconds: number;
  /** [bucket start ISO-8601 UTC, events] in time order; empty buckets included between the first and last. */
  buckets: Array<[string, number]>;
  /** Rows whose time value was NULL or unreadable. */
  undated: number;
}
