// One pass of Node over the staged file, writing the copy DuckDB reads: every usable line prefixed with its
// 1-based number ("17 2 123456789012 eni-..."), so each row says which line it came from and DuckDB can read
// many files at once with a parallel, unordered scan (row_number() over an ordered, single-threaded scan was
// 95% of the import time). DuckDB's filename column says which file.
// The copy keeps the original line breaks one for one, so DuckDB's own reject line numbers agree too:
// a header line, an empty line and a line DuckDB must not see (non-ASCII, NUL, stray CR) become empty lines,
// which DuckDB's CSV reader skips; the ones that are records are rejected here. A UTF-8 BOM and CRLF endings
// are stripped. Flow-log records are plain ASCII, so a clean chunk needs no per-line checks.
import { isAscii } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import { writeDecimal } from '../../intake/decimal';

export const MAX_NODE_REJECTS = 50_000;
/** Longer lines are rejected here (a record is a few hundred bytes); DuckDB's max_line_size allows this plus the prefix. */
export const MAX_LINE_BYTES = 2_000_000;
/** The longest prefix: the largest line number (2^53) and a space. */
export const MAX_PREFIX = 16 + 1;

export interface LineReject { line: number; reason: string }

export interface NumberedCopy {
  /** Lines in the file (a trailing newline ends the last line; it does not start another). */
  lines: number;
  /** Lines written with a number: the ones DuckDB will read as records. */
  numbered: number;
  /** Record lines rejected here (empty, binary, ...): they are empty lines in the copy. */
  rejects: LineReject[];
}

const CHUNK = 8 << 20;
const OUT_CHUNK = 9 << 20;
const NEWLINE = 10;
const SPACE = 32;

export class TooManyRejects extends Error {
  constructor() { super(`more than ${MAX_NODE_REJECTS} unusable lines: this does not look like a flow-log file`); }
}

/** Output buffered in large pieces; `writeTo` flushes them with one write per piece. */
class Output {
  private pieces: Buffer[] = [];
  private buf = Buffer.allocUnsafe(OUT_CHUNK);
  private pos = 0;

  /** Writes `<line> <body>\n`. */
  numbered(line: number, body: Buffer, start: number, end: number): void {
    this.room(MAX_PREFIX + (end - start) + 1);
    this.pos = writeDecimal(this.buf, this.pos, line);
    this.buf[this.pos++] = SPACE;
    this.pos += body.copy(this.buf, this.pos, start, end);
    this.buf[this.pos++] = NEWLINE;
  }

  blank(): void {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
  }

  async writeTo(fd: fsp.FileHandle): Promise<void> {
    if (this.pos > 0) { this.pieces.push(this.buf.subarray(0, this.pos)); this.buf = Buffer.allocUnsafe(OUT_CHUNK); this.pos = 0; }
    for (const p of this.pieces) {
      // write() may write less than asked; the rest follows (a short copy would fail the line accounting).
      for (let done = 0; done < p.length; ) done += (await fd.write(p, done, p.length - done)).bytesWritten;
    }
    this.pieces = [];
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) this.pieces.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(OUT_CHUNK, n));
    this.pos = 0;
  }
}

/**
 * Writes the numbered copy of `stagedPath` to `copyPath`. `headerLines` (0 or 1) leading lines are blanked
 * and never counted as records or rejects.
 */
export async function writeNumberedCopy(stagedPath: string, copyPath: string, headerLines: number): Promise<NumberedCopy> {
  const input = await fsp.open(stagedPath, 'r');
  const output = await fsp.open(copyPath, 'w');
  const out = new Output();
  const rejects: LineReject[] = [];
  let lines = 0;
  let numbered = 0;
  // The start of a line that continues in the next chunk; past MAX_LINE_BYTES only its length is kept.
  let carry: Buffer[] = [];
  let carryLen = 0;

  /** One line of the file, `b[start, end)` without its newline; `clean` when its chunk was plain ASCII. */
  const emit = (b: Buffer, start: number, end: number, clean: boolean): void => {
    lines++;
    if (lines <= headerLines) { out.blank(); return; }
    if (!clean) {
      if (lines === 1 && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf) start += 3; // UTF-8 BOM
      if (end > start && b[end - 1] === 13) end--; // CRLF
    }
    const why = end === start ? 'empty line' : end - start > MAX_LINE_BYTES ? `longer than ${MAX_LINE_BYTES} bytes`
      : clean ? null : unusable(b.subarray(start, end));
    if (why) {
      if (rejects.length >= MAX_NODE_REJECTS) throw new TooManyRejects();
      rejects.push({ line: lines, reason: why });
      out.blank();
      return;
    }
    numbered++;
    out.numbered(lines, b, start, end);
  };

  const addCarry = (piece: Buffer): void => {
    if (carryLen <= MAX_LINE_BYTES) carry.push(Buffer.from(piece.subarray(0, MAX_LINE_BYTES + 1 - carryLen)));
    carryLen += piece.length;
  };
  const emitCarry = (): void => {
    const joined = Buffer.concat(carry);
    // An overlong line keeps only its first bytes: enough to be rejected as too long.
    emit(joined, 0, joined.length, false);
    carry = [];
    carryLen = 0;
  };

  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await input.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const b = chunk.subarray(0, bytesRead);
      const clean = isAscii(b) && b.indexOf(13) < 0 && b.indexOf(0) < 0;
      let from = 0;
      let i = b.indexOf(NEWLINE);
      if (carryLen > 0 && i >= 0) {
        // The line that straddles two chunks: joined, then checked on its own.
        addCarry(b.subarray(0, i));
        emitCarry();
        from = i + 1;
        i = b.indexOf(NEWLINE, from);
      }
      for (; i >= 0; i = b.indexOf(NEWLINE, from)) { emit(b, from, i, clean); from = i + 1; }
      if (from < b.length) addCarry(b.subarray(from));
      await out.writeTo(output);
    }
    if (carryLen > 0) emitCarry();
    await out.writeTo(output);
  } finally {
    await input.close();
    await output.close();
  }
  return { lines, numbered, rejects };
}

function unusable(line: Buffer): string | null {
  if (line.indexOf(0) >= 0) return 'contains NUL bytes (binary data, not a flow-log record)';
  if (line.indexOf(13) >= 0) return 'contains a carriage return inside the line';
  if (!isAscii(line)) return 'contains non-ASCII bytes (flow-log records are plain ASCII)';
  return null;
}
