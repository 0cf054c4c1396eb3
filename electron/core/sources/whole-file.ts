// A staged file read whole, and a copy written whole: one blocking call each for a small file, whose thread-pool
// round trips cost more than the bytes they move when a batch holds thousands of them (decision 0026).
import { promises as fsp, readFileSync, writeFileSync } from 'node:fs';
import { SMALL_FILE } from './line-format/numbered-text';

/** The file as UTF-8 text; `size` its size in bytes. */
export async function readWholeText(path: string, size: number): Promise<string> {
  return size <= SMALL_FILE ? readFileSync(path, 'utf8') : fsp.readFile(path, 'utf8');
}

/** The file's bytes; `size` its size. */
export async function readWhole(path: string, size: number): Promise<Buffer> {
  return size <= SMALL_FILE ? readFileSync(path) : fsp.readFile(path);
}

/** Writes the text or bytes as the file's whole content. */
export async function writeWhole(path: string, data: string | Buffer): Promise<void> {
  if (data.length <= SMALL_FILE) writeFileSync(path, data);
  else await fsp.writeFile(path, data);
}
