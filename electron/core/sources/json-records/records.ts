// Turns a staged JSON file into the numbered copy json-sql.ts reads, one record per line. JSON lines are
// numbered as they are (ordinal = line, byte offsets known); a single document (a pretty-printed object,
// an array of records, or an object holding one under a wrapper key) is parsed in Node and written
// compact, ordinal = the record's place in it; so are wrapper documents written one per line.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decimalDigits, writeDecimal } from '../../intake/decimal';
import { MAX_LINE_BYTES, UNIT_SEPARATOR, writeNumberedText, type NumberedText } from '../line-format/numbered-text';
import { readWhole, readWholeText, writeWhole } from '../whole-file';
import { LENIENT_JSON_SQL } from './json-sql';

/** A whole document is parsed in memory: past this size it must come as JSON lines. */
export const MAX_DOCUMENT_BYTES = 256 << 20;

export type RecordsLayout = { kind: 'lines'; text: NumberedText; direct?: DirectCopy; asWritten?: AsWrittenCheck } | { kind: 'document'; records: number; rejects: Map<number, string>; raw: Map<number, string> };

/**
 * Lines read as they are only if every numbered record passes `sql` (over the insert's `keys`, `j` and `bad`);
 * when one does not, the file's rows are removed and it is read as `otherwise` lays it out (decision 0024).
 */
export interface AsWrittenCheck { sql: string; otherwise(): Promise<RecordsLayout> }

/** Records a source wrote checked into a copy of its own, which its SQL (JsonImport.directSql) inserts as they are (CloudWatch exports, decision 0019). */
export interface DirectCopy { path: string; records: number }

/** JSON's own whitespace: what JSON.parse skips around a value. */
const JSON_SPACE = /^[ \t\r\n]*$/;
const isJsonSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Whether b[from..to) is JSON whitespace only; byte by byte, so JSON lines stop at their second line's first byte. */
function onlyJsonSpace(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isJsonSpace(b[i])) return false;
  return true;
}

type FirstLine = { line: string; ended: boolean; alone: boolean };

/** The first line of a file of `size` bytes whose first `b.length` bytes (at most MAX_LINE_BYTES) are `b`. */
function firstLineOf(b: Buffer, size: number): FirstLine {
  const nl = b.indexOf(10);
  const line = b.toString('utf8', 0, nl < 0 ? b.length : nl); // the first line only: decoding the rest cost more than the read
  return { line: line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, ended: nl >= 0, alone: b.length === size && (nl < 0 || onlyJsonSpace(b, nl + 1, b.length)) };
}

/**
 * A file's first line (up to MAX_LINE_BYTES; a UTF-8 BOM dropped), as text. `ended`: a newline follows it within
 * what was read. `alone`: nothing but JSON whitespace follows it in the file.
 */
export function readFirstLine(stagedPath: string): FirstLine {
  // Blocking: one small read per file of a batch of thousands (decision 0026).
  const fd = openSync(stagedPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const b = Buffer.allocUnsafe(Math.min(MAX_LINE_BYTES, size));
    return firstLineOf(b.subarray(0, readSync(fd, b, 0, b.length, 0)), size);
  } finally { closeSync(fd); }
}

/**
 * The first line, parsed, when it is a whole JSON object on its own (JSON lines); null for a multi-line
 * document. `alone`: the file holds nothing else (a one-line document), so the value is the whole file's.
 */
function firstLineObject({ line, alone }: FirstLine): { value: Record<string, unknown>; alone: boolean } | null {
  const first = line.trim();
  if (!first.startsWith('{')) return null;
  // Alone only when trim() took nothing JSON.parse would refuse, so the document way would parse the same value.
  const whole = alone && JSON_SPACE.test(line.slice(0, line.indexOf('{'))) && JSON_SPACE.test(line.slice(line.lastIndexOf('}') + 1));
  try { return { value: JSON.parse(first) as Record<string, unknown>, alone: whole }; } catch { return null; }
}

/** The file's JSON documents: one per non-blank line (`lines`), or the whole file as one; `whole`: its bytes, when read already. */
async function readDocuments(stagedPath: string, size: number, lines: boolean, whole?: Buffer): Promise<unknown[]> {
  let text = whole ? whole.toString('utf8') : await readWholeText(stagedPath, size);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const docs: unknown[] = [];
  const pieces = lines ? text.split('\n').filter((l) => l.trim().length > 0) : [text];
  for (const [i, piece] of pieces.entries()) {
    try { docs.push(JSON.parse(piece)); } catch (e) {
      throw new DocumentError(lines ? `line ${i + 1} of wrapper documents is not valid JSON: ${(e as Error).message}` : `not one JSON document nor JSON lines: ${(e as Error).message}`);
    }
  }
  return docs;
}

/**
 * A compact wrapper document's head (`{"fileVersion":"1.0","configurationItems":[{"relatedEvents":`): plain
 * members, the wrapper's array, and its first record's first key, whose start every record is taken to share.
 */
const WRAPPER_HEAD = /^\{(?:"[A-Za-z0-9_]+":(?:"[^"\\\x00-\x1f]*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|true|false|null),)*"([A-Za-z0-9_]+)":\[(\{"[A-Za-z0-9_]+":)/;

/**
 * A record cut from a wrapper document is kept as cut only if DuckDB keeps it and reads it as JSON.parse would
 * (json-sql.ts); otherwise the file is read the document way (decision 0029).
 */
const CUT_AS_WRITTEN_SQL = `keep AND NOT ${LENIENT_JSON_SQL}`;

/**
 * The records of a compact document `{<plain members>,"<wrapper>":[<records>]}` as byte ranges, cut where `},`
 * and the first record's start meet, as record-lines.ts cuts CloudTrail's (decision 0012): that text sits outside
 * strings in valid JSON, but it may also join objects nested in a record, and a record may start otherwise. Either
 * leaves a range that is not one JSON object, which the as-written check catches. Null when the document is not of
 * that shape or the copy cannot carry it (other members after the array, a line break, NUL or the copy's separator
 * 0x1F, invalid UTF-8, a record over MAX_LINE_BYTES).
 */
function cutWrapperDocument(buf: Buffer, wrappers: readonly string[]): Array<[number, number]> | null {
  const from = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const m = WRAPPER_HEAD.exec(buf.toString('latin1', from, Math.min(buf.length, from + 4096)));
  if (!m || !wrappers.includes(m[1]!)) return null;
  const first = from + m[0].length - m[2]!.length;
  let end = buf.length;
  while (end > first && isJsonSpace(buf[end - 1])) end--;
  if (end - 2 <= first || buf[end - 1] !== 0x7d || buf[end - 2] !== 0x5d) return null;
  const body = buf.subarray(first, end - 2);
  if ([0x0a, 0x0d, 0, UNIT_SEPARATOR].some((b) => body.indexOf(b) >= 0) || !isUtf8(buf.subarray(from, end))) return null;
  const cut = Buffer.from(`},${m[2]}`, 'latin1');
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let at = body.indexOf(cut); at >= 0; at = body.indexOf(cut, at + 2)) { spans.push([first + start, first + at + 1]); start = at + 2; }
  spans.push([first + start, end - 2]);
  return spans.some(([s, e]) => e - s > MAX_LINE_BYTES) ? null : spans;
}

/** The cut records as numbered lines (`<n> <record>`), read as written unless one is not what the document way would read. */
async function cutRecordLines(buf: Buffer, spans: Array<[number, number]>, copyPath: string, otherwise: () => Promise<RecordsLayout>): Promise<RecordsLayout> {
  const out = Buffer.allocUnsafe(spans.reduce((n, [s, e], i) => n + decimalDigits(i + 1) + 2 + e - s, 0));
  let at = 0;
  spans.forEach(([s, e], i) => {
    at = writeDecimal(out, at, i + 1);
    out[at++] = 0x20;
    at += buf.copy(out, at, s, e);
    out[at++] = 0x0a;
  });
  await writeWhole(copyPath, out);
  const n = spans.length;
  return { kind: 'lines', text: { lines: n, headerLines: 0, numbered: n, rejects: new Map(), headers: [] }, asWritten: { sql: CUT_AS_WRITTEN_SQL, otherwise } };
}

export async function writeRecordLines(stagedPath: string, copyPath: string, size: number, wrappers: string[] = [], unwrapObject?: string): Promise<RecordsLayout> {
  // The document way, after the as-written check failed: the file is read again (its bytes are not kept meanwhile).
  const documents = (): Promise<RecordsLayout> => documentRecords(stagedPath, copyPath, size, wrappers, unwrapObject);
  if (wrappers.length === 0 || size > MAX_DOCUMENT_BYTES) return documents();
  // One compact wrapper document (AWS Config's history files): its records cut as bytes, not parsed in Node (decision 0029).
  const buf = await readWhole(stagedPath, size);
  const spans = cutWrapperDocument(buf, wrappers);
  return spans ? cutRecordLines(buf, spans, copyPath, documents) : documentRecords(stagedPath, copyPath, size, wrappers, unwrapObject, buf);
}

/** The file as JSON lines when its first line is a record on its own, else as documents parsed in Node; `whole`: its bytes, when read already. */
async function documentRecords(stagedPath: string, copyPath: string, size: number, wrappers: string[], unwrapObject?: string, whole?: Buffer): Promise<RecordsLayout> {
  const first = firstLineObject(whole ? firstLineOf(whole.subarray(0, MAX_LINE_BYTES), whole.length) : readFirstLine(stagedPath));
  const wraps = (o: Record<string, unknown>): boolean => wrappers.some((w) => Array.isArray(o[w])) || (unwrapObject !== undefined && o[unwrapObject] !== undefined);
  if (first && !wraps(first.value)) return { kind: 'lines', text: await writeNumberedText(stagedPath, copyPath) };
  if (size > MAX_DOCUMENT_BYTES) throw new DocumentError(`one JSON document of ${size} bytes, over the ${MAX_DOCUMENT_BYTES >> 20} MiB read whole; deliver it as JSON lines`);
  // Wrapper documents one per line (compact history files, concatenated notifications), or one document; a
  // one-line document was parsed whole above (decision 0027).
  const docs: unknown[] = first?.alone ? [first.value] : await readDocuments(stagedPath, size, first !== null, whole);
  const list: unknown[] = [];
  for (const doc of docs) {
    // Element by element: a spread of a large array overflows the call stack (decision 0019).
    if (Array.isArray(doc)) for (const rec of doc) list.push(rec);
    else if (doc && typeof doc === 'object') {
      const o = doc as Record<string, unknown>;
      const wrapper = wrappers.find((w) => Array.isArray(o[w]));
      const inner = unwrapObject ? o[unwrapObject] : undefined;
      if (wrapper) for (const rec of o[wrapper] as unknown[]) list.push(rec);
      else list.push(inner !== undefined ? inner : doc);
    } else throw new DocumentError('a JSON document that is neither an object nor an array');
  }
  const rejects = new Map<number, string>();
  const raw = new Map<number, string>();
  const out: string[] = [];
  list.forEach((rec, i) => {
    const n = i + 1;
    const line = JSON.stringify(rec) ?? 'null';
    raw.set(n, line);
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) { rejects.set(n, 'not a JSON object'); return; }
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) { rejects.set(n, `longer than ${MAX_LINE_BYTES} bytes`); return; }
    out.push(`${n} ${line}`);
  });
  await writeWhole(copyPath, out.join('\n') + '\n');
  return { kind: 'document', records: list.length, rejects, raw };
}

/** The file as a whole cannot be read as JSON records. */
export class DocumentError extends Error {}
