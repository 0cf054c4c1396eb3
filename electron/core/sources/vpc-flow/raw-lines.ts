// Fetches the exact text and byte offset of given lines of a file, for reject records.
// One streaming pass; only run when a file has rejects.
import { promises as fsp } from 'node:fs';

/** Bytes of one line kept for a reject (cairn_rejects keeps 64 KiB of it anyway). */
const MAX_RAW_BYTES = 1 << 20;
const CHUNK = 8 << 20;

export interface RawLine { offset: number; raw: string }

export async function readRawLines(path: string, wanted: number[]): Promise<Map<number, RawLine>> {
  const want = [...new Set(wanted)].sort((a, b) => a - b);
  const found = new Map<number, RawLine>();
  if (want.length === 0) return found;
  const fd = await fsp.open(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let next = 0;            // index into want
  let line = 1;            // line number at the current position
  let lineStart = 0;       // file offset where `line` starts
  let pos = 0;             // file offset of buf[0]
  let parts: Buffer[] = [];
  let partsLen = 0;
  const take = (b: Buffer): void => {
    if (partsLen >= MAX_RAW_BYTES) return;
    const piece = b.subarray(0, MAX_RAW_BYTES - partsLen);
    parts.push(Buffer.from(piece));
    partsLen += piece.length;
  };
  const finish = (): void => {
    const bytes = Buffer.concat(parts, partsLen);
    const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    found.set(line, { offset: lineStart, raw: bytes.subarray(0, end).toString('utf8') });
    parts = []; partsLen = 0; next++;
  };
  try {
    while (next < want.length) {
      const { bytesRead } = await fd.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const b = buf.subarray(0, bytesRead);
      let from = 0;
      while (next < want.length) {
        const nl = b.indexOf(10, from);
        const isWanted = line === want[next];
        if (nl < 0) { if (isWanted) take(b.subarray(from)); break; }
        if (isWanted) { take(b.subarray(from, nl)); finish(); }
        line++;
        lineStart = pos + nl + 1;
        from = nl + 1;
      }
      pos += bytesRead;
    }
    if (next < want.length && line === want[next] && partsLen > 0) finish(); // last line, no newline
  } finally {
    await fd.close();
  }
  return found;
}
