import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvRow, jsonReplacer } from '../../../shared/csv';
import type { ResultSource } from './result-source';

const EXPORT_PAGE = 5000;

/** Writes a whole result to a file, page by page, so memory stays flat however many rows there are. */
export async function exportResult(cache: ResultSource, format: 'csv' | 'json', path: string): Promise<{ rows: number; bytes: number }> {
  await cache.ensure(Number.POSITIVE_INFINITY);
  const out = createWriteStream(path, { flags: 'wx' });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const names = cache.columns.map((c) => c.name);
  const types = cache.columns.map((c) => c.type);
  try {
    if (format === 'csv') await write(csvRow(names));
    else await write('[');
    let rows = 0;
    for (let offset = 0; offset < cache.rowCount; offset += EXPORT_PAGE) {
      for (const row of await cache.page(offset, EXPORT_PAGE)) {
        if (format === 'csv') await write(csvRow(row, types));
        else await write((rows === 0 ? '\n' : ',\n') + JSON.stringify(Object.fromEntries(names.map((n, k) => [n, row[k]])), jsonReplacer));
        rows++;
      }
    }
    if (format === 'json') await write('\n]\n');
    out.end();
    await once(out, 'finish');
    return { rows, bytes };
  } catch (e) {
    out.destroy();
    throw e;
  }
}
