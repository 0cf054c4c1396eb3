// One pass of Node over the staged file before DuckDB reads it, so that every line is accounted for.
// DuckDB's CSV reader silently skips empty lines and treats a lone CR as a line break; flow-log
// records are plain ASCII, so a file of ASCII without CR or NUL is read by DuckDB line-for-line and
// only its empty lines need noting. Anything else (CRLF, a BOM, non-ASCII or NUL bytes) gets a
// sanitised copy with the same line numbering: unusable lines become empty lines and are rejected here.
import { isAscii } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

export const MAX_NODE_REJECTS = 50_000;

export interface LineReject { line: number; reason: string }

export interface LineScan {
  /** Lines in the file (a trailing newline ends the last line; it does not start another). */
  lines: number;
  /** The file DuckDB should read: the staged file itself, or the sanitised copy. */
  readPath: string;
  /** Lines rejected here (empty, binary, ...): DuckDB will not return them as rows. */
  rejects: LineReject[];
}

const CHUNK = 8 << 20;

export async function scanLines(stagedPath: string, tmpDir: string, copyName: string): Promise<LineScan> {
  const fd = await fsp.open(stagedPath, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  let lastWasNewline = true; // an empty file has no lines
  let atLineStart = true;
  const rejects: LineReject[] = [];
  try {
    for (;;) {
      const { bytesRead } = await fd.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const b = buf.subarray(0, bytesRead);
      if (!isAscii(b) || b.indexOf(13) >= 0 || b.indexOf(0) >= 0) {
        return await sanitise(stagedPath, join(tmpDir, copyName));
      }
      let i = -1;
      let from = 0;
      while ((i = b.indexOf(10, from)) >= 0) {
        lines++;
        if (i === from && atLineStart) pushReject(rejects, { line: lines, reason: 'empty line' });
        atLineStart = true;
        from = i + 1;
      }
      if (from < b.length) atLineStart = false;
      lastWasNewline = b[b.length - 1] === 10;
    }
  } finally {
    await fd.close();
  }
  if (!lastWasNewline) lines++;
  return { lines, readPath: stagedPath, rejects };
}

function pushReject(rejects: LineReject[], r: LineReject): void {
  if (rejects.length >= MAX_NODE_REJECTS) throw new TooManyRejects();
  rejects.push(r);
}

export class TooManyRejects extends Error {
  constructor() { super(`more than ${MAX_NODE_REJECTS} unusable lines: this does not look like a flow-log file`); }
}

/** Writes a copy that DuckDB reads line-for-line; returns the lines it replaced by empty lines, with why. */
async function sanitise(stagedPath: string, copyPath: string): Promise<LineScan> {
  const input = await fsp.open(stagedPath, 'r');
  const output = await fsp.open(copyPath, 'w');
  const rejects: LineReject[] = [];
  let lines = 0;
  let carry: Buffer = Buffer.alloc(0);
  const out: Buffer[] = [];
  let outLen = 0;
  const flush = async (): Promise<void> => { if (outLen) { await output.write(Buffer.concat(out, outLen)); out.length = 0; outLen = 0; } };
  const emit = (line: Buffer): void => {
    lines++;
    let body = line;
    if (lines === 1 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3); // UTF-8 BOM
    if (body.length && body[body.length - 1] === 13) body = body.subarray(0, body.length - 1); // CRLF
    const why = body.length === 0 ? 'empty line' : unusable(body);
    if (why) { pushReject(rejects, { line: lines, reason: why }); body = Buffer.alloc(0); }
    out.push(body, NEWLINE);
    outLen += body.length + 1;
  };
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await input.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const b = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let from = 0;
      let i: number;
      while ((i = b.indexOf(10, from)) >= 0) { emit(b.subarray(from, i)); from = i + 1; }
      carry = Buffer.from(b.subarray(from));
      if (outLen > CHUNK) await flush();
    }
    if (carry.length) emit(carry);
    await flush();
  } finally {
    await input.close();
    await output.close();
  }
  return { lines, readPath: copyPath, rejects };
}

const NEWLINE = Buffer.from('\n');

function unusable(line: Buffer): string | null {
  if (line.indexOf(0) >= 0) return 'contains NUL bytes (binary data, not a flow-log record)';
  if (line.indexOf(13) >= 0) return 'contains a carriage return inside the line';
  if (!isAscii(line)) return 'contains non-ASCII bytes (flow-log records are plain ASCII)';
  return null;
}
