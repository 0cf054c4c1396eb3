// Helpers for the files DuckDB parses whole ({"Records":[...]} and bare arrays).
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { CloudTrailShape } from './detect';
import { jsonErrorAt, MAX_WHOLE_FILE_BYTES } from './node-normalise';

/**
 * A bare JSON array becomes {"Records": <the array, byte for byte>} so DuckDB reads it like a trail
 * file and the array position is the record's ordinal.
 */
export async function wrapArrayAsRecords(path: string, outPath: string): Promise<string> {
  async function* wrapped(): AsyncGenerator<Buffer> {
    yield Buffer.from('{"Records":');
    let first = true;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      let c = chunk as Buffer;
      if (first && c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) c = c.subarray(3); // UTF-8 BOM
      first = false;
      yield c;
    }
    yield Buffer.from('\n}');
  }
  await pipeline(wrapped, createWriteStream(outPath, { highWaterMark: 1024 * 1024 }));
  return outPath;
}

/** Why DuckDB could not read a trail file: the JSON error and its byte offset when Node finds one. */
export async function diagnoseTrailFile(path: string, shape: CloudTrailShape, duckMessage: string): Promise<string> {
  const firstLine = duckMessage.split('\n', 1)[0] ?? duckMessage;
  const size = (await fsp.stat(path)).size;
  if (size > MAX_WHOLE_FILE_BYTES) return `could not read the file as CloudTrail JSON: ${firstLine}`;
  let text = await fsp.readFile(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const err = jsonErrorAt(text);
  // Offsets in a wrapped bare array are shifted by the 11-byte {"Records": prefix.
  if (err) return shape === 'array' ? shiftOffset(err, -11) : err;
  const doc = JSON.parse(text) as Record<string, unknown>;
  const records = doc?.Records;
  if (!Array.isArray(records)) return `the Records value is ${records === null ? 'null' : typeof records}, not an array of events`;
  return `could not read the file as CloudTrail JSON: ${firstLine}`;
}

function shiftOffset(msg: string, by: number): string {
  return msg.replace(/at byte (\d+)/, (_m, n: string) => `at byte ${Math.max(0, Number(n) + by)}`);
}
