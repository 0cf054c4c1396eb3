// Finds each record of a {"Records":[...]} document or a bare array by its bytes, without parsing the
// document: the records DuckDB cannot be given (nested too deep, too big, invalid UTF-8, a raw control
// character, a lone surrogate escape) are then rejected one by one, with their byte offsets, and the rest
// import. Used for documents that are not record lines (intake/record-lines.ts), which are rare in real trails.
import { isUtf8 } from 'node:buffer';
import { depthExceededAt, mayNestDeeperThan, MAX_JSON_DEPTH } from '../../intake/json-depth';

/**
 * Largest record imported. DuckDB sizes read_json's buffers from maximum_object_size: under the case's 768 MB
 * memory limit a 20 MiB record imported and a 24 MiB one ran out of memory (docs/decisions/0004-hostile-evidence-limits.md).
 */
export const MAX_RECORD_BYTES = 20 * 1024 * 1024;

export interface RecordSpan { start: number; end: number }

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);
const RECORDS_KEY = Buffer.from('"Records"');

/**
 * The byte ranges of the array's elements (whitespace trimmed), or null when the document is not exactly
 * `{"Records":[...]}` (Records its only key) or `[...]`, or is cut short: the caller then reads it whole.
 */
export function scanRecordArray(buf: Buffer, shape: 'records' | 'array'): RecordSpan[] | null {
  const n = buf.length;
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const skip = (): void => { while (i < n && SPACE.has(buf[i]!)) i++; };
  skip();
  if (shape === 'records') {
    if (buf[i] !== 0x7b) return null;
    i++; skip();
    if (!buf.subarray(i, i + RECORDS_KEY.length).equals(RECORDS_KEY)) return null;
    i += RECORDS_KEY.length; skip();
    if (buf[i] !== 0x3a) return null;
    i++; skip();
  }
  if (buf[i] !== 0x5b) return null;
  i++; skip();
  const spans: RecordSpan[] = [];
  if (buf[i] === 0x5d) i++;
  else {
    for (;;) {
      skip();
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === QUOTE) {
          for (i++; i < n && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++;
          if (i >= n) return null;
        } else if (OPEN.has(c)) depth++;
        else if (CLOSE.has(c)) { if (depth === 0) break; depth--; }
        else if (c === COMMA && depth === 0) break;
      }
      if (i >= n) return null;
      let end = i;
      while (end > start && SPACE.has(buf[end - 1]!)) end--;
      if (end === start) return null;
      spans.push({ start, end });
      if (buf[i] === COMMA) { i++; continue; }
      if (buf[i] !== 0x5d) return null;
      i++;
      break;
    }
  }
  skip();
  if (shape === 'records') {
    if (buf[i] !== 0x7d) return null;
    i++; skip();
  }
  return i === n ? spans : null;
}

/** Why DuckDB must not be given this record's bytes, or null. Cheap checks first; the depth scan only for long records. */
export function unreadableReason(buf: Buffer, span: RecordSpan): string | null {
  const len = span.end - span.start;
  if (len > MAX_RECORD_BYTES) return `record is ${len} bytes; Cairn imports records of up to ${MAX_RECORD_BYTES} bytes`;
  const bytes = buf.subarray(span.start, span.end);
  if (!isUtf8(bytes)) return `invalid UTF-8 at byte ${span.start + firstInvalidUtf8(bytes)}`;
  if (mayNestDeeperThan(len)) {
    const at = depthExceededAt(buf, span.start, span.end);
    if (at >= 0) return `nested deeper than ${MAX_JSON_DEPTH} levels (level ${MAX_JSON_DEPTH + 1} opens at byte ${at})`;
  }
  return null;
}

/** Offset of the first byte of the first invalid UTF-8 sequence (the bytes are known to hold one; rare path). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    if (len === 0 || !isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return 0;
}

/**
 * Whether a document DuckDB would read whole can be given to it as it is: every record within the limits
 * above, valid UTF-8, no NUL. False sends the file to the record-by-record read (normaliseScanned).
 */
export function documentIsReadable(buf: Buffer, shape: 'records' | 'array'): boolean {
  if (!isUtf8(buf) || buf.indexOf(0) >= 0) return false;
  const spans = scanRecordArray(buf, shape);
  // Not the plain shape: only its depth matters here (read_json reports any other fault for the whole file).
  if (!spans) return !mayNestDeeperThan(buf.length) || depthExceededAt(buf, 0, buf.length, MAX_JSON_DEPTH + 2) < 0;
  return spans.every((s) => unreadableReason(buf, s) === null);
}
