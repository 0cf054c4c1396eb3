// A batch's text files are read by DuckDB together, in parallel and in no particular order: every row must
// still trace back to its own file and line, every file keeps its own accounting, and layouts do not mix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, importFiles, rows, SAMPLES, scalar, tempDir } from '../../helpers/vpc-flow-harness';

const OWN = join(FIXTURES, 'vpcflow');
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
/** A record whose `bytes` field is its line number and `packets` its file number. */
const record = (file: number, line: number): string =>
  `2 123456789012 eni-0c0ffee00000000${file}0 10.0.${line % 250}.1 10.1.0.2 ${line % 60000} 443 6 ${file} ${line} 1704067200 1704067260 ACCEPT OK`;

test('one batch of four layouts (header, header-less, CloudWatch export, custom v5): each file keeps its own rows and numbering', async () => {
  const t = tempDir();
  const db = await importFiles([
    join(SAMPLES, 'valid_vpc_flow_log_multi.log'), join(OWN, 'headerless-v2.log'), join(OWN, 'cloudwatch-export.log'),
    join(OWN, 'custom-v5-shuffled.log'), join(OWN, 'bad-lines.log'), join(SAMPLES, 'valid_vpc_flow_log.log'),
  ], t);
  try {
    assert.deepEqual(db.results.map((r) => [r.evidenceId, r.recordsRead, r.imported, r.rejected, r.error]), [
      [101, 2, 2, 0, undefined], [102, 3, 3, 0, undefined], [103, 4, 4, 0, undefined],
      [104, 3, 3, 0, undefined], [105, 10, 4, 6, undefined], [106, 1, 1, 0, undefined],
    ]);
    const ordinals = await rows(db.conn, `SELECT _evidence_id AS id, list(_ordinal ORDER BY _ordinal) AS o, count(_cloudwatch_time) AS cw, count(flow_direction) AS fd
      FROM vpc_flow_logs GROUP BY ALL ORDER BY id`);
    assert.deepEqual(ordinals.map((r) => [r.id, r.o, Number(r.cw), Number(r.fd)]), [
      [101, [2n, 3n], 0, 0], [102, [1n, 2n, 3n], 0, 0], [103, [1n, 2n, 3n, 4n], 4, 0],
      [104, [2n, 3n, 4n], 0, 3], [105, [2n, 6n, 10n, 11n], 0, 0], [106, [2n], 0, 0],
    ]);
    assert.deepEqual((await rows(db.conn, `SELECT DISTINCT evidence_id FROM cairn_rejects`)).map((r) => r.evidence_id), [105]);
    // The numbered copies are scratch files: gone once the batch is read.
    assert.deepEqual(readdirSync(t.dir), []);
  } finally { db.close(); t.cleanup(); }
});

test('multi-megabyte files read with two threads: every row and every reject keeps its exact line', async () => {
  const t = tempDir();
  const LINES = 150_001; // ~18 MB per file: DuckDB splits each file between its threads
  const paths: string[] = [];
  const bad = [new Set<number>(), new Set<number>()];
  for (const file of [0, 1]) {
    const out = [HEADER];
    for (let line = 2; line <= LINES; line++) {
      const isBad = (line + file * 13) % 4999 === 0 || line === LINES - file;
      if (isBad) bad[file]!.add(line);
      out.push(isBad ? (line % 3 === 0 ? '' : `2 123456789012 cut-short ${line}`) : record(file, line));
    }
    paths.push(t.write(`big-${file}.log`, out.join('\n') + '\n'));
  }
  const db = await importFiles(paths, t, 2);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]),
      bad.map((b) => [LINES - 1, LINES - 1 - b.size, b.size]));
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM vpc_flow_logs WHERE _ordinal <> bytes OR _evidence_id <> 101 + packets`), 0n);
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM (SELECT DISTINCT _evidence_id, _ordinal FROM vpc_flow_logs)`), BigInt(2 * (LINES - 1) - bad[0]!.size - bad[1]!.size));
    for (const file of [0, 1]) {
      const rejected = await rows(db.conn, `SELECT line, raw FROM cairn_rejects WHERE evidence_id = ${101 + file} ORDER BY line`);
      assert.deepEqual(rejected.map((r) => Number(r.line)), [...bad[file]!].sort((a, b) => a - b));
      for (const r of rejected) assert.ok(r.raw === '' || String(r.raw).endsWith(` ${Number(r.line)}`), `raw text of line ${Number(r.line)}`);
    }
  } finally { db.close(); t.cleanup(); }
});

test('numbered copies written early (while the batch before imports) give the same rows; a retry writes them again', async () => {
  const files = [join(SAMPLES, 'valid_vpc_flow_log_multi.log'), join(OWN, 'headerless-v2.log'), join(OWN, 'bad-lines.log'), join(OWN, 'custom-v5-shuffled.log')];
  const snapshot = async (db: Awaited<ReturnType<typeof importFiles>>): Promise<unknown> => ({
    results: db.results.map((r) => [r.evidenceId, r.recordsRead, r.imported, r.rejected, r.error]),
    rows: await rows(db.conn, 'SELECT _evidence_id, _ordinal, srcaddr, bytes FROM vpc_flow_logs ORDER BY ALL'),
    rejects: await rows(db.conn, 'SELECT evidence_id, line, reason FROM cairn_rejects ORDER BY ALL'),
  });
  const plain = await importFiles(files);
  const early = await importFiles(files, undefined, undefined, { prepareEarly: true });
  const retried = await importFiles(files, undefined, undefined, { prepareEarly: true, attempts: 2 });
  try {
    const expected = await snapshot(plain);
    assert.deepEqual(await snapshot(early), expected);
    assert.deepEqual(await snapshot(retried), expected);
  } finally { plain.close(); early.close(); retried.close(); }
});
