// "Record lines": a staged form for compact JSON documents that hold one array of objects under their only
// key, such as CloudTrail's {"Records":[{"eventVersion":...},{"eventVersion":...}]}. Each record goes on its
// own line as `<ordinal>\x01<the record's exact bytes>`, so DuckDB takes each record's text with its CSV
// reader and parses it once (json_transform) instead of three times as a whole document (decision 0012).
//
// Records are cut where `}` + `,` + the layout's record start (`{"eventVersion":`) occur, found with
// Buffer.indexOf, far cheaper than tracking strings and brackets in JavaScript. That pattern
// can only sit outside strings in valid JSON (a `"` inside a string is escaped), but it can also join two
// objects nested deeper in a record. So a cut is only trusted once the reader has parsed every piece as
// one JSON value: a cut inside a record leaves one piece with unclosed brackets and the next with
// closers left over, and a record the pattern missed leaves two values in one piece. Both fail to parse,
// and the importer then reads the file as the document it was (staged-form.ts restore()), which is exact.
//
// Loaded by the staging thread: Node's own modules only (see stage-worker.ts and electron-builder.yml).
import { isUtf8 } from 'node:buffer';
import { decimalDigits, writeDecimal } from './decimal';
import { depthExceededAt, mayNestDeeperThan } from './json-depth';

/** Between the ordinal and the record. A raw control character never occurs in valid JSON text. */
export const RECORD_LINE_MARK = 0x01;
/**
 * Longest record kept on one line. DuckDB's CSV reader sizes its buffers from max_line_size (a 64 MiB
 * limit asked for a 1 GiB block); a file with a longer record is staged as it is, and the whole-document
 * path takes any size.
 */
export const RECORD_LINE_MAX_BYTES = 1024 * 1024;
/** What the CSV reader is told: the longest record plus its ordinal, the mark and the newline. */
export const RECORD_LINE_MAX_LINE = RECORD_LINE_MAX_BYTES + 32;

/** A document layout a source reads as record lines (a FormRule, staged-form.ts). */
export interface RecordArrayLayout {
  /** The document's bytes before the first record, ending with the array's `[`: '{"Records":[' */
  prefix: string;
  /** How every record begins: '{"eventVersion":' */
  recordStart: string;
}

export interface RecordLines {
  prefix: string;
  /** The bytes after the last record: the array's `]`, the object's `}` and any whitespace. */
  suffix: string;
  /** Lines written: what the reader must count, if every cut held. */
  records: number;
  /** Bytes of the longest record. */
  longest: number;
}

const COMMA = 0x2c, CLOSE_OBJECT = 0x7d, CLOSE_ARRAY = 0x5d, NEWLINE = 0x0a;
/** Bytes a line cannot carry: NUL, the mark, and line breaks (a raw one inside a record is not JSON anyway). */
const UNCARRIED = [0x00, RECORD_LINE_MARK, NEWLINE, 0x0d];

/**
 * The lines as pieces to write in order (one writev, cheaper than copying the records: decision 0012): each
 * ordinal's bytes, then the record as a view of `content`, which must stay unchanged until they are written.
 */
export interface RecordLinePieces { pieces: Buffer[]; bytes: number; lines: RecordLines }

/**
 * The document as record lines, or null when it does not have the layout's exact shape: the prefix, records
 * joined by single commas, `]`, `}` (whitespace only at the end), valid UTF-8, no byte from UNCARRIED before
 * the end, no record over RECORD_LINE_MAX_BYTES and none nested deeper than MAX_JSON_DEPTH (json-depth.ts). Null is never an error: the document is staged as it is.
 */
export function toRecordLines(content: Buffer, layout: RecordArrayLayout): RecordLinePieces | null {
  const head = Buffer.from(layout.prefix, 'utf8');
  if (content.length <= head.length || !content.subarray(0, head.length).equals(head)) return null;
  const close = arrayEnd(content);
  if (close <= head.length) return null;
  const body = content.subarray(0, close);
  for (const b of UNCARRIED) if (body.indexOf(b) >= 0) return null;
  if (!isUtf8(content)) return null;
  const cut = Buffer.from(`},${layout.recordStart}`, 'utf8');
  const bounds: number[] = [head.length];
  for (let at = body.indexOf(cut, head.length); at >= 0; at = body.indexOf(cut, at + 2)) bounds.push(at + 1, at + 2);
  bounds.push(close);
  let longest = 0;
  for (let r = 0; r < bounds.length; r += 2) longest = Math.max(longest, bounds[r + 1]! - bounds[r]!);
  if (longest > RECORD_LINE_MAX_BYTES) return null;
  // A record nested too deep must not reach DuckDB: staged as it is, the importer's record scan rejects it.
  for (let r = 0; r < bounds.length; r += 2) {
    if (mayNestDeeperThan(bounds[r + 1]! - bounds[r]!) && depthExceededAt(content, bounds[r]!, bounds[r + 1]!) >= 0) return null;
  }
  const { pieces, bytes } = linePieces(content, bounds);
  return { pieces, bytes, lines: { prefix: layout.prefix, suffix: content.toString('latin1', close), records: bounds.length / 2, longest } };
}

/** Where the array's `]` is, when the document ends with `]`, `}` and whitespace only; else -1. */
function arrayEnd(content: Buffer): number {
  let i = content.length - 1;
  const skipSpace = (): void => { while (i >= 0 && (content[i] === 0x20 || content[i] === 0x09 || content[i] === NEWLINE || content[i] === 0x0d)) i--; };
  skipSpace();
  if (content[i] !== CLOSE_OBJECT) return -1;
  i--;
  skipSpace();
  return content[i] === CLOSE_ARRAY ? i : -1;
}

/** "1\x01", record 1, "\n2\x01", record 2, ..., "\n": the ordinals share one small buffer. */
function linePieces(content: Buffer, bounds: number[]): { pieces: Buffer[]; bytes: number } {
  const records = bounds.length / 2;
  // Each record's mark, its ordinal and one newline (before it, or for the first record the last one).
  let bytes = 0;
  for (let r = 0; r < records; r++) bytes += decimalDigits(r + 1) + 2;
  const marks = Buffer.allocUnsafe(bytes);
  const pieces = new Array<Buffer>(2 * records + 1);
  let at = 0;
  for (let r = 0; r < records; r++) {
    const from = at;
    if (r > 0) marks[at++] = NEWLINE;
    at = writeDecimal(marks, at, r + 1);
    marks[at++] = RECORD_LINE_MARK;
    pieces[2 * r] = marks.subarray(from, at);
    pieces[2 * r + 1] = content.subarray(bounds[2 * r]!, bounds[2 * r + 1]!);
    bytes += bounds[2 * r + 1]! - bounds[2 * r]!;
  }
  marks[at] = NEWLINE;
  pieces[2 * records] = marks.subarray(at, at + 1);
  return { pieces, bytes };
}

/** The original document from its record lines, byte for byte. */
export function fromRecordLines(data: Buffer, lines: RecordLines): Buffer {
  const parts: Buffer[] = [Buffer.from(lines.prefix, 'utf8')];
  for (let at = 0; at < data.length; ) {
    const mark = data.indexOf(RECORD_LINE_MARK, at);
    const end = data.indexOf(NEWLINE, mark);
    if (mark < 0 || end < 0) throw new Error('not a record-lines file');
    if (parts.length > 1) parts.push(Buffer.from([COMMA]));
    parts.push(data.subarray(mark + 1, end));
    at = end + 1;
  }
  parts.push(Buffer.from(lines.suffix, 'latin1'));
  return Buffer.concat(parts);
}
