// Flow-log files the staging thread numbered from memory (intake/numbered-lines.ts) must import exactly as
// the ones numbered afterwards from a staged copy (numbered-copy.ts): same rows, same rejects with the same
// raw text and byte offsets, and the original content back whenever the numbered form cannot be used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepFormFor } from '../../../electron/core/intake/staged-form';
import { fromNumberedLines, toNumberedLines, type LineNumberingRule } from '../../../electron/core/intake/numbered-lines';
import { csvSource } from '../../../electron/core/sources/csv';
import { vpcFlowSource } from '../../../electron/core/sources/vpc-flow';
import { writeNumberedCopy } from '../../../electron/core/sources/vpc-flow/numbered-copy';
import type { StagedFile } from '../../../electron/core/sources/source';
import { FIXTURES, importFiles, rows, SAMPLES, tempDir } from '../../helpers/vpc-flow-harness';

const RULE = (vpcFlowSource.staging!.form as { numberedLines: LineNumberingRule }).numberedLines;
const OWN = join(FIXTURES, 'vpcflow');
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const REC = '2 123456789012 eni-0c0ffee000000001 10.0.0.1 10.1.0.2 49152 443 6 10 840 1704067200 1704067260 ACCEPT OK';

test('numbered lines are byte for byte the copy numbered-copy.ts writes, and give the content back exactly', async () => {
  const t = tempDir();
  try {
    const cases: [string, number][] = [
      [`${HEADER}\n${REC}\n${REC.replace('840', '841')}\n`, 1],
      [`${HEADER}\n${REC}`, 1], // no final newline
      [`${REC}\n${REC}\n`, 0], // header-less default format
      [readFileSync(join(OWN, 'cloudwatch-export.log'), 'latin1'), 0],
      [`${HEADER}\n`, 1], // a header and no records
    ];
    for (const [k, [text, headerLines]] of cases.entries()) {
      const content = Buffer.from(text, 'latin1');
      const out = toNumberedLines(content, RULE);
      assert.ok(out, `case ${k} is taken`);
      assert.equal(out.lines.headerLines, headerLines, `case ${k}`);
      const staged = t.write(`plain-${k}.log`, content);
      const copy = await writeNumberedCopy(staged, join(t.dir, `copy-${k}`), headerLines);
      assert.deepEqual(out.data, readFileSync(join(t.dir, `copy-${k}`)), `case ${k}: same bytes as the staged-copy path`);
      assert.equal(out.lines.lines, copy.lines, `case ${k}`);
      assert.deepEqual(fromNumberedLines(out.data, out.lines), content, `case ${k}: restored`);
    }
  } finally { t.cleanup(); }
});

test('content with anything to reject, or not flow-log shaped, is left as it is', () => {
  const refused: [string, string][] = [
    ['CRLF line ends', `${HEADER}\r\n${REC}\r\n`], ['an empty line', `${HEADER}\n\n${REC}\n`], ['a leading empty line', `\n${HEADER}\n${REC}\n`],
    ['a NUL byte', `${HEADER}\n${REC}\u0000\n`], ['non-ASCII bytes', `${HEADER}\n${REC} é\n`], ['a UTF-8 BOM', `\ufeff${HEADER}\n${REC}\n`],
    ['a first line that is neither header nor record', `hello, world\n${REC}\n`], ['nothing at all', ''],
  ];
  for (const [why, text] of refused) assert.equal(toNumberedLines(Buffer.from(text, 'utf8'), RULE), null, why);
  const long = `${HEADER}\n${REC} ${'x'.repeat(RULE.maxLineBytes)}\n`;
  assert.equal(toNumberedLines(Buffer.from(long), RULE), null, 'a line over maxLineBytes');
  assert.ok(toNumberedLines(Buffer.from(long), { ...RULE, maxLineBytes: long.length }), 'the same line under a larger limit');
});

test('a batch staged as numbered lines imports the same rows and rejects as one numbered from staged copies', async () => {
  const t = tempDir();
  // Clean ASCII with a record DuckDB rejects (a port that is not a number), so its reject is quoted from the content.
  const typeError = t.write('type-error.log', `${HEADER}\n${REC}\n${REC.replace('49152', 'notaport')}\n${REC.replace('840', '842')}\n`);
  const files = [
    join(SAMPLES, 'valid_vpc_flow_log_multi.log'), join(OWN, 'headerless-v2.log'), join(OWN, 'cloudwatch-export.log'),
    join(OWN, 'custom-v5-shuffled.log'), join(OWN, 'bad-lines.log'), typeError,
  ];
  const contents = files.map((f) => readFileSync(f));
  const all = `SELECT * FROM vpc_flow_logs ORDER BY _evidence_id, _ordinal`;
  const rejects = `SELECT evidence_id, line, byte_offset, reason, raw FROM cairn_rejects ORDER BY evidence_id, line`;
  const plain = await importFiles(files);
  const numbered = await importFiles(files, undefined, undefined, { numbering: RULE });
  try {
    // Everything but bad-lines.log (empty lines, CRLF, binary) was numbered while staged.
    assert.deepEqual(numbered.numberedWhenStaged, [true, true, true, true, false, true]);
    assert.deepEqual(numbered.results, plain.results);
    assert.deepEqual(await rows(numbered.conn, all), await rows(plain.conn, all));
    const got = await rows(numbered.conn, rejects);
    assert.deepEqual(got, await rows(plain.conn, rejects));
    assert.ok(got.some((r) => r.evidence_id === 106 && r.line === 3n && String(r.raw).includes('notaport')), 'the type error is quoted as it was');
    // The file with a reject went back to its content for the quote; the others stay numbered.
    assert.equal(numbered.files[5]!.numberedLines, undefined);
    assert.deepEqual(readFileSync(numbered.files[5]!.stagedPath), contents[5]);
    assert.ok(numbered.files[0]!.numberedLines);
  } finally { plain.close(); numbered.close(); t.cleanup(); }
});

test('when the staging thread read the first line wrongly, the file is restored and numbered from its content', async () => {
  const t = tempDir();
  const path = join(OWN, 'headerless-v2.log');
  // A rule that takes every first line for a header: the layout (no header) disagrees.
  const careless: LineNumberingRule = { ...RULE, header: '^' };
  const db = await importFiles([path], t, undefined, { numbering: careless });
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected]), [[3, 3, 0]]);
    assert.equal(db.files[0]!.numberedLines, undefined);
    assert.deepEqual(readFileSync(db.files[0]!.stagedPath), readFileSync(path));
  } finally { db.close(); t.cleanup(); }
});

test('numbered lines stay for the flow-log source and go back to the content for any other', async () => {
  const t = tempDir();
  try {
    const content = Buffer.from(`${HEADER}\n${REC}\n`);
    const out = toNumberedLines(content, RULE)!;
    const fileWith = (name: string): StagedFile => ({
      evidenceId: 1, stagedPath: t.write(name, out.data), originalPath: name, relPath: name, size: content.length,
      detection: { format: 'x', confidence: 1, importable: true }, numberedLines: out.lines,
    });
    const flow = fileWith('flow.dat');
    await keepFormFor(vpcFlowSource.staging?.form, flow);
    assert.equal(flow.numberedLines, out.lines);
    assert.deepEqual(readFileSync(flow.stagedPath), out.data);
    const other = fileWith('other.dat');
    await keepFormFor(csvSource.staging?.form, other);
    assert.equal(other.numberedLines, undefined);
    assert.deepEqual(readFileSync(other.stagedPath), content);
  } finally { t.cleanup(); }
});
