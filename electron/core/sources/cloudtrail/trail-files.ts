// Helpers for the files DuckDB parses whole ({"Records":[...]} and bare arrays).
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

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
