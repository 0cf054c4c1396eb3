import type { DuckDBConnection } from '@duckdb/node-api';
import type { RejectRow } from '../../../shared/types';

const REJECTS_PAGE_SQL = `
  SELECT evidence_id, source, ordinal, line, byte_offset, reason, raw, raw_length
  FROM cairn_rejects WHERE evidence_id = $id
  ORDER BY COALESCE(ordinal, line, byte_offset) LIMIT $limit OFFSET $offset`;
const REJECTS_COUNT_SQL = 'SELECT count(*) AS n FROM cairn_rejects WHERE evidence_id = $id';

export async function readRejects(conn: DuckDBConnection, evidenceId: number, offset: number, limit: number): Promise<{ rows: RejectRow[]; total: number }> {
  const lim = Math.max(0, Math.min(1000, Math.floor(limit)));
  const off = Math.max(0, Math.floor(offset));
  const r = await conn.runAndReadAll(REJECTS_PAGE_SQL, { id: evidenceId, limit: lim, offset: off });
  const n = await conn.runAndReadAll(REJECTS_COUNT_SQL, { id: evidenceId });
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    total: Number(n.getRowObjectsJS()[0]!.n),
    rows: r.getRowObjectsJS().map((row) => ({
      evidenceId: Number(row.evidence_id), source: String(row.source), ordinal: num(row.ordinal), line: num(row.line),
      byteOffset: num(row.byte_offset), reason: String(row.reason), raw: String(row.raw ?? ''), rawLength: Number(row.raw_length ?? 0),
    })),
  };
}
