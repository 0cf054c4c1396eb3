import type { EvidenceFile } from '../../../shared/types';
import type { EvidenceCheck } from '../../../shared/report';
import { csvRow } from '../../../shared/csv';
import { placeOf } from './report-model';

/** The manifest CSV's columns, in order; numbers stay numbers, text that a spreadsheet would run is neutralised (shared/csv.ts). */
export const MANIFEST_CSV_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['evidence_id', 'INTEGER'], ['rel_path', 'VARCHAR'], ['original_path', 'VARCHAR'], ['sha256', 'VARCHAR'], ['bytes', 'BIGINT'], ['mtime', 'VARCHAR'],
  ['compression', 'VARCHAR'], ['uncompressed_bytes', 'BIGINT'], ['format', 'VARCHAR'], ['status', 'VARCHAR'], ['reason', 'VARCHAR'],
  ['records_read', 'BIGINT'], ['imported', 'BIGINT'], ['rejected', 'BIGINT'], ['tables', 'VARCHAR'], ['added_at', 'VARCHAR'],
  ['account', 'VARCHAR'], ['region', 'VARCHAR'], ['day', 'VARCHAR'], ['rehash_status', 'VARCHAR'], ['rehash_sha256', 'VARCHAR'],
];

/** The full per-file manifest as CSV (RFC 4180, CRLF), one row per evidence file, with its re-hash at export. */
export function manifestCsv(evidence: EvidenceFile[], checks: EvidenceCheck[]): string {
  const check = new Map(checks.map((c) => [c.evidenceId, c]));
  const types = MANIFEST_CSV_COLUMNS.map(([, t]) => t);
  const parts: string[] = [MANIFEST_CSV_COLUMNS.map(([n]) => n).join(',') + '\r\n'];
  for (const f of evidence) {
    const p = placeOf(f);
    const c = check.get(f.id);
    parts.push(csvRow([f.id, f.relPath, f.originalPath, f.sha256, f.size, f.mtime, f.compression, f.uncompressedSize, f.format, f.status, f.reason,
      f.recordsRead, f.imported, f.rejected, f.tables.join(' '), f.addedAt, p.account, p.region, p.day, c?.status ?? 'not checked', c?.actualSha256 ?? null], types));
  }
  return parts.join('');
}
