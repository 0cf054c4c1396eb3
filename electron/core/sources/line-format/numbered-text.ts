// Writes the numbered copy DuckDB reads: `<line> <text>` per record line, an empty line for a header or
// rejected line, so every row keeps its line number whatever order DuckDB reads in. Text may be any UTF-8.
// Given a split, the lines it accepts go to a second copy instead, `<line> <count> <text>` (decision 0018), the
// spaces there being the format's separator (decision 0026).
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, promises as fsp, readFileSync, statSync, writevSync } from 'node:fs';
import { decimalDigits, writeDecimal } from '../../intake/decimal';

/** Where a file's copies go: the in-memory scratch folder for a small file when there is one (decision 0026). */
export function copiesDir(ctx: { tmpDir: string; smallCopiesDir?: string }, size: number): string {
  return ctx.smallCopiesDir && size <= SMALL_FILE ? ctx.smallCopiesDir : ctx.tmpDir;
}

/** Why an empty line is left out of the copy (findings' lines way tells blank lines from others by it). */
export const EMPTY_LINE = 'empty line';

/** Longest line read; longer ones are rejected (DuckDB's max_line_size is set to fit it). */
export const MAX_LINE_BYTES = 1 << 20;
/** The byte read_csv splits on: never in a kept line, so each line is one value. */
export const UNIT_SEPARATOR = 0x1f;
const CHUNK = 8 << 20;

export interface NumberedText {
  lines: number;
  headerLines: number;
  numbered: number;
  /** Line -> reason, for lines rejected before DuckDB sees them. */
  rejects: Map<number, string>;
  /** Header lines' text, in order (CloudFront's #Fields drives its columns). */
  headers: string[];
  /** Lines written to the split's copy (not counted in `numbered`); set when a split was given. */
  split?: number;
}

/** Where lines go that `count` accepts (a count >= 0; -1 leaves the line in the numbered copy). */
export interface SplitCopy {
  path: string;
  count(b: Buffer, start: number, end: number): number;
  /** The byte written after the line number and the count: the format's separator (a space unless said). */
  separator?: number;
}

/**
 * Files up to this size are read and their copies written with one blocking call each: a batch numbers thousands
 * of small files, and each asynchronous file call costs more than the few bytes it moves (decision 0026).
 */
export const SMALL_FILE = 1 << 20;

/** A copy being written, flushed in large writes; a small file's copy is written whole when it closes. */
class Sink {
  private parts: Buffer[] = [];
  length = 0;
  private constructor(private readonly path: string, private readonly file: fsp.FileHandle | null) {}
  static async open(path: string, small: boolean): Promise<Sink> { return new Sink(path, small ? null : await fsp.open(path, 'w')); }
  push(b: Buffer): void { this.parts.push(b); this.length += b.length; }
  /** A big file's parts so far, as they are: a concatenated copy cost a fresh buffer's page faults and a copy. */
  async flush(): Promise<void> {
    if (!this.file) return;
    await writeParts(this.file, this.parts);
    this.parts = []; this.length = 0;
  }
  async close(): Promise<void> {
    if (this.file) await this.file.close();
    else writePartsSync(this.path, this.parts);
  }
}

/** Writes the parts in order, as they are (no concatenated copy), however much each writev takes. */
export async function writeParts(file: fsp.FileHandle, parts: Buffer[]): Promise<void> {
  for (let rest = parts; rest.length > 0; ) rest = dropBytes(rest, (await file.writev(rest)).bytesWritten);
}

/** A small file's whole content from its parts, with blocking calls (decision 0026). */
export function writePartsSync(path: string, parts: Buffer[]): void {
  const fd = openSync(path, 'w');
  try { for (let rest = parts; rest.length > 0; ) rest = dropBytes(rest, writevSync(fd, rest)); } finally { closeSync(fd); }
}

/** The parts without their first `n` bytes (what a writev that wrote `n` left), empty ones dropped. */
export function dropBytes(parts: readonly Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < parts.length && n >= parts[i]!.length) n -= parts[i++]!.length;
  if (i === parts.length) return [];
  return [parts[i]!.subarray(n), ...parts.slice(i + 1)].filter((b) => b.length > 0);
}

/**
 * The file's bytes a chunk at a time; a small file in one blocking read (decision 0026). `fresh`: each chunk in a
 * buffer of its own, for a reader that keeps views into earlier chunks; otherwise one buffer is reused.
 */
export async function* fileChunks(path: string, size: number, fresh = false): AsyncGenerator<Buffer> {
  if (size <= SMALL_FILE) {
    const whole = readFileSync(path);
    if (whole.length > 0) yield whole;
    return;
  }
  const input = await fsp.open(path, 'r');
  try {
    const reused = fresh ? null : Buffer.allocUnsafe(CHUNK);
    for (let readSoFar = 0; ;) {
      // A fresh buffer is sized to what is left (and one byte more, so the last read finds the end).
      const chunk = reused ?? Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, size - readSoFar + 1)));
      const { bytesRead } = await input.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return;
      readSoFar += bytesRead;
      yield chunk.subarray(0, bytesRead);
    }
  } finally { await input.close(); }
}

const NEWLINE = Buffer.from('\n');

export async function writeNumberedText(stagedPath: string, copyPath: string, isHeader: (line: Buffer) => boolean = () => false, split?: SplitCopy): Promise<NumberedText> {
  const result: NumberedText & { split: number } = { lines: 0, headerLines: 0, numbered: 0, rejects: new Map(), headers: [], split: 0 };
  const size = statSync(stagedPath).size;
  const small = size <= SMALL_FILE;
  const main = await Sink.open(copyPath, small);
  const side = split ? await Sink.open(split.path, small).catch(async (e: unknown) => { await main.close(); throw e; }) : null;
  const emit = (raw: Buffer): void => {
    const n = ++result.lines;
    let line = raw;
    if (n === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (line[line.length - 1] === 13) line = line.subarray(0, -1);
    if (isHeader(line)) { result.headerLines++; result.headers.push(line.toString('utf8')); main.push(NEWLINE); return; }
    const why = unusable(line);
    if (why) { result.rejects.set(n, why); main.push(NEWLINE); return; }
    const count = split && side ? split.count(line, 0, line.length) : -1;
    if (count >= 0) { const sep = String.fromCharCode(split!.separator ?? 0x20); result.split++; side!.push(Buffer.from(`${n}${sep}${count}${sep}`)); side!.push(Buffer.from(line)); side!.push(NEWLINE); return; }
    result.numbered++;
    main.push(Buffer.from(`${n} `)); main.push(Buffer.from(line)); main.push(NEWLINE);
  };
  try {
    let carry: Buffer[] = [];
    let carryLen = 0;
    for await (const b of fileChunks(stagedPath, size)) {
      let from = 0;
      // The carried start of a line first, then the chunk's whole lines: in one go when they are all clean.
      if (carryLen) {
        const i = b.indexOf(10);
        if (i >= 0) { emit(Buffer.concat([...carry, b.subarray(0, i)])); carry = []; carryLen = 0; from = i + 1; }
      }
      if (result.lines === 0 && !carryLen) {
        const i = b.indexOf(10);
        if (i >= 0) { emit(b.subarray(0, i)); from = i + 1; }
      }
      const last = carryLen ? -1 : b.lastIndexOf(10);
      if (last >= from && result.lines > 0 && cleanLines(b, from, last)) {
        numberClean(b.subarray(from, last + 1), result, isHeader, main, split && side ? { split, side } : null);
        from = last + 1;
      }
      for (let i = b.indexOf(10, from); i >= 0 && !carryLen; i = b.indexOf(10, from)) {
        emit(b.subarray(from, i));
        from = i + 1;
      }
      // Past the limit only the start of a line is kept: enough to reject it as too long.
      if (from < b.length && carryLen <= MAX_LINE_BYTES) { carry.push(Buffer.from(b.subarray(from))); carryLen += b.length - from; }
      else if (from < b.length) carryLen += b.length - from;
      if (main.length > CHUNK) await main.flush();
      if (side && side.length > CHUNK) await side.flush();
    }
    if (carryLen) emit(carryLen > MAX_LINE_BYTES ? Buffer.alloc(MAX_LINE_BYTES + 1, 0x20) : Buffer.concat(carry));
    await main.flush();
    await side?.flush();
  } finally {
    await main.close();
    await side?.close();
  }
  return result;
}

/** Whether the lines of b[from..last] (last is a newline) hold nothing unusable() finds: checked over the span at once. */
function cleanLines(b: Buffer, from: number, last: number): boolean {
  const span = b.subarray(from, last + 1);
  if (span[0] === 10 || span.indexOf('\n\n', 0, 'latin1') >= 0 || span.indexOf(0) >= 0 || span.indexOf(13) >= 0 || span.indexOf(UNIT_SEPARATOR) >= 0) return false;
  return isUtf8(span);
}

/** Numbers clean whole lines (each ends with a newline) straight into one buffer per copy (decision 0017). */
function numberClean(span: Buffer, result: NumberedText & { split: number }, isHeader: (line: Buffer) => boolean, main: Sink, to: { split: SplitCopy; side: Sink } | null): void {
  let count = 0;
  for (let i = span.indexOf(10); i >= 0; i = span.indexOf(10, i + 1)) count++;
  const prefix = decimalDigits(result.lines + count) + 1;
  const out = Buffer.allocUnsafe(span.length + count * prefix);
  // The split's copy also holds the column count (at most 10 digits and a space).
  const sideOut = to ? Buffer.allocUnsafe(span.length + count * (prefix + 11)) : null;
  let at = 0;
  let sideAt = 0;
  for (let start = 0; start < span.length; ) {
    const end = span.indexOf(10, start);
    const line = span.subarray(start, end);
    const n = ++result.lines;
    const columns = to && line.length <= MAX_LINE_BYTES && !isHeader(line) ? to.split.count(span, start, end) : -1;
    if (columns >= 0) {
      result.split++;
      sideAt = writeDecimal(sideOut!, sideAt, n); sideOut![sideAt++] = to!.split.separator ?? 0x20;
      sideAt = writeDecimal(sideOut!, sideAt, columns); sideOut![sideAt++] = to!.split.separator ?? 0x20;
      sideAt += span.copy(sideOut!, sideAt, start, end);
      sideOut![sideAt++] = 10;
      start = end + 1;
      continue;
    }
    if (isHeader(line)) { result.headerLines++; result.headers.push(line.toString('utf8')); }
    else if (line.length > MAX_LINE_BYTES) result.rejects.set(n, `longer than ${MAX_LINE_BYTES} bytes`);
    else { result.numbered++; at = writeDecimal(out, at, n); out[at++] = 0x20; at += span.copy(out, at, start, end); }
    out[at++] = 10;
    start = end + 1;
  }
  main.push(out.subarray(0, at));
  if (to && sideAt > 0) to.side.push(sideOut!.subarray(0, sideAt));
}

function unusable(line: Buffer): string | null {
  if (line.length === 0) return EMPTY_LINE;
  if (line.length > MAX_LINE_BYTES) return `longer than ${MAX_LINE_BYTES} bytes`;
  if (line.indexOf(0) >= 0) return 'contains NUL bytes (binary data, not a log line)';
  if (line.indexOf(13) >= 0) return 'contains a carriage return inside the line';
  if (line.indexOf(UNIT_SEPARATOR) >= 0) return 'contains a control character (0x1F)';
  if (!isUtf8(line)) return 'not valid UTF-8';
  return null;
}
