import type { DuckDBConnection } from '@duckdb/node-api';

export const REJECT_RAW_LIMIT = 64 * 1024;

export interface RejectRecord {
  evidenceId: number;
  source: string;
  ordinal?: number | null;
  line?: number | null;
  byteOffset?: number | null;
  reason: string;
  raw: string;
}

/** Keeps a rejected record's text, cut to REJECT_RAW_LIMIT characters so one monster line cannot bloat the case. */
export function truncateRaw(raw: string): string {
  return raw.length > REJECT_RAW_LIMIT ? raw.slice(0, REJECT_RAW_LIMIT) : raw;
}

/** Appends rejects through DuckDB's appender (inside the caller's transaction). */
export async function writeRejects(conn: DuckDBConnection, rows: RejectRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await conn.createAppender('cairn_rejects');
  try {
    for (const r of rows) {
      appender.appendInteger(r.evidenceId);
      appender.appendVarchar(r.source);
      appendNullableBigInt(appender, r.ordinal);
      appendNullableBigInt(appender, r.line);
      appendNullableBigInt(appender, r.byteOffset);
      appender.appendVarchar(r.reason);
      appender.appendVarchar(truncateRaw(r.raw));
      appender.appendBigInt(BigInt(Buffer.byteLength(r.raw)));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendNullableBigInt(appender: { appendNull(): void; appendBigInt(v: bigint): void }, v: number | null | undefined): void {
  if (v === null || v === undefined) appender.appendNull();
  else appender.appendBigInt(BigInt(v));
}
