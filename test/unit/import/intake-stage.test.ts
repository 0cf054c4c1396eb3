import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fromRecordLines, RECORD_LINE_MARK } from '../../../electron/core/intake/record-lines';
import { skipBytes, stageEvidence } from '../../../electron/core/intake/stage';
import { tempDir } from '../../helpers/temp';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const dir = tempDir();
const payload = Buffer.from('{"Records":[{"eventName":"ListBuckets"}]}\n'.repeat(1000));
// Small files are staged whole and big ones streamed (stage.ts); random bytes keep this one's gzip over
// the 8 MiB whole-file limit, so the verification tests below run both ways.
const big = randomBytes(9 * 1024 * 1024);
// A staging thread reads and writes small files with blocking calls (StageOptions.blockingIo): a third way.
const ways = [
  { way: 'whole', content: payload, gz: gzipSync(payload), opts: {} },
  { way: 'whole, blocking reads and writes', content: payload, gz: gzipSync(payload), opts: { blockingIo: true } },
  { way: 'streamed', content: big, gz: gzipSync(big, { level: 1 }), opts: {} },
] as const;

for (const { way, content, opts } of ways) {
  test(`a plain file is hashed and staged byte for byte (${way})`, async () => {
    const src = join(dir, `plain-${way}.json`);
    writeFileSync(src, content);
    const s = await stageEvidence(src, join(dir, `plain-${way}.staged`), undefined, undefined, opts);
    assert.equal(s.error, undefined);
    assert.equal(s.sha256, sha(content));
    assert.equal(s.compression, 'none');
    assert.deepEqual(readFileSync(s.stagedPath!), content);
    assert.equal(s.uncompressedSize, content.length);
    assert.deepEqual(s.head, content.subarray(0, 64 * 1024));
  });
}

for (const { way, content, gz, opts } of ways) {
  test(`gzip is detected by content, not name, and verified; the hash covers the compressed bytes (${way})`, async () => {
    const src = join(dir, `no-extension-${way}`);
    writeFileSync(src, gz);
    const s = await stageEvidence(src, join(dir, `gz-${way}.staged`), undefined, undefined, opts);
    assert.equal(s.error, undefined);
    assert.equal(s.compression, 'gzip');
    assert.equal(s.sha256, sha(gz));
    assert.equal(s.uncompressedSize, content.length);
    assert.deepEqual(readFileSync(s.stagedPath!), content);
    assert.deepEqual(s.head, content.subarray(0, s.head.length));
    assert.ok(s.head.length > 0);
  });

  test(`multi-member gzip yields every member (${way})`, async () => {
    const a = Buffer.from('first member\n');
    const src = join(dir, `multi-${way}.gz`);
    writeFileSync(src, Buffer.concat([gzipSync(a), gz]));
    const s = await stageEvidence(src, join(dir, `multi-${way}.staged`), undefined, undefined, opts);
    assert.equal(s.error, undefined);
    assert.deepEqual(readFileSync(s.stagedPath!), Buffer.concat([a, content]));
  });

  for (const [name, mutate, expected] of [
    ['truncated stream', (g: Buffer) => g.subarray(0, g.length - Math.min(64 * 1024, Math.floor(g.length / 2))), /truncated|unexpected end/],
    ['missing footer', (g: Buffer) => g.subarray(0, g.length - 8), /truncated|unexpected end/],
    ['wrong CRC', (g: Buffer) => { const c = Buffer.from(g); c[c.length - 6] = c[c.length - 6]! ^ 0xff; return c; }, /corrupt gzip/],
    ['wrong length', (g: Buffer) => { const c = Buffer.from(g); c[c.length - 2] = c[c.length - 2]! ^ 0x01; return c; }, /corrupt gzip/],
  ] as const) {
    test(`corrupt gzip (${name}) is refused with a reason, and the file is still hashed (${way})`, async () => {
      const bad = mutate(gz);
      const tag = `${name.replace(/\W/g, '')}-${way}`;
      const src = join(dir, `bad-${tag}.gz`);
      writeFileSync(src, bad);
      const staged = join(dir, `bad-${tag}.staged`);
      const s = await stageEvidence(src, staged, undefined, undefined, opts);
      assert.match(s.error ?? '', expected);
      assert.equal(s.stagedPath, undefined);
      assert.equal(s.sha256, sha(bad));
      assert.throws(() => statSync(staged), /ENOENT/);
    });
  }
}

test('a small file that inflates past the whole-file output limit is streamed, not refused', async () => {
  const zeros = Buffer.alloc(80 * 1024 * 1024);
  const src = join(dir, 'zeros.gz');
  writeFileSync(src, gzipSync(zeros, { level: 1 }));
  const s = await stageEvidence(src, join(dir, 'zeros.staged'));
  assert.equal(s.error, undefined);
  assert.equal(s.uncompressedSize, zeros.length);
  assert.equal(statSync(s.stagedPath!).size, zeros.length);
});

test('a decompression bomb is stopped by the ratio cap', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  const src = join(dir, 'bomb.gz');
  writeFileSync(src, bomb);
  const s = await stageEvidence(src, join(dir, 'bomb.staged'), { maxBytes: 1024 ** 3, maxRatio: 100, ratioFloorBytes: 1024 * 1024 });
  assert.match(s.error ?? '', /decompression bomb/);
  assert.equal(s.sha256, sha(bomb));
});

test('a decompression bomb is stopped by the size cap', async () => {
  const src = join(dir, 'big.gz');
  writeFileSync(src, gzipSync(Buffer.alloc(8 * 1024 * 1024, 'x')));
  const s = await stageEvidence(src, join(dir, 'big.staged'), { maxBytes: 1024 * 1024, maxRatio: 1e9, ratioFloorBytes: 1e12 });
  assert.match(s.error ?? '', /exceeds the 1048576-byte cap/);
});

test('the evidence file is never modified by staging', async () => {
  const src = join(dir, 'evidence.gz');
  writeFileSync(src, gzipSync(payload));
  const before = statSync(src);
  const bytes = readFileSync(src);
  await stageEvidence(src, join(dir, 'evidence.staged'));
  const after = statSync(src);
  assert.equal(after.mtimeMs, before.mtimeMs);
  assert.equal(after.size, before.size);
  assert.deepEqual(readFileSync(src), bytes);
});

test('with a memory folder, a file staged whole goes there; one that cannot be written there, and a streamed one, go to stagedPath', async () => {
  const memoryDir = join(dir, 'memory');
  mkdirSync(memoryDir);
  for (const { way, content, gz, opts } of ways) {
    const src = join(dir, `mem-${way}.gz`);
    writeFileSync(src, gz);
    const stagedPath = join(dir, `mem-${way}.staged`);
    const s = await stageEvidence(src, stagedPath, undefined, undefined, { ...opts, memoryDir });
    assert.equal(s.error, undefined);
    assert.equal(s.stagedPath, way === 'streamed' ? stagedPath : join(memoryDir, `mem-${way}.staged`), way);
    assert.deepEqual(readFileSync(s.stagedPath!), content);
    if (way !== 'streamed') assert.throws(() => statSync(stagedPath), /ENOENT/, 'no second copy');
  }
  // A memory folder that refuses the write (here: gone) leaves the copy on disk, not the file failed.
  const src = join(dir, 'mem-fallback.gz');
  writeFileSync(src, gzipSync(payload));
  for (const blockingIo of [false, true]) {
    const stagedPath = join(dir, `mem-fallback-${blockingIo}.staged`);
    const s = await stageEvidence(src, stagedPath, undefined, undefined, { memoryDir: join(dir, 'no-such-folder'), blockingIo });
    assert.equal(s.error, undefined);
    assert.equal(s.stagedPath, stagedPath);
    assert.deepEqual(readFileSync(stagedPath), payload);
  }
});

test('a record array is staged as record lines, written in pieces: more than one writev call takes (IOV_MAX 1024)', async () => {
  const records = Array.from({ length: 1500 }, (_v, i) => `{"eventVersion":"1.08","n":${i},"s":"${'x'.repeat(i % 7)}"}`);
  const doc = Buffer.from(`{"Records":[${records.join(',')}]}\n`);
  const expected = Buffer.from(records.map((r, i) => `${i + 1}${String.fromCharCode(RECORD_LINE_MARK)}${r}\n`).join(''));
  const memoryDir = join(dir, 'memory-pieces');
  mkdirSync(memoryDir);
  for (const blockingIo of [false, true]) {
    for (const [i, memory] of [undefined, memoryDir, join(dir, 'no-such-folder')].entries()) {
      const src = join(dir, `pieces-${blockingIo}-${i}.gz`);
      writeFileSync(src, gzipSync(doc));
      const s = await stageEvidence(src, `${src}.staged`, undefined, undefined, {
        blockingIo, forms: [{ recordLines: { prefix: '{"Records":[', recordStart: '{"eventVersion":' } }], ...(memory ? { memoryDir: memory } : {}),
      });
      assert.equal(s.error, undefined);
      assert.equal(s.recordLines?.records, records.length);
      const staged = readFileSync(s.stagedPath!);
      assert.deepEqual(staged, expected, `${blockingIo} ${memory}`);
      assert.deepEqual(fromRecordLines(staged, s.recordLines!), doc);
      assert.deepEqual(s.head, doc.subarray(0, s.head.length), 'detection sees the document as it was');
    }
  }
});

test('after a short write, the rest of the pieces starts at the first byte not written', () => {
  const pieces = ['ab', 'cde', '', 'f'].map((t) => Buffer.from(t));
  for (let n = 0; n <= 6; n++) assert.equal(Buffer.concat(skipBytes(pieces, n)).toString(), 'abcdef'.slice(n), String(n));
  assert.deepEqual(pieces.map(String), ['ab', 'cde', '', 'f'], 'the caller\'s pieces are left as they were');
});

test('a file that grows while it is being read is refused with a reason, its copy not kept', async () => {
  // Over the whole-file limit, so it is streamed: the event loop turns between chunks, and a timer appends.
  const src = join(dir, 'growing.log');
  writeFileSync(src, big);
  const staged = join(dir, 'growing.staged');
  const staging = stageEvidence(src, staged);
  let appends = 0;
  const grow = setInterval(() => { appendFileSync(src, 'x'); appends++; }, 1);
  try {
    const s = await staging;
    assert.ok(appends > 0);
    assert.match(s.error ?? '', /changed while it was being read/);
    assert.equal(s.stagedPath, undefined);
    assert.throws(() => statSync(staged), /ENOENT/, 'no copy left behind');
  } finally { clearInterval(grow); }
});
