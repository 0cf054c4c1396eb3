// The Node side of the import: layouts DuckDB cannot number or validate record by record (JSON lines,
// the event-history export, unusual objects) are read here, each record checked, rejects kept with their
// line/ordinal, and the good records written to a staging file records-from-staging.sql reads.
import { createReadStream, createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isUtf8 } from 'node:buffer';
import { writeRejects, type RejectRecord } from '../../duck/rejects';
import { depthExceededAtText, loneSurrogateEscapeAt, mayNestDeeperThan, MAX_JSON_DEPTH, valueDeeperThan } from '../../intake/json-depth';
import { notCloudTrailReason } from './record-shape';
import { MAX_RECORD_BYTES, scanRecordArray, unreadableReason } from './record-scan';

export const SOURCE_ID = 'cloudtrail';

/** Largest file read whole into a JS string (V8's string limit is about 512 MiB). */
export const MAX_WHOLE_FILE_BYTES = 400 * 1024 * 1024;

export interface NormaliseResult {
  recordsRead: number;
  rejected: number;
  /** Records written to the staging file (the rest of recordsRead). */
  staged: number;
  longestLine: number;
  error?: string;
}

class StagingWriter {
  private readonly out: WriteStream;
  private rejects: RejectRecord[] = [];
  readonly result: NormaliseResult = { recordsRead: 0, rejected: 0, staged: 0, longestLine: 0 };
  constructor(private readonly conn: DuckDBConnection, private readonly evidenceId: number, stagingPath: string) {
    this.out = createWriteStream(stagingPath, { highWaterMark: 1024 * 1024 });
  }
  async add(ordinal: number, text: string): Promise<void> {
    const line = `{"o":${ordinal},"r":${text}}\n`;
    this.result.staged++;
    this.result.longestLine = Math.max(this.result.longestLine, line.length * 3); // worst case UTF-8 bytes
    if (!this.out.write(line)) await once(this.out, 'drain');
  }
  async reject(r: Omit<RejectRecord, 'evidenceId' | 'source'>): Promise<void> {
    this.result.rejected++;
    this.rejects.push({ evidenceId: this.evidenceId, source: SOURCE_ID, ...r });
    if (this.rejects.length >= 1000) await this.flushRejects();
  }
  private async flushRejects(): Promise<void> {
    const rows = this.rejects;
    this.rejects = [];
    await writeRejects(this.conn, rows);
  }
  async close(): Promise<NormaliseResult> {
    this.out.end();
    await once(this.out, 'finish');
    await this.flushRejects();
    return this.result;
  }
}

/** A record's text on one line: the original when it has no line breaks, else re-serialised. */
function oneLine(text: string, value: unknown): string {
  return /[\r\n]/.test(text) ? JSON.stringify(value) : text;
}

/**
 * Why a record's text (decoded) must not reach DuckDB, or null: too big, nested too deep, or holding a lone
 * surrogate escape. Offsets in the reason are within the record; the reject's byte_offset places the record.
 */
export function textProblem(text: string): string | null {
  if (text.length > MAX_RECORD_BYTES / 3 && Buffer.byteLength(text) > MAX_RECORD_BYTES) {
    return `record is ${Buffer.byteLength(text)} bytes; Cairn imports records of up to ${MAX_RECORD_BYTES} bytes`;
  }
  if (mayNestDeeperThan(text.length)) {
    const at = depthExceededAtText(text);
    if (at >= 0) return `nested deeper than ${MAX_JSON_DEPTH} levels (level ${MAX_JSON_DEPTH + 1} opens at character ${at} of the record)`;
  }
  const lone = loneSurrogateEscapeAt(text);
  if (lone >= 0) return `lone UTF-16 surrogate escape ${text.slice(lone, lone + 6)} at character ${lone} of the record (not valid in DuckDB's JSON)`;
  return null;
}

/** One record's text: checked, parsed, shape-checked, then staged or rejected. False when it is not JSON. */
async function takeRecord(w: StagingWriter, where: { ordinal: number; line?: number; byteOffset?: number }, text: string): Promise<boolean> {
  const problem = textProblem(text);
  if (problem) { await w.reject({ ...where, reason: problem, raw: text }); return true; }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    await w.reject({ ...where, reason: `malformed JSON: ${(e as Error).message}`, raw: text });
    return false;
  }
  const reason = notCloudTrailReason(value);
  if (reason) await w.reject({ ...where, reason, raw: text });
  else await w.add(where.ordinal, oneLine(text.trim(), value));
  return true;
}

/**
 * JSON lines: each line on its own; a malformed line is rejected with its line number (and byte offset, for
 * files read whole). Files up to MAX_WHOLE_FILE_BYTES are split as bytes, so a line of invalid UTF-8 is
 * rejected rather than decoded with replacement characters.
 */
export async function normaliseLines(conn: DuckDBConnection, evidenceId: number, path: string, stagingPath: string, signal: AbortSignal): Promise<NormaliseResult> {
  const w = new StagingWriter(conn, evidenceId, stagingPath);
  let lineNo = 0;
  let firstError: string | undefined;
  let malformed = 0;
  const one = async (raw: string, byteOffset?: number): Promise<void> => {
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') return; // blank lines hold no record
    const ordinal = ++w.result.recordsRead;
    if (!(await takeRecord(w, { ordinal, line: lineNo, ...(byteOffset !== undefined ? { byteOffset } : {}) }, text))) {
      firstError ??= `malformed JSON (line ${lineNo})`;
      malformed++;
    }
  };
  if ((await fsp.stat(path)).size <= MAX_WHOLE_FILE_BYTES) {
    const buf = await fsp.readFile(path);
    for (let start = 0; start < buf.length && !signal.aborted;) {
      const nl = buf.indexOf(0x0a, start);
      const end = nl < 0 ? buf.length : nl;
      lineNo++;
      const bytes = buf.subarray(start, end > start && buf[end - 1] === 0x0d ? end - 1 : end);
      if (!isUtf8(bytes)) {
        w.result.recordsRead++;
        await w.reject({ ordinal: w.result.recordsRead, line: lineNo, byteOffset: start, reason: unreadableReason(buf, { start, end: start + bytes.length }) ?? 'invalid UTF-8', raw: bytes.toString('utf8') });
      } else await one(bytes.toString('utf8'), start);
      start = end + 1;
    }
  } else {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), crlfDelay: Infinity });
    for await (const raw of lines) {
      lineNo++;
      if (signal.aborted) break;
      await one(raw);
    }
  }
  const result = await w.close();
  signal.throwIfAborted();
  // Not one line was JSON: this is not a JSON-lines file (e.g. a broken pretty-printed object).
  if (result.recordsRead > 0 && malformed === result.recordsRead) return { ...result, error: `not valid JSON: ${firstError ?? ''}` };
  return result;
}

/**
 * A {"Records":[...]} document or bare array read record by record (record-scan.ts): each record's bytes are
 * checked before anything parses them, so one bad record is rejected with its byte offset and the rest import.
 * A document that is not that plain shape is read whole (normaliseWhole).
 */
export async function normaliseScanned(conn: DuckDBConnection, evidenceId: number, path: string, stagingPath: string, shape: 'records' | 'array'): Promise<NormaliseResult> {
  const size = (await fsp.stat(path)).size;
  if (size > MAX_WHOLE_FILE_BYTES) return { recordsRead: 0, rejected: 0, staged: 0, longestLine: 0, error: `file too large to read record by record (${size} bytes; limit ${MAX_WHOLE_FILE_BYTES})` };
  const buf = await fsp.readFile(path);
  const spans = scanRecordArray(buf, shape);
  if (!spans) return normaliseWhole(conn, evidenceId, path, stagingPath);
  const w = new StagingWriter(conn, evidenceId, stagingPath);
  for (const span of spans) {
    const ordinal = ++w.result.recordsRead;
    const where = { ordinal, byteOffset: span.start };
    const problem = unreadableReason(buf, span);
    if (problem) {
      // The text of a huge record is cut anyway (REJECT_RAW_LIMIT); decoding all of it would only cost memory.
      const raw = buf.toString('utf8', span.start, Math.min(span.end, span.start + 4 * 64 * 1024));
      await w.reject({ ...where, reason: problem, raw });
      continue;
    }
    await takeRecord(w, where, buf.toString('utf8', span.start, span.end));
  }
  return w.close();
}

/** The error and byte position of text that does not parse as JSON, or null when it parses. */
export function jsonErrorAt(text: string): string | null {
  try { JSON.parse(text); return null; } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg)?.[1];
    if (pos === undefined) return `not valid JSON: ${msg}`;
    const byte = Buffer.byteLength(text.slice(0, Number(pos)));
    return `not valid JSON at byte ${byte}: ${msg}`;
  }
}

/** Whole-file layouts: the event-history export, and objects DuckDB's Records path does not fit. */
export async function normaliseWhole(conn: DuckDBConnection, evidenceId: number, path: string, stagingPath: string): Promise<NormaliseResult> {
  const size = (await fsp.stat(path)).size;
  const empty: NormaliseResult = { recordsRead: 0, rejected: 0, staged: 0, longestLine: 0 };
  if (size > MAX_WHOLE_FILE_BYTES) return { ...empty, error: `file too large to read as one JSON document (${size} bytes; limit ${MAX_WHOLE_FILE_BYTES})` };
  let text = await fsp.readFile(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return { ...empty, error: jsonErrorAt(text) ?? 'not valid JSON' }; }
  text = '';
  const w = new StagingWriter(conn, evidenceId, stagingPath);
  const obj = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? doc as Record<string, unknown> : null;
  if (obj && Array.isArray(obj.Events)) await stageHistory(w, obj.Events);
  else if (obj && Array.isArray(obj.Records)) await stageValues(w, obj.Records);
  else if (Array.isArray(doc)) await stageValues(w, doc);
  else await stageValues(w, [doc]); // one record on its own (e.g. pretty-printed)
  return w.close();
}

async function stageValues(w: StagingWriter, values: unknown[]): Promise<void> {
  for (const value of values) await stageValue(w, ++w.result.recordsRead, value);
}

/** A value parsed from a whole document, checked before JSON.stringify (which recurses, and throws, on deep values). */
async function stageValue(w: StagingWriter, ordinal: number, value: unknown): Promise<void> {
  if (valueDeeperThan(value)) {
    await w.reject({ ordinal, reason: `nested deeper than ${MAX_JSON_DEPTH} levels`, raw: '(not kept: nested too deep to re-serialise; the evidence file holds it)' });
    return;
  }
  const text = JSON.stringify(value) ?? 'null';
  const reason = notCloudTrailReason(value) ?? textProblem(text);
  if (reason) await w.reject({ ordinal, reason, raw: text });
  else await w.add(ordinal, text);
}

/** Event history: each event's CloudTrailEvent (a JSON string; an object is accepted too) is the record. */
async function stageHistory(w: StagingWriter, events: unknown[]): Promise<void> {
  for (const ev of events) {
    const ordinal = ++w.result.recordsRead;
    const cte = ev !== null && typeof ev === 'object' ? (ev as Record<string, unknown>).CloudTrailEvent : undefined;
    if (typeof cte !== 'string') {
      if (cte !== undefined && cte !== null && typeof cte === 'object') { await stageValue(w, ordinal, cte); continue; }
      // The CloudTrail guide prints lookup-events output for Insights with the events themselves in Events[].
      if (cte === undefined && notCloudTrailReason(ev) === null) { await stageValue(w, ordinal, ev); continue; }
      await w.reject({ ordinal, reason: 'event has no CloudTrailEvent', raw: JSON.stringify(ev) ?? 'null' });
      continue;
    }
    const problem = textProblem(cte);
    if (problem) { await w.reject({ ordinal, reason: problem, raw: cte }); continue; }
    let value: unknown;
    try { value = JSON.parse(cte); } catch (e) {
      await w.reject({ ordinal, reason: `CloudTrailEvent is not valid JSON: ${(e as Error).message}`, raw: cte });
      continue;
    }
    await stageOne(w, ordinal, value, oneLine(cte, value));
  }
}

async function stageOne(w: StagingWriter, ordinal: number, value: unknown, text: string): Promise<void> {
  const reason = notCloudTrailReason(value);
  if (reason) await w.reject({ ordinal, reason, raw: text });
  else await w.add(ordinal, text);
}
