import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchIsDue } from '../../../electron/core/import/batch-policy';

/** Cuts a stream of file sizes into batches the way the import's batch queue does, knowing what is left exactly. */
function cut(sizes: number[], maxBytes: number, maxFiles = 1e9): number[][] {
  const batches: number[][] = [];
  let open: number[] = [];
  let left = sizes.reduce((a, b) => a + b, 0);
  for (const size of sizes) {
    open.push(size);
    left -= size;
    const bytes = open.reduce((a, b) => a + b, 0);
    if (batchIsDue(bytes, open.length, maxBytes, maxFiles, left)) { batches.push(open); open = []; }
  }
  if (open.length > 0) batches.push(open);
  return batches;
}

const total = (b: number[]): number => b.reduce((a, x) => a + x, 0);

test('an import does not end on a small batch: the rest joins the batch before it', () => {
  // 2,070 files of ~680 KB against 512 MiB batches: 800 + 785 + 485 files before; now 800 + 1,270.
  const sizes = Array.from({ length: 2070 }, () => 680_000);
  const batches = cut(sizes, 512 * 1024 * 1024);
  assert.deepEqual(batches.map((b) => b.length), [790, 1280]);
  for (const b of batches) assert.ok(total(b) >= 512 * 1024 * 1024);
});

test('every batch but a lone one is at least the limit and at most twice it and one file, whatever the sizes', () => {
  let seed = 7;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let run = 0; run < 200; run++) {
    const sizes = Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => 1 + Math.floor(rnd() * 40));
    const batches = cut(sizes, 100);
    assert.equal(batches.flat().length, sizes.length);
    if (batches.length === 1) continue;
    for (const b of batches) {
      assert.ok(total(b) >= 100, `a batch of ${total(b)} in ${JSON.stringify(batches.map(total))}`);
      assert.ok(total(b) <= 240, `a batch of ${total(b)} went past twice the limit and one file`);
    }
  }
});

test('a wrong estimate of what is left cannot hold a batch past three times its limits', () => {
  assert.equal(batchIsDue(250, 3, 100, 1000, 0), false);
  assert.equal(batchIsDue(300, 3, 100, 1000, 0), true);
  assert.equal(batchIsDue(10, 3000, 100, 1000, 0), true);
  assert.equal(batchIsDue(99, 5, 100, 1000, 500), false);
  assert.equal(batchIsDue(120, 5, 100, 1000, 99), false);
  assert.equal(batchIsDue(120, 5, 100, 1000, 100), true);
});
