// Turns a staged JSON file into the numbered copy json-sql.ts reads, one record per line. JSON lines are
// numbered as they are (ordinal = line, byte offsets known); a single document (a pretty-printed object,
// an array of records, or an object holding one under a wrapper key) is parsed in Node and written
// compact, ordinal = the record's place in it; so are wrapper documents written one per line.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_LINE_BYTES, writeNumberedText, type NumberedText } from '../line-format/numbered-text';
import { readWholeText, writeWhole } from '../whole-file';

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
/** Whether b[from..to) is JSON whitespace only; byte by byte, so JSON lines stop at their second line's first byte. */
function onlyJsonSpace(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0x20 && b[i] !== 0x09 && b[i] !== 0x0a && b[i] !== 0x0d) return false;
  return true;
}

/**
 * A file's first line (up to MAX_LINE_BYTES; a UTF-8 BOM dropped), as text. `ended`: a newline follows it within
 * what was read. `alone`: nothing but JSON whitespace follows it in the file.
 */
export function readFirstLine(stagedPath: string): { line: string; ended: boolean; alone: boolean } {
  // Blocking: one small read per file of a batch of thousands (decision 0026).
  const fd = openSync(stagedPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const b = Buffer.allocUnsafe(Math.min(MAX_LINE_BYTES, size));
    const read = readSync(fd, b, 0, b.length, 0);
    const nl = b.subarray(0, read).indexOf(10);
    const line = b.toString('utf8', 0, nl < 0 ? read : nl); // the first line only: decoding the rest cost more than the read
    return { line: line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, ended: nl >= 0, alone: read === size && (nl < 0 || onlyJsonSpace(b, nl + 1, read)) };
  } finally { closeSync(fd); }
}

/**
 * The first line, parsed, when it is a whole JSON object on its own (JSON lines); null for a multi-line
 * document. `alone`: the file holds nothing else (a one-line document), so the value is the whole file's.
 */
function firstLineObject(stagedPath: string): { value: Record<string, unknown>; alone: boolean } | null {
  const { line, alone } = readFirstLine(stagedPath);
  const first = line.trim();
  if (!first.startsWith('{')) return null;
  // Alone only when trim() took nothing JSON.parse would refuse, so the document way would parse the same value.
  const whole = alone && JSON_SPACE.test(line.slice(0, line.indexOf('{'))) && JSON_SPACE.test(line.slice(line.lastIndexOf('}') + 1));
  try { return { value: JSON.parse(first) as Record<string, unknown>, alone: whole }; } catch { return null; }
}

/** The file's JSON documents: one per non-blank line (`lines`), or the whole file as one. */
async function readDocuments(stagedPath: string, size: number, lines: boolean): Promise<unknown[]> {
  let text = await readWholeText(stagedPath, size);
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

export async function writeRecordLines(stagedPath: string, copyPath: string, size: number, wrappers: string[] = [], unwrapObject?: string): Promise<RecordsLayout> {
  const first = firstLineObject(stagedPath);
  const wraps = (o: Record<string, unknown>): boolean => wrappers.some((w) => Array.isArray(o[w])) || (unwrapObject !== undefined && o[unwrapObject] !== undefined);
  if (first && !wraps(first.value)) return { kind: 'lines', text: await writeNumberedText(stagedPath, copyPath) };
  if (size > MAX_DOCUMENT_BYTES) throw new DocumentError(`one JSON document of ${size} bytes, over the ${MAX_DOCUMENT_BYTES >> 20} MiB read whole; deliver it as JSON lines`);
  // Wrapper documents one per line (compact history files, concatenated notifications), or one document; a
  // one-line document was parsed whole above (decision 0027).
  const docs: unknown[] = first?.alone ? [first.value] : await readDocuments(stagedPath, size, first !== null);
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
