// Uncompressed content of an input. CloudTrail hashes what is inside the .gz, so every hash here is over the
// inflated bytes; gzip is recognised by its magic bytes, not the name, because collectors often unpack files.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { IntegrityInput } from './types';

/** Digests, key lists and metadata are small; anything bigger than this is not one of them. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

async function rawHead(input: IntegrityInput, n: number): Promise<Buffer> {
  if (input.bytes) return Buffer.from(input.bytes.subarray(0, n));
  const fh = await fsp.open(requirePath(input), 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally { await fh.close(); }
}

function requirePath(input: IntegrityInput): string {
  if (!input.path) throw new Error(`${input.relPath}: neither bytes nor a path were given`);
  return input.path;
}

function rawStream(input: IntegrityInput): Readable {
  return input.bytes ? Readable.from([Buffer.from(input.bytes)]) : createReadStream(requirePath(input), { highWaterMark: 1024 * 1024 });
}

/** The first bytes of the uncompressed content (fewer when the file is shorter), for sniffing. */
export async function uncompressedHead(input: IntegrityInput, n = 4096): Promise<Buffer> {
  const head = await rawHead(input, Math.max(n, 2));
  if (!isGzip(head)) return head.subarray(0, n);
  const chunks: Buffer[] = [];
  let got = 0;
  const gunzip = createGunzip();
  const source = rawStream(input);
  try {
    for await (const chunk of source.pipe(gunzip)) {
      chunks.push(chunk as Buffer);
      got += (chunk as Buffer).length;
      if (got >= n) break;
    }
  } catch { /* a damaged gzip shows up when the whole file is read */ } finally { source.destroy(); gunzip.destroy(); }
  return Buffer.concat(chunks).subarray(0, n);
}

/** The whole uncompressed content of a small document; throws on damaged gzip or an oversized file. */
export async function readDocument(input: IntegrityInput): Promise<Buffer> {
  if (!input.bytes) {
    const size = (await fsp.stat(requirePath(input))).size;
    if (size > MAX_DOCUMENT_BYTES) throw new Error(`${size} bytes, too large for a digest, key list or metadata file`);
  }
  const raw = input.bytes ? Buffer.from(input.bytes) : await fsp.readFile(requirePath(input));
  return isGzip(raw) ? gunzipSync(raw, { maxOutputLength: MAX_DOCUMENT_BYTES }) : raw;
}

/** Streamed SHA-256 (hex) of the uncompressed content; rejects when the gzip stream is damaged. */
export async function uncompressedSha256(input: IntegrityInput): Promise<string> {
  const hash = createHash('sha256');
  const head = await rawHead(input, 2);
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => { for await (const chunk of source) hash.update(chunk); };
  if (isGzip(head)) await pipeline(rawStream(input), createGunzip(), sink);
  else await pipeline(rawStream(input), sink);
  return hash.digest('hex');
}

export const sha256Hex = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** Parses JSON after a UTF-8 BOM; undefined when the text is not JSON. */
export function parseJson(buf: Buffer): unknown {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try { return JSON.parse(text) as unknown; } catch { return undefined; }
}
