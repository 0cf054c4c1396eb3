// The Node side of the import: layouts DuckDB cannot number or validate record by record (JSON lines,
// the event-history export, unusual objects) are read here, each record checked, rejects kept with their
// line/ordinal, and the good records written to a staging file records-from-staging.sql reads.
import { createReadStream, createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeRejects, type RejectRecord } from '../../duck/rejects';
import { notCloudTrailReason } from './record-shape';

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

/** JSON lines: each line on its own; a malformed line is rejected with its line number. */
export async function normaliseLines(conn: DuckDBConnection, evidenceId: number, path: string, stagingPath: string, signal: AbortSignal): Promise<NormaliseResult> {
  const w = new StagingWriter(conn, evidenceId, stagingPath);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), crlfDelay: Infinity });
  let lineNo = 0;
  let firstError: string | undefined;
  let malformed = 0;
  for await (const raw of lines) {
    lineNo++;
    if (signal.aborted) break;
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') continue; // blank lines hold no record
    const ordinal = ++w.result.recordsRead;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const msg = `malformed JSON: ${(e as Error).message}`;
      firstError ??= `${msg} (line ${lineNo})`;
      malformed++;
      await w.reject({ ordinal, line: lineNo, reason: msg, raw: text });
      continue;
    }
    const reason = notCloudTrailReason(value);
    if (reason) await w.reject({ ordinal, line: lineNo, reason, raw: text });
    else await w.add(ordinal, text.trim());
  }
  const result = await w.close();
  signal.throwIfAborted();
  // Not one line was JSON: this is not a JSON-lines file (e.g. a broken pretty-printed object).
  if (result.recordsRead > 0 && malformed === result.recordsRead) return { ...result, error: `not valid JSON: ${firstError ?? ''}` };
  return result;
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
  for (const value of values) {
    const ordinal = ++w.result.recordsRead;
    const reason = notCloudTrailReason(value);
    const text = JSON.stringify(value) ?? 'null';
    if (reason) await w.reject({ ordinal, reason, raw: text });
    else await w.add(ordinal, text);
  }
}

/** Event history: each event's CloudTrailEvent (a JSON string; an object is accepted too) is the record. */
async function stageHistory(w: StagingWriter, events: unknown[]): Promise<void> {
  for (const ev of events) {
    const ordinal = ++w.result.recordsRead;
    const cte = ev !== null && typeof ev === 'object' ? (ev as Record<string, unknown>).CloudTrailEvent : undefined;
    if (typeof cte !== 'string') {
      if (cte !== undefined && cte !== null && typeof cte === 'object') { await stageOne(w, ordinal, cte, JSON.stringify(cte)); continue; }
      await w.reject({ ordinal, reason: 'event has no CloudTrailEvent', raw: JSON.stringify(ev) ?? 'null' });
      continue;
    }
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
