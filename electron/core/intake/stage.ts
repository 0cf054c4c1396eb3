import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, promises as fsp, readFileSync, statSync, writeFileSync, writevSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { toStagedForm, type FormRule, type StagedForm } from './staged-form';

export const PROBE_BYTES = 64 * 1024;
const READ_CHUNK = 4 * 1024 * 1024;
const GUNZIP_CHUNK = 256 * 1024;
/** Files up to this size are read, hashed and gunzipped whole: cheaper than the stream pipeline (decision 0010). */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
/** Largest output of a whole-file gunzip, which blocks the event loop (~1.3 ms per MB); beyond it, a stream. */
const WHOLE_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface BombLimits {
  /** Largest decompressed size accepted for one file. */
  maxBytes: number;
  /** Largest expansion ratio accepted once the output passes ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_BOMB_LIMITS: BombLimits = { maxBytes: 16 * 1024 ** 3, maxRatio: 200, ratioFloorBytes: 256 * 1024 ** 2 };

export interface StagedEvidence extends StagedForm {
  sha256: string;
  size: number;
  mtime: string;
  compression: 'gzip' | 'none';
  /** The decompressed, verified content; absent when the content could not be read (see error). */
  stagedPath?: string;
  uncompressedSize: number;
  head: Buffer;
  /** Why the content is unusable (corrupt gzip, bomb, changed while read). The hash is still valid. */
  error?: string;
  /** What staging did to the content beyond gunzip (a gzip inside the gzip, UTF-16 transcoded), for the file's record. */
  notes?: string[];
}

/**
 * The head in a buffer that owns all of its memory, so a staging thread can transfer it instead of cloning
 * it. A small head may be a view of Node's shared Buffer pool, which must not be transferred (Node 20
 * clones it anyway; newer Node, as in Electron, throws a DataCloneError), so such a head is copied first.
 * Here rather than in stage-worker.ts, which lowers the priority of whatever thread loads it.
 */
export function transferableHead(head: Buffer): Buffer {
  if (head.byteOffset === 0 && head.byteLength === head.buffer.byteLength) return head;
  const own = Buffer.allocUnsafeSlow(head.length);
  head.copy(own);
  return own;
}

export interface StageOptions {
  /**
   * Staged forms the sources asked for (staged-form.ts, LogSource.staging.form). Only for files staged
   * whole: the content must be in memory to be rewritten.
   */
  forms?: readonly FormRule[];
  /** Blocking file calls, for a staging thread, which has nothing else to do meanwhile (decision 0010). */
  blockingIo?: boolean;
  /**
   * A tmpfs folder (memory-staging.ts) for copies staged whole, under the same file name as stagedPath. A copy
   * that cannot be written there (full) goes to stagedPath, as do streamed (big) files. StagedEvidence.stagedPath
   * says where it went.
   */
  memoryDir?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * What reading one evidence file gave, before the check that it did not change meanwhile. No sha256 when a
 * stream stopped early (corrupt gzip, bomb): the file is hashed again, whole.
 */
interface Read { sha256?: string; gzip: boolean; outBytes: number; head: Buffer; error?: string; form?: StagedForm; path?: string; notes?: string[] }

/**
 * Reads an evidence file exactly once, read-only: hashes every byte, gunzips (verifying each member's
 * CRC and length, which DuckDB's own reader does not), and writes the verified content to stagedPath.
 * The importers read only the staged copy, so the bytes imported are the bytes hashed.
 */
export async function stageEvidence(path: string, stagedPath: string, limits: BombLimits = DEFAULT_BOMB_LIMITS, signal?: AbortSignal, opts: StageOptions = {}): Promise<StagedEvidence> {
  const blocking = opts.blockingIo === true;
  const before = blocking ? statSync(path) : await fsp.stat(path);
  let read: Read | null = null;
  try {
    if (before.size <= WHOLE_FILE_BYTES) {
      // Blocking, the file is read to its end: a file that grew meanwhile fails the size check below.
      const bytes = blocking ? readEvidenceSync(path) : await readEvidence(path, before.size);
      read = await stageWhole(bytes, stagedPath, limits, signal, opts);
    }
    read ??= await stageStreamed(path, before.size, stagedPath, limits, signal);
  } catch (e) {
    if (signal?.aborted) await Promise.all([stagedPath, memoryCopyPath(stagedPath, opts)].map((p) => p && fsp.rm(p, { force: true })));
    throw e;
  }
  const writtenTo = read.path ?? stagedPath;
  const sha256 = read.sha256 ?? await hashFile(path);
  let error = read.error;
  const after = blocking ? statSync(path) : await fsp.stat(path);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    error = 'the file changed while it was being read; copy the evidence again and re-add it';
  }
  // A copy nobody will read (the result carries no stagedPath) is not left in the staging folder.
  if (error) await fsp.rm(writtenTo, { force: true });
  return {
    sha256, size: before.size, mtime: before.mtime.toISOString(), compression: read.gzip ? 'gzip' : 'none',
    stagedPath: error ? undefined : writtenTo, uncompressedSize: read.outBytes, head: read.head, error,
    ...(read.form && !error ? read.form : {}),
    ...(read.notes?.length ? { notes: read.notes } : {}),
  };
}

/**
 * One output chunk for the whole content when the gzip trailer's ISIZE (the last member's size mod 2^32) says
 * how big it is: zlib otherwise fills 16 KiB chunks and Node concatenates them, a second copy. ISIZE is only a
 * hint: a file that lies about it just takes more chunks, and maxOutputLength still caps the output.
 */
function outputChunkFor(gz: Buffer, cap: number): number {
  const isize = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return Math.max(16 * 1024, Math.min(isize + 1, cap + 1));
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * A small file in one piece (its bytes already read): hash, gunzip and write, each a single call. Returns null
 * when the content inflates beyond what is worth holding in memory at once; the caller then streams the file.
 * Below ratioFloorBytes (and maxBytes) no bomb verdict is possible, so the output cap stays under them.
 */
async function stageWhole(bytes: Buffer, stagedPath: string, limits: BombLimits, signal: AbortSignal | undefined, opts: StageOptions): Promise<Read | null> {
  signal?.throwIfAborted();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const gzip = isGzip(bytes);
  let content = bytes;
  if (gzip) {
    try {
      const cap = Math.min(WHOLE_OUTPUT_BYTES, limits.maxBytes, limits.ratioFloorBytes);
      content = gunzipSync(bytes, { maxOutputLength: cap, chunkSize: outputChunkFor(bytes, cap) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
      return { sha256, gzip, outBytes: 0, head: Buffer.alloc(0), error: describeGzipError(e) };
    }
  }
  const notes: string[] = [];
  if (gzip && isGzip(content)) {
    // A .gz holding another .gz (an export gzipped twice): the inner layer is decompressed too, within the same caps.
    try {
      const cap = Math.min(WHOLE_OUTPUT_BYTES, limits.maxBytes, limits.ratioFloorBytes);
      content = gunzipSync(content, { maxOutputLength: cap, chunkSize: outputChunkFor(content, cap) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
      return { sha256, gzip, outBytes: 0, head: Buffer.alloc(0), error: `gzip inside gzip: the inner layer is unreadable (${describeGzipError(e)})` };
    }
    if (isGzip(content)) return { sha256, gzip, outBytes: 0, head: Buffer.alloc(0), error: 'gzip inside gzip inside gzip: not read (at most two gzip layers are decompressed)' };
    notes.push('gzip inside gzip: both layers decompressed');
  }
  const utf16 = jsonUtf16(content);
  if (utf16) {
    const text = utf16 === 'utf-16be' ? Buffer.from(content).swap16().toString('utf16le') : content.toString('utf16le');
    content = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
    notes.push(`transcoded from ${utf16.toUpperCase()} to UTF-8 for import (the evidence is unchanged; byte offsets are in the UTF-8 text)` +
      (LONE_SURROGATE.test(text) ? '; invalid UTF-16 sequences became U+FFFD' : ''));
  }
  const formed = opts.forms?.length ? toStagedForm(content, opts.forms) : null;
  const path = await writeStaged(formed?.data ?? content, stagedPath, signal, opts);
  // A copy, so the head does not keep the whole content alive. Detection sees the content as it was.
  return {
    sha256, gzip, outBytes: content.length, head: Buffer.from(content.subarray(0, PROBE_BYTES)), path,
    ...(formed ? { form: formed.form } : {}), ...(notes.length ? { notes } : {}),
  };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * UTF-16 JSON (CloudTrail saved by a Windows tool): a BOM, or JSON's first characters as ASCII code units
 * (`{"` or `[{`, whitespace allowed), in either byte order. Only JSON: CSV reads UTF-16 itself (sources/csv).
 */
export function jsonUtf16(content: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (content.length < 4 || content.length % 2 !== 0) return null;
  let order: 'utf-16le' | 'utf-16be' | null = null;
  let at = 0;
  if (content[0] === 0xff && content[1] === 0xfe && !(content[2] === 0 && content[3] === 0)) { order = 'utf-16le'; at = 2; }
  else if (content[0] === 0xfe && content[1] === 0xff) { order = 'utf-16be'; at = 2; }
  else if (content[0] !== 0 && content[1] === 0) order = 'utf-16le';
  else if (content[0] === 0 && content[1] !== 0) order = 'utf-16be';
  if (!order) return null;
  const unit = (i: number): number => order === 'utf-16le' ? content[i]! | (content[i + 1]! << 8) : (content[i]! << 8) | content[i + 1]!;
  while (at + 1 < content.length && [0x20, 0x09, 0x0a, 0x0d].includes(unit(at))) at += 2;
  const first = unit(at);
  if (first !== 0x7b && first !== 0x5b) return null;
  for (at += 2; at + 1 < content.length && [0x20, 0x09, 0x0a, 0x0d].includes(unit(at)); at += 2);
  const second = at + 1 < content.length ? unit(at) : -1;
  return second === 0x22 || second === 0x7b || second === 0x5d || second === 0x7d ? order : null;
}

/** Where a copy staged whole goes first, when there is a memory folder. */
function memoryCopyPath(stagedPath: string, opts: StageOptions): string | undefined {
  return opts.memoryDir ? join(opts.memoryDir, basename(stagedPath)) : undefined;
}

/** Writes a copy staged whole, in the memory folder if it fits there; returns where it went. */
async function writeStaged(data: Buffer | Pieces, stagedPath: string, signal: AbortSignal | undefined, opts: StageOptions): Promise<string> {
  const write = async (path: string): Promise<void> => {
    signal?.throwIfAborted();
    if (Buffer.isBuffer(data)) {
      if (opts.blockingIo) writeFileSync(path, data); else await fsp.writeFile(path, data, { signal });
    } else await writePieces(path, data, opts.blockingIo === true);
  };
  const inMemory = memoryCopyPath(stagedPath, opts);
  if (inMemory) {
    try {
      await write(inMemory);
      return inMemory;
    } catch (e) {
      if (signal?.aborted) throw e;
      await fsp.rm(inMemory, { force: true }); // a partial copy in a full tmpfs
    }
  }
  await write(stagedPath);
  return stagedPath;
}

/** Buffers written one after the other into one file (record-lines.ts). */
interface Pieces { pieces: Buffer[]; bytes: number }

/**
 * Writes the pieces with writev. libuv writes all of them or stops at an error; a short count means the
 * error came after some bytes went out, so the rest is written again to surface it (a full tmpfs: ENOSPC).
 */
async function writePieces(path: string, data: Pieces, blocking: boolean): Promise<void> {
  const fh = blocking ? null : await fsp.open(path, 'w');
  const fd = fh ? -1 : openSync(path, 'w');
  try {
    let rest = data.pieces;
    for (let written = 0; written < data.bytes;) {
      const n = fh ? (await fh.writev(rest)).bytesWritten : writevSync(fd, rest);
      if (n <= 0) throw new Error(`writing ${path}: no bytes written`);
      written += n;
      rest = skipBytes(rest, n);
    }
  } finally {
    if (fh) await fh.close(); else closeSync(fd);
  }
}

/** The pieces after their first n bytes (exported for its test). */
export function skipBytes(pieces: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < pieces.length && n >= pieces[i]!.length) n -= pieces[i++]!.length;
  const rest = pieces.slice(i);
  if (n > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(n);
  return rest;
}

/** Any file, in chunks: the hash, gunzip and the staged write run as one pipeline. */
async function stageStreamed(path: string, size: number, stagedPath: string, limits: BombLimits, signal?: AbortSignal): Promise<Read> {
  const fd = await openReadOnly(path);
  try {
    return await stageStreamedFrom(fd, size, stagedPath, limits, signal);
  } finally {
    await fd.close().catch(() => undefined);
  }
}

async function stageStreamedFrom(fd: fsp.FileHandle, size: number, stagedPath: string, limits: BombLimits, signal?: AbortSignal): Promise<Read> {
  const magic = Buffer.alloc(2);
  const { bytesRead } = await fd.read(magic, 0, 2, 0);
  const gzip = isGzip(magic.subarray(0, bytesRead));
  const hash = createHash('sha256');
  let inBytes = 0;
  let outBytes = 0;
  const headChunks: Buffer[] = [];
  let headLen = 0;
  let bombReason: string | undefined;

  // Big chunks and no Transform streams (decision 0010); a small file gets a small read chunk.
  const readChunk = Math.min(READ_CHUNK, Math.max(size, 64 * 1024));
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of fd.createReadStream({ start: 0, highWaterMark: readChunk, autoClose: false })) {
      hash.update(chunk as Buffer);
      inBytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const writeStaged = async (content: AsyncIterable<Buffer>): Promise<void> => {
    const out = await fsp.open(stagedPath, 'w');
    try {
      for await (const chunk of content) {
        outBytes += chunk.length;
        if (headLen < PROBE_BYTES) { const part = chunk.subarray(0, PROBE_BYTES - headLen); headChunks.push(part); headLen += part.length; }
        if (gzip) {
          if (outBytes > limits.maxBytes) bombReason = `decompressed size exceeds the ${limits.maxBytes}-byte cap (possible decompression bomb)`;
          else if (outBytes > limits.ratioFloorBytes && outBytes / Math.max(inBytes, 1) > limits.maxRatio) bombReason = `expands more than ${limits.maxRatio}:1 (possible decompression bomb)`;
          if (bombReason) throw new Error(bombReason);
        }
        await out.write(chunk);
      }
    } finally {
      await out.close();
    }
  };

  try {
    if (gzip) await pipeline(hashed, createGunzip({ chunkSize: GUNZIP_CHUNK }), writeStaged, { signal });
    else await pipeline(hashed, writeStaged, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { gzip, outBytes, head: Buffer.concat(headChunks), error: bombReason ?? describeGzipError(e) };
  }
  return { sha256: hash.digest('hex'), gzip, outBytes, head: Buffer.concat(headChunks) };
}

function describeGzipError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const msg = err?.message ?? String(e);
  if (err?.code === 'Z_BUF_ERROR' || /unexpected end/i.test(msg)) return 'corrupt gzip: the stream is truncated (unexpected end of file)';
  if (err?.code === 'Z_DATA_ERROR') return `corrupt gzip: ${msg}`;
  return `could not read the file: ${msg}`;
}

/** Read-only, without updating the access time where the OS allows (O_NOATIME needs ownership or root). */
const READ_ONLY_NOATIME = constants.O_RDONLY | ((constants as Record<string, number>).O_NOATIME ?? 0);

async function openReadOnly(path: string): Promise<fsp.FileHandle> {
  try { return await fsp.open(path, READ_ONLY_NOATIME); } catch { return fsp.open(path, constants.O_RDONLY); }
}

/** A whole small evidence file, read-only; for a staging thread (StageOptions.blockingIo). */
function readEvidenceSync(path: string): Buffer {
  let fd: number;
  try { fd = openSync(path, READ_ONLY_NOATIME); } catch { fd = openSync(path, constants.O_RDONLY); }
  try { return readFileSync(fd); } finally { closeSync(fd); }
}

/** The first `size` bytes of an evidence file, read-only. */
async function readEvidence(path: string, size: number): Promise<Buffer> {
  const fd = await openReadOnly(path);
  try { return await readHead(fd, size); } finally { await fd.close().catch(() => undefined); }
}

/** Up to `bytes` bytes from the start of an open file (fewer only when the file is shorter). */
async function readHead(fh: fsp.FileHandle, bytes: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(bytes);
  let got = 0;
  while (got < bytes) {
    const { bytesRead } = await fh.read(buf, got, bytes - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Up to `bytes` bytes from the start of a staged copy (for detection and layout sniffing). */
export async function readStagedHead(path: string, bytes: number = PROBE_BYTES): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    return await readHead(fh, bytes);
  } finally {
    await fh.close();
  }
}

export async function hashFile(path: string): Promise<string> {
  const fd = await openReadOnly(path);
  const hash = createHash('sha256');
  try {
    for await (const chunk of fd.createReadStream({ highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  } finally {
    await fd.close().catch(() => undefined);
  }
  return hash.digest('hex');
}

