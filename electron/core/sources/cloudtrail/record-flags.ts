// Flags on imported records that read differently in different tools (decision 0030): for now, objects with
// duplicate keys. Found in the very bytes DuckDB reads (the batch's staged files), written to
// cairn_record_flags in the batch's transaction, so a file's flags commit or roll back with its rows.
import { promises as fsp } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RECORD_LINE_MARK } from '../../intake/record-lines';
import { describeDuplicateKeys, findDuplicateKeys, mayHaveDuplicateKeys } from './duplicate-keys';
import { scanRecordArray } from './record-scan';
import type { RecordsLayout } from './sql';

export const DUPLICATE_KEY_FLAG = 'duplicate-key';

export interface RecordFlag { evidenceId: number; ordinal: number; flag: string; path: string; detail: string }

const NEWLINE = 0x0a;
/** The staging layout's line prefix: `{"o":<ordinal>,"r":` (node-normalise.ts). */
const STAGING_RECORD = Buffer.from(',"r":');

/** Bytes read at a time from a line layout: a batch's files are scanned one after another, never held whole. */
const CHUNK_BYTES = 16 * 1024 * 1024;

/** Duplicate-key flags of one staged file, as DuckDB reads it (record lines, Node's staging lines, or a {"Records":[...]} document). */
export async function duplicateKeyFlags(evidenceId: number, path: string, layout: RecordsLayout): Promise<RecordFlag[]> {
  const flags: RecordFlag[] = [];
  const check = (buf: Buffer, ordinal: number, start: number, end: number): void => {
    if (!mayHaveDuplicateKeys(buf, start, end)) return;
    for (const g of findDuplicateKeys(buf, start, end)) {
      flags.push({ evidenceId, ordinal, flag: DUPLICATE_KEY_FLAG, path: g.path, detail: describeDuplicateKeys(g) });
    }
  };
  if (layout === 'trail-files') {
    // Whole documents reach DuckDB only up to MAX_WHOLE_FILE_BYTES (import-cloudtrail.ts). A document of another
    // shape is read by DuckDB as it is; its records are not scanned (rare: decision 0030).
    const buf = await fsp.readFile(path);
    (scanRecordArray(buf, 'records') ?? []).forEach((s, i) => check(buf, i + 1, s.start, s.end));
    return flags;
  }
  const line = (buf: Buffer, at: number, end: number): void => {
    if (layout === 'record-lines') {
      const mark = buf.indexOf(RECORD_LINE_MARK, at);
      if (mark > at && mark < end) check(buf, Number(buf.toString('latin1', at, mark)), mark + 1, end);
    } else {
      const r = buf.indexOf(STAGING_RECORD, at);
      // {"o":N,"r":<record>}: the record ends before the line's last `}`.
      if (r > at && r < end) check(buf, Number(buf.toString('latin1', at + 5, r)), r + STAGING_RECORD.length, end - 1);
    }
  };
  const fh = await fsp.open(path, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    // One read buffer per file, no larger than the file: a fresh buffer per read made GC the scan's main cost (decision 0030).
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, (await fh.stat()).size)));
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let at = 0;
      for (let end = buf.indexOf(NEWLINE, at); end >= 0; end = buf.indexOf(NEWLINE, at)) { line(buf, at, end); at = end + 1; }
      carry = Buffer.from(buf.subarray(at));
      if (bytesRead === 0) break;
    }
    if (carry.length) line(carry, 0, carry.length);
  } finally {
    await fh.close();
  }
  return flags;
}

/** Appends flags inside the caller's transaction, leaving out records that were rejected after all. */
/** Returns the flags written. */
export async function writeRecordFlags(conn: DuckDBConnection, source: string, flags: RecordFlag[]): Promise<RecordFlag[]> {
  if (flags.length === 0) return [];
  const ids = [...new Set(flags.map((f) => f.evidenceId))];
  const rejected = new Set((await conn.runAndReadAll(`SELECT evidence_id, ordinal FROM cairn_rejects WHERE evidence_id IN (${ids.join(',')}) AND ordinal IS NOT NULL`))
    .getRows().map(([id, ord]) => `${Number(id)}:${Number(ord)}`));
  const kept = flags.filter((f) => !rejected.has(`${f.evidenceId}:${f.ordinal}`));
  const appender = await conn.createAppender('cairn_record_flags');
  try {
    for (const f of kept) {
      appender.appendInteger(f.evidenceId);
      appender.appendVarchar(source);
      appender.appendBigInt(BigInt(f.ordinal));
      appender.appendVarchar(f.flag);
      appender.appendVarchar(f.path);
      appender.appendVarchar(f.detail);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return kept;
}
