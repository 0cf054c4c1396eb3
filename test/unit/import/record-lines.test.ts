import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRecordLines, RECORD_LINE_MARK, RECORD_LINE_MAX_BYTES, toRecordLines, type RecordLines } from '../../../electron/core/intake/record-lines';
import type { StagedFile } from '../../../electron/core/sources/source';
import { keepFormFor } from '../../../electron/core/intake/staged-form';
import { cloudTrailSource } from '../../../electron/core/sources/cloudtrail';
import { csvSource } from '../../../electron/core/sources/csv';

const PREFIX = '{"Records":[';
const LAYOUT = { prefix: PREFIX, recordStart: '{"eventVersion":' };

/** Each line's ordinal and record text. */
function parseLines(data: Buffer): [number, string][] {
  const text = data.toString('utf8');
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n').map((line) => {
    const at = line.indexOf(String.fromCharCode(RECORD_LINE_MARK));
    return [Number(line.slice(0, at)), line.slice(at + 1)];
  });
}

/** The record lines as the staging thread writes them: its pieces, one after the other. */
function split(doc: string | Buffer): { data: Buffer; lines: RecordLines } | null {
  const out = toRecordLines(Buffer.isBuffer(doc) ? doc : Buffer.from(doc, 'utf8'), LAYOUT);
  if (!out) return null;
  const data = Buffer.concat(out.pieces);
  assert.equal(out.bytes, data.length, 'bytes counts every piece');
  return { data, lines: out.lines };
}

function parses(text: string): boolean {
  try { JSON.parse(text); return true; } catch { return false; }
}

/**
 * The guarantee the importer relies on: the document comes back byte for byte, and either every line is
 * one JSON value and the lines are exactly the document's records, or some line is not JSON (which the
 * reader then finds). Returns whether the cuts held.
 */
function checkGuarantee(doc: string): boolean {
  const out = split(doc);
  assert.ok(out, doc);
  assert.equal(fromRecordLines(out.data, out.lines).toString('utf8'), doc);
  const lines = parseLines(out.data);
  assert.deepEqual(lines.map(([o]) => o), lines.map((_l, i) => i + 1));
  if (!lines.every(([, r]) => parses(r))) return false;
  assert.deepEqual(lines.map(([, r]) => JSON.parse(r)), (JSON.parse(doc) as { Records: unknown[] }).Records, doc);
  return true;
}

test('records are cut where one ends and the next begins, never at look-alike text inside strings', () => {
  const hostile = [
    { eventVersion: '1.09', eventName: 'a', userAgent: '},{"eventVersion":"1.0"}' },
    { eventVersion: '1.09', eventName: 'b\\', note: 'ends in a backslash \\', q: '\\"quoted\\"', nested: { list: [{ x: ']' }, '[', '{'] } },
    { eventVersion: '1.09', eventName: 'ü — 🙂 \u2028', empty: {}, arr: [[], [[]]] },
  ];
  const doc = JSON.stringify({ Records: hostile });
  const out = split(doc);
  assert.ok(out);
  assert.deepEqual(out.lines, { prefix: PREFIX, suffix: ']}', records: 3, longest: Math.max(...hostile.map((r) => Buffer.byteLength(JSON.stringify(r)))) });
  const lines = parseLines(out.data);
  assert.deepEqual(lines.map(([o]) => o), [1, 2, 3]);
  // Each line holds the record's exact bytes.
  assert.deepEqual(lines.map(([, r]) => r), hostile.map((r) => JSON.stringify(r)));
  assert.equal(fromRecordLines(out.data, out.lines).toString('utf8'), doc);
});

test('random documents, some with records nested like the cut: the cuts hold, or a line does not parse', () => {
  let seed = 7;
  const rnd = (n: number): number => { seed = (seed * 48271) % 2147483647; return seed % n; }; // Park–Miller: exact in doubles
  const alphabet = ['a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '😀', '\u0001', '\n', '\t', '\\"', '},{"eventVersion":'];
  const str = (): string => Array.from({ length: rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
  const record = (depth: number): Record<string, unknown> =>
    ({ eventVersion: str(), ...Object.fromEntries(Array.from({ length: rnd(4) }, () => [str(), value(depth + 1)])) });
  const value = (depth: number): unknown => {
    switch (depth > 2 ? rnd(3) : rnd(7)) {
      case 0: return str();
      case 1: return rnd(1000) - 500;
      case 2: return rnd(2) === 0 ? null : true;
      case 3: return Array.from({ length: rnd(4) }, () => value(depth + 1));
      case 4: return Array.from({ length: 1 + rnd(3) }, () => record(depth + 1)); // what the cut looks for, nested
      default: return Object.fromEntries(Array.from({ length: rnd(4) }, () => [str(), value(depth + 1)]));
    }
  };
  let held = 0, caught = 0;
  for (let round = 0; round < 400; round++) {
    const records = Array.from({ length: 1 + rnd(8) }, () => record(0));
    const doc = JSON.stringify({ Records: records }) + (rnd(2) ? '\n' : '');
    if (checkGuarantee(doc)) held++; else caught++;
  }
  // Both outcomes occur, so the property is tested both ways.
  assert.ok(held > 50 && caught > 50, `held ${held}, caught ${caught}`);
});

test('odd documents: the cuts hold, or a line does not parse, or the document is left as it is', () => {
  const rec = '{"eventVersion":"1.09","eventName":"x"}';
  const caught = [
    ['a record that does not start with eventVersion', `${PREFIX}${rec},{"eventName":"x"}]}`],
    ['a record that is not an object', `${PREFIX}${rec},5]}`],
    ['a second document', `${PREFIX}${rec}]}${PREFIX}${rec}]}`],
    ['mismatched brackets', `${PREFIX}{"eventVersion":[1}]}`],
    ['a malformed record', `${PREFIX}${rec},{"eventVersion":tru}]}`],
  ];
  for (const [name, doc] of caught) assert.equal(checkGuarantee(doc!), false, name);
  assert.equal(checkGuarantee(`${PREFIX}{"eventName":"x"},${rec}]}`), true, 'only the first record without eventVersion');
  assert.equal(checkGuarantee(`${PREFIX}${rec},${rec}] \t\r\n}\n`), true, 'whitespace at the end');
  const left: [string, string | Buffer][] = [
    ['pretty-printed', `{\n  "Records": [\n    ${rec}\n  ]\n}`],
    ['a space after the key', `{"Records": [${rec}]}`],
    ['a newline between records', `${PREFIX}${rec},\n${rec}]}`],
    ['CR inside a record', `${PREFIX}{"eventVersion":\r"x"}]}`],
    ['empty array', `${PREFIX}]}`],
    ['another key after the array', `${PREFIX}${rec}],"x":1}`],
    ['text after the document', `${PREFIX}${rec}]} trailing`],
    ['truncated', `${PREFIX}${rec},{"eventVersion":"y`],
    ['the mark byte in a string', `${PREFIX}{"eventVersion":"a\u0001b"}]}`],
    ['a NUL byte in a string', `${PREFIX}{"eventVersion":"a\u0000b"}]}`],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${PREFIX}{"eventVersion":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')])],
    ['a record over the line limit', `${PREFIX}{"eventVersion":"${'x'.repeat(RECORD_LINE_MAX_BYTES)}"}]}`],
    ['another prefix', `{"Events":[${rec}]}`],
  ];
  for (const [name, doc] of left) assert.equal(split(doc), null, name);
  // At the limit itself a record still fits on a line.
  const atLimit = `{"eventVersion":"${'x'.repeat(RECORD_LINE_MAX_BYTES - 19)}"}`;
  assert.equal(Buffer.byteLength(atLimit), RECORD_LINE_MAX_BYTES);
  assert.equal(split(`${PREFIX}${atLimit}]}`)?.lines.longest, RECORD_LINE_MAX_BYTES);
});

test('a staged file claimed by a source that did not ask for record lines gets its document back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-record-lines-'));
  try {
    const doc = `${PREFIX}{"eventVersion":"1,2"},{"eventVersion":"3"}]}\n`;
    const out = split(doc)!;
    const staged = join(dir, 'staged');
    writeFileSync(staged, out.data);
    const fileWith = (recordLines: RecordLines | undefined): StagedFile => ({
      evidenceId: 1, stagedPath: staged, originalPath: staged, relPath: 'staged', size: doc.length,
      detection: { format: 'test', confidence: 1, importable: true }, ...(recordLines ? { recordLines } : {}),
    });
    const trail = fileWith(out.lines);
    await keepFormFor(cloudTrailSource.staging?.form, trail);
    assert.equal(trail.recordLines, out.lines);
    assert.deepEqual(readFileSync(staged), out.data);
    const other = fileWith(out.lines);
    await keepFormFor(csvSource.staging?.form, other);
    assert.equal(other.recordLines, undefined);
    assert.equal(readFileSync(staged, 'utf8'), doc);
    const plain = fileWith(undefined);
    await keepFormFor(csvSource.staging?.form, plain);
    assert.equal(plain.recordLines, undefined);
    assert.equal(readFileSync(staged, 'utf8'), doc);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
