// A finding's row as case.sqlite stores it, and as the contract shows it (findings and the timeline both read it).
import type { FindingRow } from '../../../shared/findings';
import type { QueryColumn } from '../../../shared/types';

export interface RowDbRow { id: number; finding_id: number; query_id: number; evidence_id: number | null; ordinal: number | null; evidence_sha256: string | null; snapshot: string; snapshot_sha256: string; event_time: string | null; added_at: string; rel_path: string | null; format: string | null }

export function toFindingRow(r: RowDbRow): FindingRow {
  const snap = JSON.parse(r.snapshot) as { columns: QueryColumn[]; values: unknown[] };
  return {
    id: r.id, findingId: r.finding_id, queryRef: r.query_id,
    provenance: r.evidence_id === null || r.ordinal === null ? null : { evidenceId: r.evidence_id, ordinal: r.ordinal, evidenceSha256: r.evidence_sha256, relPath: r.rel_path },
    snapshot: snap, snapshotSha256: r.snapshot_sha256, eventTime: r.event_time, addedAt: r.added_at,
  };
}
