// The numbered copy line formats and JSON lines are read from (numbered-text.ts): its fast path numbers
// clean spans of whole lines at once (decision 0017); every line must come out as the line-by-line rule
// says, whatever sits at or across the 8 MiB read boundaries.
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dropBytes, MAX_LINE_BYTES, writeNumberedText } from '../../../electron/core/sources/line-format/numbered-text';
import { tempDir } from '../../helpers/temp';

/** The rule, one line at a time: what the copy must hold and why a line is left out. */
function reference(content: Buffer, isHeader: (l: Buffer) => boolean): { out: Buffer; lines: number; headerLines: number; numbered: number; rejects: Map<number, string>; headers: string[] } {
  const parts: Buffer[] = [];
  const rejects = new Map<number, string>();
  const headers: string[] = [];
  let lines = 0, headerLines = 0, numbered = 0;
  const pieces: Buffer[] = [];
  for (let from = 0; from < content.length; ) {
    const nl = content.indexOf(10, from);
    const end = nl < 0 ? content.length : nl;
    pieces.push(content.subarray(from, end));
    from = end + 1;
  }
  for (const raw of pieces) {
    const n = ++lines;
    let line = raw;
    if (n === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (line[line.length - 1] === 13) line = line.subarray(0, -1);
    if (isHeader(line)) { headerLines++; headers.push(line.toString('utf8')); parts.push(Buffer.from('\n')); continue; }
    const why = line.length === 0 ? 'empty line' : line.length > MAX_LINE_BYTES ? `longer than ${MAX_LINE_BYTES} bytes`
      : line.indexOf(0) >= 0 ? 'contains NUL bytes (binary data, not a log line)' : line.indexOf(13) >= 0 ? 'contains a carriage return inside the line'
        : line.indexOf(0x1f) >= 0 ? 'contains a control character (0x1F)' : !isUtf8(line) ? 'not valid UTF-8' : null;
    if (why) { rejects.set(n, why); parts.push(Buffer.from('\n')); continue; }
    numbered++;
    parts.push(Buffer.from(`${n} `), line, Buffer.from('\n'));
  }
  return { out: Buffer.concat(parts), lines, headerLines, numbered, rejects, headers };
}

const isHeader = (l: Buffer): boolean => l[0] === 0x23; // '#'

async function check(name: string, content: Buffer): Promise<void> {
  const dir = tempDir();
  const src = join(dir, 'in.log'), copy = join(dir, 'out.numbered');
  writeFileSync(src, content);
  const got = await writeNumberedText(src, copy, isHeader);
  const want = reference(content, isHeader);
  assert.deepEqual({ lines: got.lines, headerLines: got.headerLines, numbered: got.numbered, rejects: [...got.rejects], headers: got.headers },
    { lines: want.lines, headerLines: want.headerLines, numbered: want.numbered, rejects: [...want.rejects], headers: want.headers }, name);
  assert.ok(readFileSync(copy).equals(want.out), `${name}: the numbered copy differs from the rule`);
}

test('clean text spanning several reads is numbered as line by line', async () => {
  const line = (i: number): string => `1.0 2017-12-13T08:16:02.130Z Z123 host${i}.example.com A NOERROR UDP IAD ${i % 250}.1.2.3 - é`;
  const text = '\ufeff#Version: 1.0\n#Fields: a b\n' + Array.from({ length: 260_000 }, (_, i) => line(i)).join('\n');
  await check('no final newline', Buffer.from(text));
  await check('final newline', Buffer.from(text + '\n'));
});

test('bad lines anywhere, at and across the read boundaries, are rejected as line by line', async () => {
  const CHUNK = 8 << 20;
  const base = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `line ${i} with some text to fill the chunk, ok`).join('\n') + '\n');
  const bad = [Buffer.from('\n'), Buffer.from('cr inside\r here'), Buffer.from('crlf end\r'), Buffer.from([0x61, 0, 0x62]), Buffer.from([0x61, 0x1f]),
    Buffer.from([0xc3, 0x28]), Buffer.from('# a header mid-file'), Buffer.alloc(MAX_LINE_BYTES + 5, 0x41)];
  const withBad = (at: number): Buffer => Buffer.concat([base.subarray(0, at), ...bad.flatMap((b) => [b, Buffer.from('\n')]), base.subarray(at)]);
  for (const at of [CHUNK - 3, CHUNK + 1]) await check(`bad lines at ${at}`, withBad(at));
  const spread = bad.flatMap((b, k) => [base.subarray(k * 4000, (k + 1) * 4000), b, Buffer.from('\n')]);
  await check('bad lines spread out', Buffer.concat([...spread, base.subarray(bad.length * 4000)]));
  await check('CRLF line ends throughout', Buffer.from(base.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
  await check('a long last line without newline', Buffer.concat([base, Buffer.alloc(MAX_LINE_BYTES + 10, 0x42)]));
  await check('empty file', Buffer.alloc(0));
  await check('blank lines only', Buffer.from('\n\n\n'));
});

test('what a short writev leaves: the parts past the bytes written, in order, nothing empty', () => {
  const parts = [Buffer.from('abc'), Buffer.alloc(0), Buffer.from('de'), Buffer.from('fghi')];
  const whole = Buffer.concat(parts).toString();
  for (let n = 0; n <= whole.length; n++) {
    const rest = dropBytes(parts, n);
    assert.equal(Buffer.concat(rest).toString(), whole.slice(n), `after ${n} bytes`);
    assert.ok(rest.every((b) => b.length > 0), `no empty part after ${n} bytes`);
  }
});
