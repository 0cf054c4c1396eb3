// An export-to-S3 object (`<ISO-8601 time> <message>` lines; a line without the time continues the message
// before it) as copies DuckDB reads, with no JSON made in between (decision 0019): each event is one line
// `<line>\x1f<epoch ms>\x1f<message>` of the direct copy, its continuation newlines written as 0x1E, which
// export-sql.ts reads into cloudwatch_logs as they are. An event holding a byte that copy cannot carry
// (NUL, CR, 0x1E, 0x1F) or with an empty message goes to the JSON-record copy as before (`<line> <json>`).
// _ordinal = the line an event starts on; the accounting and the reject reasons are records.ts' before.
import { isUtf8 } from 'node:buffer';
import { promises as fsp, statSync } from 'node:fs';
import { fileChunks, MAX_LINE_BYTES, SMALL_FILE, writeParts, writePartsSync, type NumberedText } from '../line-format/numbered-text';
import { exportTime } from './export-time';

const CHUNK = 8 << 20;
const NL = 10, CR = 13, RS = 0x1e, US = 0x1f;

export interface ExportCopies { text: NumberedText; direct: number }

interface Event { line: number; ts: number; parts: Buffer[]; bytes: number; special: boolean }

/**
 * An output file filled in memory a buffer at a time; a big file's full buffers are written between chunks, a
 * small file's all at once as it closes, with blocking calls (a batch copies thousands, decision 0026).
 */
class Out {
  private full: Buffer[] = [];
  private buf: Buffer;
  private at = 0;
  /** `initial`: the first buffer's size, the file's own for a small one. */
  private constructor(private readonly path: string, private readonly fd: fsp.FileHandle | null, initial: number) { this.buf = Buffer.allocUnsafe(Math.min(CHUNK, initial)); }
  static async open(path: string, small: boolean, initial = CHUNK): Promise<Out> { return new Out(path, small ? null : await fsp.open(path, 'w'), initial); }
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.at = 0;
  }
  put(b: Buffer): void { this.at += b.copy(this.buf, this.at); }
  byte(c: number): void { this.buf[this.at++] = c; }
  ascii(s: string): void { this.at += this.buf.write(s, this.at, 'latin1'); }
  /** Writes the full buffers (a small file's wait for close), and the current one too when `all`. */
  async write(all = false): Promise<void> {
    if (all) { this.full.push(this.buf.subarray(0, this.at)); this.at = 0; }
    if (!this.fd) return;
    await writeParts(this.fd, this.full);
    this.full = [];
  }
  async close(): Promise<void> {
    if (this.fd) return this.fd.close();
    writePartsSync(this.path, this.full);
  }
}

/** Whether a line holds a byte the direct copy cannot carry. */
const special = (b: Buffer): boolean => b.indexOf(0) >= 0 || b.indexOf(CR) >= 0 || b.indexOf(RS) >= 0 || b.indexOf(US) >= 0;

export async function writeExportCopies(stagedPath: string, directPath: string, jsonPath: string): Promise<ExportCopies> {
  const rejects = new Map<number, string>();
  const size = statSync(stagedPath).size;
  const small = size <= SMALL_FILE;
  // The direct copy adds a line number and a time in ms to each event: twice the text is room enough for most.
  const direct = await Out.open(directPath, small, 2 * size + 4096);
  const json = await Out.open(jsonPath, small, 4096).catch(async (e: unknown) => { await direct.close(); throw e; });
  let event: Event | null = null;
  let events = 0, directEvents = 0, jsonEvents = 0, n = 0;
  const closeEvent = (): void => {
    const e = event;
    if (!e) return;
    event = null;
    events++;
    if (e.bytes > MAX_LINE_BYTES) { rejects.set(e.line, `event longer than ${MAX_LINE_BYTES} bytes`); return; }
    if (e.special || (e.parts.length === 1 && e.parts[0]!.length === 0)) {
      const s = `${e.line} ${JSON.stringify({ timestamp: e.ts, message: e.parts.map((p) => p.toString('utf8')).join('\n') })}\n`;
      const b = Buffer.from(s);
      json.room(b.length);
      json.put(b);
      jsonEvents++;
      return;
    }
    const head = `${e.line}\x1f${e.ts}\x1f`;
    direct.room(head.length + e.bytes + 1);
    direct.ascii(head);
    e.parts.forEach((p, i) => { if (i > 0) direct.byte(RS); direct.put(p); });
    direct.byte(NL);
    directEvents++;
  };
  const onLine = (raw: Buffer, clean: boolean): void => {
    n++;
    let line = raw;
    if (n === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (line[line.length - 1] === CR) line = line.subarray(0, -1);
    const utf8 = clean || isUtf8(line);
    const time = utf8 ? exportTime(line) : null;
    if (time) {
      closeEvent();
      event = { line: n, ts: time[0], parts: [line.subarray(time[1])], bytes: line.length, special: !clean && special(line) };
    } else if (!utf8) {
      closeEvent(); events++; rejects.set(n, 'not valid UTF-8');
    } else if (event) {
      const e: Event = event;
      // An event past the limit is rejected whole: its text is not kept (a hostile file may be one endless event).
      if (e.bytes <= MAX_LINE_BYTES) e.parts.push(line);
      e.bytes += line.length + 1; e.special ||= !clean && special(line);
    } else {
      events++; rejects.set(n, 'no ISO-8601 time at the start of the line, and no event before it to continue');
    }
  };
  try {
    let carry: Buffer[] = [];
    for await (const b of fileChunks(stagedPath, size, true)) {
      let from = 0;
      const first = b.indexOf(NL);
      if (carry.length && first >= 0) { onLine(Buffer.concat([...carry, b.subarray(0, first)]), false); carry = []; from = first + 1; }
      // The chunk's whole lines checked at once: valid UTF-8 and none of the bytes the direct copy cannot carry.
      const last = b.lastIndexOf(NL);
      const clean = last >= from && isUtf8(b.subarray(from, last + 1)) && !special(b.subarray(from, last + 1));
      for (let i = b.indexOf(NL, from); i >= 0 && !carry.length; i = b.indexOf(NL, from)) {
        onLine(b.subarray(from, i), clean);
        from = i + 1;
      }
      if (from < b.length) carry.push(b.subarray(from));
      await direct.write();
      await json.write();
    }
    if (carry.length) onLine(Buffer.concat(carry), false);
    closeEvent();
    await direct.write(true);
    await json.write(true);
  } finally {
    await direct.close();
    await json.close();
  }
  return { text: { lines: events, headerLines: 0, numbered: jsonEvents, rejects, headers: [] }, direct: directEvents };
}
