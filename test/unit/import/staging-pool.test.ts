import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { DEFAULT_BOMB_LIMITS, stageEvidence, transferableHead } from '../../../electron/core/intake/stage';
import { StagingPool } from '../../../electron/core/intake/staging-pool';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
const signal = new AbortController().signal;

test('a staging thread gives what staging on this thread gives: hash, sizes, head, content, errors', async () => {
  const content = Buffer.from('{"Records":[{"eventName":"GetObject"}]}\n'.repeat(3000));
  const good = join(dir, 'good.json.gz');
  writeFileSync(good, gzipSync(content));
  const bad = join(dir, 'bad.json.gz');
  writeFileSync(bad, gzipSync(content).subarray(0, 300));
  const pool = new StagingPool(2);
  try {
    for (const src of [good, bad]) {
      const here = await stageEvidence(src, `${src}.here`);
      const there = await pool.stage(src, `${src}.there`, DEFAULT_BOMB_LIMITS, signal);
      assert.ok(Buffer.isBuffer(there.head));
      assert.deepEqual({ ...there, stagedPath: null }, { ...here, stagedPath: null });
      if (here.stagedPath) assert.deepEqual(readFileSync(there.stagedPath!), readFileSync(here.stagedPath));
    }
    assert.match((await pool.stage(bad, `${bad}.again`, DEFAULT_BOMB_LIMITS, signal)).error ?? '', /corrupt gzip/);
  } finally {
    await pool.close();
  }
});

test('many files at once come back each to its own caller', async () => {
  const pool = new StagingPool(2);
  try {
    const files = Array.from({ length: 40 }, (_, i) => {
      const p = join(dir, `many-${i}.log`);
      writeFileSync(p, `file ${i}\n`);
      return p;
    });
    const staged = await Promise.all(files.map((p) => pool.stage(p, `${p}.staged`, DEFAULT_BOMB_LIMITS, signal)));
    staged.forEach((s, i) => assert.equal(s.head.toString(), `file ${i}\n`));
    assert.equal(pool.threadsStarted, 2);
  } finally {
    await pool.close();
  }
});

test('threads start as files need them: files one after another share one thread', async () => {
  const pool = new StagingPool(2);
  try {
    assert.equal(pool.threadsStarted, 0);
    for (let i = 0; i < 3; i++) {
      const p = join(dir, `one-by-one-${i}.log`);
      writeFileSync(p, `file ${i}\n`);
      assert.equal((await pool.stage(p, `${p}.staged`, DEFAULT_BOMB_LIMITS, signal)).head.toString(), `file ${i}\n`);
    }
    assert.equal(pool.threadsStarted, 1);
  } finally {
    await pool.close();
  }
});

test('a file that cannot be read is an error for its caller, and the thread stays usable', async () => {
  const pool = new StagingPool(1);
  try {
    await assert.rejects(pool.stage(join(dir, 'no-such-file'), join(dir, 'x.staged'), DEFAULT_BOMB_LIMITS, signal), /ENOENT/);
    const ok = join(dir, 'after.log');
    writeFileSync(ok, 'still here\n');
    assert.equal((await pool.stage(ok, `${ok}.staged`, DEFAULT_BOMB_LIMITS, signal)).head.toString(), 'still here\n');
  } finally {
    await pool.close();
  }
});

test('closing the pool fails the files still being staged instead of waiting for them', async () => {
  const big = join(dir, 'big.gz');
  writeFileSync(big, gzipSync(randomBytes(48 * 1024 * 1024), { level: 1 }));
  const pool = new StagingPool(1);
  const staging = pool.stage(big, `${big}.staged`, DEFAULT_BOMB_LIMITS, signal);
  await pool.close();
  await assert.rejects(staging, /staging thread stopped/);
});

test('a thread whose script cannot load leaves its files to the calling thread, not failed', async () => {
  const pool = new StagingPool(1, join(dir, 'no-such-worker.js'));
  try {
    const p = join(dir, 'fallback.log');
    writeFileSync(p, 'fallback\n');
    const s = await pool.stage(p, `${p}.staged`, DEFAULT_BOMB_LIMITS, signal);
    assert.equal(s.error, undefined);
    assert.equal(readFileSync(s.stagedPath!, 'utf8'), 'fallback\n');
  } finally {
    await pool.close();
  }
});

test('without threads, files are staged on the calling thread', async () => {
  const pool = new StagingPool(0);
  const p = join(dir, 'inline.log');
  writeFileSync(p, 'inline\n');
  assert.equal((await pool.stage(p, `${p}.staged`, DEFAULT_BOMB_LIMITS, signal)).head.toString(), 'inline\n');
  await pool.close();
});

test('without threads, a few files at a time are staged on the calling thread, and every caller gets its own', async () => {
  const pool = new StagingPool(0);
  try {
    const files = Array.from({ length: 3 * StagingPool.CALLING_THREAD_AT_ONCE }, (_, i) => {
      const p = join(dir, `here-${i}.log.gz`);
      writeFileSync(p, gzipSync(`here ${i}\n`.repeat(20_000)));
      return p;
    });
    let most = 0;
    const staged = files.map((p) => {
      const s = pool.stage(p, `${p}.staged`, DEFAULT_BOMB_LIMITS, signal);
      most = Math.max(most, pool.stagingOnCallingThread);
      return s;
    });
    const watch = setInterval(() => { most = Math.max(most, pool.stagingOnCallingThread); }, 0);
    const done = await Promise.all(staged).finally(() => clearInterval(watch));
    assert.equal(most, StagingPool.CALLING_THREAD_AT_ONCE);
    assert.equal(pool.stagingOnCallingThread, 0);
    done.forEach((s, i) => assert.equal(readFileSync(s.stagedPath!, 'utf8'), `here ${i}\n`.repeat(20_000)));
  } finally {
    await pool.close();
  }
});

test('staging threads run at low priority, so DuckDB keeps the cores while it imports (Linux)', { skip: process.platform !== 'linux' }, async () => {
  const niceOf = (): Map<string, number> => new Map(readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as [string, number];
  }));
  const before = niceOf();
  const pool = new StagingPool(2);
  try {
    // A file staged by each thread: both have started and set their priority by then.
    const src = join(dir, 'nice.json');
    writeFileSync(src, '{"Records":[]}');
    await Promise.all([pool.stage(src, `${src}.1`, DEFAULT_BOMB_LIMITS, signal), pool.stage(src, `${src}.2`, DEFAULT_BOMB_LIMITS, signal)]);
    const added = [...niceOf()].filter(([tid]) => !before.has(tid));
    assert.deepEqual(added.map(([, nice]) => nice).filter((n) => n === 19).length, 2, JSON.stringify(added));
    assert.equal(niceOf().get(String(process.pid)), before.get(String(process.pid)), 'the main thread keeps its priority');
  } finally { await pool.close(); }
});

test('record lines asked of a staging thread come back as from this thread', async () => {
  const layout = { prefix: '{"Records":[', recordStart: '{"eventVersion":' };
  const src = join(dir, 'trail.json.gz');
  writeFileSync(src, gzipSync('{"Records":[{"eventVersion":"1.09","eventName":"A"},{"eventVersion":"1.09","eventName":"B"}]}\n'));
  const pool = new StagingPool(1);
  try {
    const here = await stageEvidence(src, `${src}.here`, DEFAULT_BOMB_LIMITS, undefined, { forms: [{ recordLines: layout }] });
    const there = await pool.stage(src, `${src}.there`, DEFAULT_BOMB_LIMITS, signal, { forms: [{ recordLines: layout }] });
    assert.deepEqual(there.recordLines, { prefix: layout.prefix, suffix: ']}\n', records: 2, longest: 39 });
    assert.deepEqual({ ...there, stagedPath: null }, { ...here, stagedPath: null });
    assert.deepEqual(readFileSync(there.stagedPath!), readFileSync(here.stagedPath!));
  } finally { await pool.close(); }
});

test('a head goes to the main thread in memory of its own, never as a view of the shared Buffer pool', () => {
  const pooled = Buffer.from('{"Records":[');
  assert.notEqual(pooled.byteLength, pooled.buffer.byteLength, 'a short Buffer.from is a view of the pool');
  const moved = transferableHead(pooled);
  assert.notEqual(moved, pooled);
  assert.equal(moved.byteOffset, 0);
  assert.equal(moved.byteLength, moved.buffer.byteLength);
  assert.deepEqual(moved, pooled);
  // Transferring it leaves the pool, and so every other pooled buffer, as it was.
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(moved, [moved.buffer as ArrayBuffer]);
  port1.close(); port2.close();
  assert.equal(moved.byteLength, 0);
  assert.equal(pooled.toString(), '{"Records":[');

  const own = Buffer.allocUnsafeSlow(64 * 1024).fill(1);
  assert.equal(transferableHead(own), own, 'a head that owns its memory is handed over as it is');
});
