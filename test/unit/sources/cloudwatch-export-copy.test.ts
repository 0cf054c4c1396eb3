// CloudWatch export objects read without JSON in between (decision 0019): the time read from bytes agrees with
// Date.parse, and a file of several 8 MiB chunks (events, continuations and multi-byte characters across chunk
// ends, CR, NUL and 0x1E bytes, non-UTF-8 lines) lands as a plain line-by-line reading of it says.
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { EXPORT_LINE } from '../../../electron/core/sources/cloudwatch/records';
import { exportTime } from '../../../electron/core/sources/cloudwatch/export-time';
import { MAX_LINE_BYTES } from '../../../electron/core/sources/line-format/numbered-text';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

/** A seeded generator of integers below n (mulberry32). */
function random(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** What Date.parse makes of the line's time, as the JSON-record reading did (EXPORT_LINE, then Date.parse). */
function byDateParse(line: string): [number, number] | null {
  const m = EXPORT_LINE.exec(line);
  const ms = m ? Date.parse(m[1]!) : NaN;
  return m && !Number.isNaN(ms) ? [ms, m[0].length] : null;
}

test('the time at the start of an export line: the same as Date.parse for every field at and past its limits', () => {
  const pad = (v: number, n: number): string => String(v).padStart(n, '0');
  const rnd = random(7);
  const fields = (): string => {
    const y = [0, 1, 1969, 1970, 2000, 2024, 2100, 9999][rnd(8)]!, mo = rnd(14), d = rnd(33), h = rnd(26), mi = rnd(61), s = rnd(61);
    const frac = ['', '.', '.1', '.12', '.123', '.1234', '.999999999', '.0000000001', '.5'][rnd(9)]!;
    return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac}${['Z ', 'Z', 'z ', 'Z\t', '+00:00 '][rnd(5)]!}rest`;
  };
  const cases = [...Array.from({ length: 200_000 }, fields), '2024-03-05T24:00:00.000Z x', '2024-02-29T23:59:59.999Z x', '2023-02-29T00:00:00Z x', '2024-03-05T10:00:00Z',
    '2024-3-05T10:00:00Z x', 'x2024-03-05T10:00:00Z x', '2024-03-05T10:00:00.Z x', ''];
  for (const c of cases) assert.deepEqual(exportTime(Buffer.from(c)), byDateParse(c), c);
});

/** The events of an export as the reading before decision 0019 made them, line by line. */
function reference(content: Buffer): { events: Map<number, { ts: number; message: string }>; rejects: Map<number, string> } {
  const events = new Map<number, { ts: number; message: string }>();
  const rejects = new Map<number, string>();
  let cur: { line: number; ts: number; parts: string[]; bytes: number } | null = null;
  const close = (): void => {
    if (!cur) return;
    if (cur.bytes > MAX_LINE_BYTES) rejects.set(cur.line, `event longer than ${MAX_LINE_BYTES} bytes`);
    else events.set(cur.line, { ts: cur.ts, message: cur.parts.join('\n') });
    cur = null;
  };
  const lines: Buffer[] = [];
  for (let from = 0; from < content.length; ) {
    const i = content.indexOf(10, from);
    lines.push(content.subarray(from, i < 0 ? content.length : i));
    from = i < 0 ? content.length : i + 1;
  }
  lines.forEach((raw, k) => {
    const n = k + 1;
    let line = raw;
    if (line[line.length - 1] === 13) line = line.subarray(0, -1);
    const text = isUtf8(line) ? line.toString('utf8') : null;
    const t = text !== null ? byDateParse(text) : null;
    if (t) { close(); cur = { line: n, ts: t[0], parts: [text!.slice(t[1])], bytes: line.length }; }
    else if (text === null) { close(); rejects.set(n, 'not valid UTF-8'); }
    else if (cur) { const e: { parts: string[]; bytes: number } = cur; e.parts.push(text); e.bytes += line.length + 1; }
    else rejects.set(n, 'no ISO-8601 time at the start of the line, and no event before it to continue');
  });
  close();
  return { events, rejects };
}

/** Export lines of every kind (events, continuations, CR, NUL and 0x1E bytes, bad UTF-8, long events) up to `bytes`. */
function mixedExport(seed: number, bytes: number, longest: number): Buffer {
  const rnd = random(seed);
  const words = ['GET', '/api', 'é', '中文', '😀', 'x'.repeat(300), '"q"', '\\x1f', '\\', '{"k":1}', '\t'];
  const parts: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const kind = rnd(100);
    const body = Array.from({ length: 1 + rnd(30) }, () => words[rnd(words.length)]).join(' ');
    const ts = new Date(Date.UTC(2024, 0, 1) + i * 997).toISOString();
    let line: Buffer;
    if (kind < 70) line = Buffer.from(`${ts} ${body}`);
    else if (kind < 90) line = Buffer.from(`  at continuation ${body}`);
    else if (kind < 92) line = Buffer.from('');
    else if (kind < 94) line = Buffer.from(`${ts} crlf ${body}\r`);
    else if (kind < 95) line = Buffer.concat([Buffer.from(`${ts} nul `), Buffer.from([0, 0x1e, 0x0d]), Buffer.from(body)]);
    else if (kind < 96) line = Buffer.concat([Buffer.from(`${ts} bad `), Buffer.from([0xc3])]);
    else if (kind < 97) line = Buffer.from(`${ts} `);
    else line = Buffer.from(`${ts} ${body} ${'y'.repeat(rnd(longest))}`);
    parts.push(line, Buffer.from('\n'));
    size += line.length + 1;
  }
  return Buffer.concat(parts);
}

/** Imports the content as a CloudWatch export and checks every event and reject against a line-by-line reading. */
async function landsAsReferenceSays(content: Buffer): Promise<void> {
  const want = reference(content);
  const dir = tempDir();
  writeFileSync(join(dir, 'export.txt'), content);
  const c = await newCase();
  const s = await importEvidence(c, [join(dir, 'export.txt')], { as: 'cloudwatch' });
  const [f] = s.files;
  assert.deepEqual([f?.recordsRead, f?.imported, f?.rejected], [want.events.size + want.rejects.size, want.events.size, want.rejects.size]);
  const rows = (await c.forImport().conn.runAndReadAll('SELECT _ordinal, "timestamp", message FROM cloudwatch_logs ORDER BY _ordinal')).getRowsJS();
  assert.equal(rows.length, want.events.size);
  for (const [ord, ts, message] of rows) assert.deepEqual({ ts: Number(ts), message }, want.events.get(Number(ord)), `event at line ${ord}`);
  const rejects = (await c.forImport().conn.runAndReadAll('SELECT ordinal, reason FROM cairn_rejects ORDER BY ordinal')).getRowsJS();
  assert.deepEqual(new Map(rejects.map(([n, r]) => [Number(n), r])), want.rejects);
}

test('an export of several 8 MiB chunks: every event and reject as a line-by-line reading gives', async () => {
  await landsAsReferenceSays(mixedExport(11, 26 << 20, 200_000));
});

test('a small export, read and its copies written whole with blocking calls: every event and reject as a line-by-line reading gives', async () => {
  const content = mixedExport(12, 600 << 10, 20_000);
  assert.ok(content.length < 1 << 20);
  await landsAsReferenceSays(content);
});
