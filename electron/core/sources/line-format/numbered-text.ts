// Writes the numbered copy DuckDB reads: `<line> <text>` per record line, an empty line for a header or
// rejected line, so every row keeps its line number whatever order DuckDB reads in. Text may be any UTF-8.
import { isUtf8 } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import { decimalDigits, writeDecimal } from '../../intake/decimal';

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
}

export async function writeNumberedText(stagedPath: string, copyPath: string, isHeader: (line: Buffer) => boolean = () => false): Promise<NumberedText> {
  const out: Buffer[] = [];
  let outLen = 0;
  const result: NumberedText = { lines: 0, headerLines: 0, numbered: 0, rejects: new Map(), headers: [] };
  const output = await fsp.open(copyPath, 'w');
  const flush = async (): Promise<void> => {
    const b = Buffer.concat(out, outLen);
    for (let done = 0; done < b.length; ) done += (await output.write(b, done, b.length - done)).bytesWritten;
    out.length = 0; outLen = 0;
  };
  const push = (b: Buffer): void => { out.push(b); outLen += b.length; };
  const emit = (raw: Buffer): void => {
    const n = ++result.lines;
    let line = raw;
    if (n === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (line[line.length - 1] === 13) line = line.subarray(0, -1);
    if (isHeader(line)) { result.headerLines++; result.headers.push(line.toString('utf8')); push(Buffer.from('\n')); return; }
    const why = unusable(line);
    if (why) { result.rejects.set(n, why); push(Buffer.from('\n')); return; }
    result.numbered++;
    push(Buffer.from(`${n} `)); push(Buffer.from(line)); push(Buffer.from('\n'));
  };
  const input = await fsp.open(stagedPath, 'r');
  try {
    let carry: Buffer[] = [];
    let carryLen = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await input.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const b = chunk.subarray(0, bytesRead);
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
        push(numberClean(b.subarray(from, last + 1), result, isHeader));
        from = last + 1;
      }
      for (let i = b.indexOf(10, from); i >= 0 && !carryLen; i = b.indexOf(10, from)) {
        emit(b.subarray(from, i));
        from = i + 1;
      }
      // Past the limit only the start of a line is kept: enough to reject it as too long.
      if (from < b.length && carryLen <= MAX_LINE_BYTES) { carry.push(Buffer.from(b.subarray(from))); carryLen += b.length - from; }
      else if (from < b.length) carryLen += b.length - from;
      if (outLen > CHUNK) await flush();
    }
    if (carryLen) emit(carryLen > MAX_LINE_BYTES ? Buffer.alloc(MAX_LINE_BYTES + 1, 0x20) : Buffer.concat(carry));
    await flush();
  } finally {
    await input.close();
    await output.close();
  }
  return result;
}

/** Whether the lines of b[from..last] (last is a newline) hold nothing unusable() finds: checked over the span at once. */
function cleanLines(b: Buffer, from: number, last: number): boolean {
  const span = b.subarray(from, last + 1);
  if (span[0] === 10 || span.indexOf('\n\n', 0, 'latin1') >= 0 || span.indexOf(0) >= 0 || span.indexOf(13) >= 0 || span.indexOf(UNIT_SEPARATOR) >= 0) return false;
  return isUtf8(span);
}

/** Numbers clean whole lines (each ends with a newline) straight into one buffer (decision 0017). */
function numberClean(span: Buffer, result: NumberedText, isHeader: (line: Buffer) => boolean): Buffer {
  let count = 0;
  for (let i = span.indexOf(10); i >= 0; i = span.indexOf(10, i + 1)) count++;
  const out = Buffer.allocUnsafe(span.length + count * (decimalDigits(result.lines + count) + 1));
  let at = 0;
  for (let start = 0; start < span.length; ) {
    const end = span.indexOf(10, start);
    const line = span.subarray(start, end);
    const n = ++result.lines;
    if (isHeader(line)) { result.headerLines++; result.headers.push(line.toString('utf8')); }
    else if (line.length > MAX_LINE_BYTES) result.rejects.set(n, `longer than ${MAX_LINE_BYTES} bytes`);
    else { result.numbered++; at = writeDecimal(out, at, n); out[at++] = 0x20; at += span.copy(out, at, start, end); }
    out[at++] = 10;
    start = end + 1;
  }
  return out.subarray(0, at);
}

function unusable(line: Buffer): string | null {
  if (line.length === 0) return 'empty line';
  if (line.length > MAX_LINE_BYTES) return `longer than ${MAX_LINE_BYTES} bytes`;
  if (line.indexOf(0) >= 0) return 'contains NUL bytes (binary data, not a log line)';
  if (line.indexOf(13) >= 0) return 'contains a carriage return inside the line';
  if (line.indexOf(UNIT_SEPARATOR) >= 0) return 'contains a control character (0x1F)';
  if (!isUtf8(line)) return 'not valid UTF-8';
  return null;
}
