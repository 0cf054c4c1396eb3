import type { QuerySort } from '../../../shared/types';
import type { RowMark } from '../../../shared/workspace';
import type { QueryEngine } from '../query/query-engine';
import { canonicalSnapshot, provenanceColumns, rowProvenance, sha256Hex } from './row-snapshot';

/** Identity of each row of a live finding: its evidence record when known, and always its snapshot hash. */
export const LIVE_ROW_KEYS = `SELECT r.finding_id AS findingId, r.evidence_id AS evidenceId, r.ordinal, r.snapshot_sha256 AS hash
  FROM finding_rows r JOIN findings f ON f.id = r.finding_id AND f.deleted = 0`;
export interface RowKey { findingId: number; evidenceId: number | null; ordinal: number | null; hash: string }


/**
 * Which rows of a page of an open result are already in a live finding (decision 0066). A row is the same
 * record when its `_evidence_id`/`_ordinal` match (whatever else the query selected), or, without provenance,
 * when its snapshot (columns and values) hashes the same as a finding row's: the identity findings store.
 */
export async function resultRowMarks(engine: QueryEngine, keys: RowKey[], sel: { queryId: string; offset: number; limit: number; sort?: QuerySort }): Promise<RowMark[]> {
  if (keys.length === 0) return [];
  const byRecord = new Map<string, Set<number>>();
  const byHash = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, id: number) => { const s = m.get(k) ?? new Set<number>(); s.add(id); m.set(k, s); };
  for (const k of keys) {
    if (k.evidenceId !== null && k.ordinal !== null) add(byRecord, `${k.evidenceId}:${k.ordinal}`, k.findingId);
    add(byHash, k.hash, k.findingId);
  }
  const page = await engine.page(sel.queryId, sel.offset, sel.limit, sel.sort);
  const at = provenanceColumns(page.columns);
  const marks: RowMark[] = [];
  page.rows.forEach((values, k) => {
    const prov = rowProvenance(values, at);
    const ids = new Set<number>([
      ...(prov ? byRecord.get(`${prov.evidenceId}:${prov.ordinal}`) ?? [] : []),
      ...(byHash.get(sha256Hex(canonicalSnapshot({ columns: page.columns, values }))) ?? []),
    ]);
    if (ids.size > 0) marks.push({ row: sel.offset + k, findingIds: [...ids].sort((a, b) => a - b) });
  });
  return marks;
}
