// Writes generated log files as gzip (level 6, like AWS's own delivery) through zlib streams. Compression
// runs on libuv's thread pool, so a few files in flight keep both cores busy while the next one is built.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Rng } from './rng';

export interface GeneratedFiles {
  files: number; records: number; rawBytes: number; gzBytes: number;
  /** The largest file, decompressed (missing in data sets made before it was recorded). */
  maxFileRawBytes?: number;
}

const IN_FLIGHT = 3;

export class GzipWriter {
  private readonly pending = new Set<Promise<void>>();
  private readonly totals: Required<GeneratedFiles> = { files: 0, records: 0, rawBytes: 0, gzBytes: 0, maxFileRawBytes: 0 };

  constructor(private readonly root: string) {}

  async write(relPath: string, content: string | Buffer, records: number): Promise<void> {
    while (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
    const path = join(this.root, relPath);
    mkdirSync(dirname(path), { recursive: true });
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const out = createWriteStream(path);
    const job = pipeline(Readable.from([data]), createGzip({ level: 6 }), out).then(() => {
      this.totals.files++;
      this.totals.records += records;
      this.totals.rawBytes += data.length;
      this.totals.maxFileRawBytes = Math.max(this.totals.maxFileRawBytes, data.length);
      this.totals.gzBytes += out.bytesWritten;
    });
    const tracked = job.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  async finish(): Promise<GeneratedFiles> {
    await Promise.all(this.pending);
    return { ...this.totals };
  }
}

/** A file size around `mean` records: the sum of two exponentials, so most files are mid-sized and a few are big. */
export function meanSized(rng: Rng, mean: number): number {
  const e = -Math.log(1 - rng.next()) - Math.log(1 - rng.next());
  return Math.max(1, Math.round((mean / 2) * e));
}

/** 2024-03-01T00:05:12Z */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** 20240301T0005Z, as in AWS log file names. */
export function compactStamp(ms: number): string {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}Z`;
}
