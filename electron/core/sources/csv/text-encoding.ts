import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { readStagedHead } from '../../intake/stage';

/** The encodings a CSV may arrive in; names are WHATWG labels TextDecoder accepts. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Encoding decided from a byte order mark, or null when there is none. */
export function encodingFromBom(head: Buffer): CsvEncoding | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // UTF-32 LE starts FF FE 00 00; we do not read UTF-32, so it must not pass as UTF-16 LE.
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return null;
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Where a buffer can be cut so no UTF-8 sequence is split: the start of a trailing incomplete sequence,
 * or the buffer's length. Used both for a probe head (cut by PROBE_BYTES) and for streamed chunks.
 */
export function completeUtf8Length(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= 3 && back <= len; back++) {
    const b = buf[len - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

/**
 * Encoding of a sample whose bytes may stop mid-sequence (a probe head): BOM, else UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252 (a superset of Latin-1's printable range that decodes every
 * byte to a distinct character, so nothing is lost).
 */
export function sampleEncoding(head: Buffer): CsvEncoding {
  const bom = encodingFromBom(head);
  if (bom) return bom;
  return isUtf8(head.subarray(0, completeUtf8Length(head))) ? 'utf-8' : 'windows-1252';
}

/** Reads the whole file once to decide UTF-8 vs Windows-1252, so a bad byte at 3 GB still counts. */
export async function wholeFileEncoding(path: string, signal?: AbortSignal): Promise<CsvEncoding> {
  const head = await readStagedHead(path, 4);
  const bom = encodingFromBom(head);
  if (bom) return bom;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const cut = completeUtf8Length(buf);
    if (!isUtf8(buf.subarray(0, cut))) return 'windows-1252';
    carry = Buffer.from(buf.subarray(cut));
  }
  return carry.length === 0 ? 'utf-8' : 'windows-1252'; // a sequence cut off by the end of the file
}

/** A streaming decoder: strips a BOM, carries split sequences across chunks. */
export function csvDecoder(encoding: CsvEncoding): TextDecoder {
  // fatal stays off: UTF-8 was verified for the whole file first, and Windows-1252 maps every byte.
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
}
