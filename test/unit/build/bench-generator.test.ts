// The benchmark's CloudTrail generator: file sizes as asked, and every event accounted for.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { generateCloudTrail, type FileSizes } from '../../../bench/generate-cloudtrail';
import { parseFlags } from '../../../bench/flags';
import { Rng } from '../../../bench/rng';
import { tempDir } from '../../helpers/temp';

/** Events per file, by the file's account and region (from its S3 key). */
async function eventsPerFile(sizes: FileSizes, events: number): Promise<{ total: number; byPair: Map<string, number[]> }> {
  const dir = tempDir();
  const made = await generateCloudTrail(dir, events, new Rng(7), sizes);
  const byPair = new Map<string, number[]>();
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const n = (JSON.parse(gunzipSync(readFileSync(join(e.parentPath, e.name))).toString('utf8')) as { Records: unknown[] }).Records.length;
    const [, account, region] = /AWSLogs\/(\d+)\/CloudTrail\/([^/]+)\//.exec(join(e.parentPath, e.name))!;
    const key = `${account!}/${region!}`;
    byPair.set(key, [...(byPair.get(key) ?? []), n]);
    total += n;
  }
  assert.equal(made.records, total);
  return { total, byPair };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

test('mixed sizes put busy and quiet account/region pairs side by side; every event is written', async () => {
  const { total, byPair } = await eventsPerFile('mixed', 40_000);
  assert.equal(total, 40_000);
  assert.equal(byPair.size, 6);
  const means = [...byPair.values()].map(mean).sort((a, b) => a - b);
  assert.ok(means.at(-1)! > 100 * means[0]!, `busiest pair ${means.at(-1)} events per file, quietest ${means[0]}`);
});

test('uniform sizes, the default, hold about the same number of events in every pair', async () => {
  const { total, byPair } = await eventsPerFile('uniform', 40_000);
  assert.equal(total, 40_000);
  const means = [...byPair.values()].map(mean).sort((a, b) => a - b);
  assert.ok(means.at(-1)! < 2 * means[0]!, `pair means ${means.map(Math.round).join(', ')}`);
  assert.equal(parseFlags([]).cloudtrailSizes, 'uniform');
  assert.equal(parseFlags(['--cloudtrail-sizes', 'mixed']).cloudtrailSizes, 'mixed');
  assert.throws(() => parseFlags(['--cloudtrail-sizes', 'huge']), /--cloudtrail-sizes is one of uniform, mixed/);
});
