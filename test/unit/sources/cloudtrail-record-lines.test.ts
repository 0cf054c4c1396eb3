// The same compact trail files through both of DuckDB's read paths: staged as record lines (as the
// orchestrator stages CloudTrail's own files) and staged as they are (whole documents).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importBatchAtomically } from '../../../electron/core/import/import-batch';
import { cloudTrailSource } from '../../../electron/core/sources/cloudtrail';
import { count, importFiles, openHarness, OWN, rows, stage, type Harness } from '../../helpers/cloudtrail-helpers';

/**
 * Compact {"Records":[...]} with hostile text, wrong types, unknown fields and records that are rejected.
 * Every record starts with eventVersion, so the cuts hold (record-lines.ts).
 */
function trailRecords(): Record<string, unknown>[] {
  const base = (i: number): Record<string, unknown> => ({
    eventVersion: '1.09', eventTime: `2024-03-0${1 + (i % 9)}T10:00:${String(i % 60).padStart(2, '0')}Z`,
    eventSource: 'iam.amazonaws.com', eventName: `Op${i}`, awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.7',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}`, accountId: '111122223333' },
    requestParameters: { policyDocument: '{"Statement":[{"Effect":"Allow"}]}', list: [{ k: ']},{' }] },
    recipientAccountId: '111122223333', eventID: `id-${i}`,
  });
  return [
    base(1),
    { ...base(2), userAgent: '},{"eventVersion":"1.0","eventName":"Forged"}', errorMessage: 'back\\slash \\"q\\" \u2028 é 🙂' },
    { ...base(3), eventName: 123, readOnly: true, resources: 'not a list', userIdentity: 'not an object' },
    { ...base(4), cairnUnknownField: { nested: [1, 2.5, -0, 1e21, 12345678901234567890] } },
    { eventVersion: '1.0', foo: 1 },
    { ...base(6), eventTime: 'yesterday' },
    { eventVersion: '1.0', eventSource: 's3.amazonaws.com', eventName: 'GetObject' },
    base(8),
  ];
}

/** `oneByOne`: each file in its own transaction, as the orchestrator retries a batch that failed. */
async function importBothWays(files: (h: Harness) => Promise<string[]>, oneByOne = false): Promise<{ lines: Snapshot; whole: Snapshot }> {
  const run = async (recordLines: boolean): Promise<Snapshot> => {
    const h = await openHarness({ recordLines });
    try {
      const staged = [];
      for (const p of await files(h)) staged.push(await stage(h, p));
      assert.deepEqual(staged.map((f) => Boolean(f.recordLines)), staged.map(() => recordLines), 'staged as intended');
      const results = [];
      for (const batch of oneByOne ? staged.map((f) => [f]) : [staged]) results.push(...(await importFiles(h, batch)));
      return {
        results: results.map((r) => [r.evidenceId, r.recordsRead, r.imported, r.rejected, r.error]),
        // _row_hash (decision 0003) hashes _raw too, so it differs exactly where the raw text's form does.
        rows: await rows(h.conn, 'SELECT * EXCLUDE (_raw, _row_hash), _raw::VARCHAR AS raw FROM cloudtrail ORDER BY _evidence_id, _ordinal'),
        rejects: await rows(h.conn, 'SELECT evidence_id, ordinal, line, reason, raw FROM cairn_rejects ORDER BY evidence_id, ordinal'),
      };
    } finally { await h.close(); }
  };
  return { lines: await run(true), whole: await run(false) };
}

interface Snapshot { results: unknown[]; rows: Record<string, unknown>[]; rejects: Record<string, unknown>[] }

/** Raw text differs only in form: record lines keep the evidence's bytes, the whole-document path DuckDB's writing. */
function withParsedRaw(s: Snapshot): unknown {
  return { ...s, rows: s.rows.map((r) => ({ ...r, raw: JSON.parse(String(r.raw)) })), rejects: s.rejects.map((r) => ({ ...r, raw: JSON.parse(String(r.raw)) })) };
}

test('record lines and whole documents give the same rows, rejects and counts; record lines keep each record\'s exact bytes', async () => {
  const records = trailRecords();
  const text = JSON.stringify({ Records: records });
  const { lines, whole } = await importBothWays(async (h) => {
    const plain = join(h.dir, 'trail.json');
    const gz = join(h.dir, 'trail.json.gz');
    writeFileSync(plain, text);
    writeFileSync(gz, gzipSync(`${text.replace('Op1"', 'Op1b"')}\n`));
    return [plain, gz];
  });
  assert.deepEqual(lines.results, [[1, 8, 5, 3, undefined], [2, 8, 5, 3, undefined]]);
  assert.deepEqual(withParsedRaw(lines), withParsedRaw(whole));
  const kept = lines.rows.filter((r) => r._evidence_id === 1);
  const expected = records.map((r, i) => [String(i + 1), JSON.stringify(r)]);
  const rejected = ['5', '6', '7'];
  assert.deepEqual(kept.map((r) => [r._ordinal, r.raw]), expected.filter(([o]) => !rejected.includes(o!)));
  assert.deepEqual(lines.rejects.filter((r) => r.evidence_id === 1).map((r) => [r.ordinal, r.raw]), expected.filter(([o]) => rejected.includes(o!)));
  assert.equal(kept.find((r) => r._ordinal === '2')?.useragent, '},{"eventVersion":"1.0","eventName":"Forged"}');
});

test('cuts that do not hold (records nested like the cut, a record without eventVersion): the file is read again as a document', async () => {
  const records: unknown[] = trailRecords();
  // A nested array of objects that begin like records, and two elements the cut cannot find.
  (records[0] as Record<string, unknown>).requestParameters = { items: [{ eventVersion: 'n1', eventName: 'Forged' }, { eventVersion: 'n2' }] };
  const nested = JSON.stringify({ Records: records });
  const missed = JSON.stringify({ Records: [...trailRecords(), { foo: 1 }, 5] });
  const { lines, whole } = await importBothWays(async (h) => {
    writeFileSync(join(h.dir, 'nested.json'), nested);
    writeFileSync(join(h.dir, 'missed.json'), missed);
    return [join(h.dir, 'nested.json'), join(h.dir, 'missed.json')];
  }, true);
  assert.deepEqual(lines.results, [[1, 8, 5, 3, undefined], [2, 10, 5, 5, undefined]]);
  // Exactly what the whole-document path gives, _raw text included (DuckDB's writing: the file was read whole).
  assert.deepEqual(lines, whole);
});

test('a malformed record in a compact file is rejected on its own with its byte offset, as from a whole document', async () => {
  const good = '{"eventVersion":"1.09","eventTime":"2024-03-01T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"A","eventID":"e1","recipientAccountId":"111122223333"}';
  const text = `{"Records":[${good},{"eventName":tru},${good}]}`;
  const rejects: unknown[] = [];
  for (const recordLines of [true, false]) {
    const h = await openHarness({ recordLines });
    try {
      const path = join(h.dir, 'bad.json');
      writeFileSync(path, text);
      const bad = await stage(h, path);
      const ok = await stage(h, join(OWN, 'records-compact.json'));
      assert.equal(Boolean(bad.recordLines), recordLines);
      await assert.rejects(importFiles(h, [ok, bad]), 'a batch with the file fails; the orchestrator retries one by one');
      const [r] = await importFiles(h, [bad]);
      assert.deepEqual([r?.recordsRead, r?.imported, r?.rejected, r?.error], [3, 2, 1, undefined]);
      // The staged copy was put back as the document it was.
      assert.equal(readFileSync(bad.stagedPath, 'utf8'), text);
      assert.equal((await importFiles(h, [ok]))[0]?.imported, 3);
      assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 5);
      rejects.push(...await rows(h.conn, 'SELECT ordinal, byte_offset, reason, raw FROM cairn_rejects'));
    } finally { await h.close(); }
  }
  const expected = { ordinal: '2', byte_offset: String(text.indexOf('{"eventName":tru}')), raw: '{"eventName":tru}' };
  assert.deepEqual(rejects.map((x) => ({ ...(x as object), reason: undefined })), [{ ...expected, reason: undefined }, { ...expected, reason: undefined }]);
  assert.match(String((rejects[0] as { reason: string }).reason), /^malformed JSON: /);
});

test('DuckDB must read exactly the records the staging thread wrote: a line lost on the way fails the file', async () => {
  for (const keep of [[0, 1], [0, 2]]) {
    const h = await openHarness();
    try {
      const f = await stage(h, join(OWN, 'records-compact.json'));
      assert.equal(f.recordLines?.records, 3);
      const lines = readFileSync(f.stagedPath, 'utf8').split('\n');
      writeFileSync(f.stagedPath, [...keep.map((i) => lines[i]), ''].join('\n'));
      const [r] = await importFiles(h, [f]);
      assert.match(String(r?.error), /3 records were staged, DuckDB read 2/);
      assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 0);
    } finally { await h.close(); }
  }
});

test('through the orchestrator: a batch whose record lines do not hold is retried file by file, and such a file is read whole', async () => {
  const h = await openHarness();
  try {
    const missed = join(h.dir, 'missed.json');
    writeFileSync(missed, JSON.stringify({ Records: [...trailRecords(), { foo: 1 }] }));
    const files = [await stage(h, join(OWN, 'records-compact.json')), await stage(h, missed)];
    assert.ok(files.every((f) => f.recordLines));
    const ctx = { conn: h.conn, signal: new AbortController().signal, tmpDir: h.dir, progress() {}, existingTables: async () => new Set<string>() };
    const outcomes = await importBatchAtomically(cloudTrailSource, ctx, files, (commit) => commit());
    assert.deepEqual(outcomes.map((o) => (o.ok ? [o.result.recordsRead, o.result.imported, o.result.rejected] : o.reason)), [[3, 3, 0], [9, 5, 4]]);
    assert.equal(files[1]?.recordLines, undefined, 'read as the document it was');
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 8);
  } finally { await h.close(); }
});
