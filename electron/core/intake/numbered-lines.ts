// "Numbered lines": a staged form for line-oriented text logs whose every line is plain, such as VPC flow
// logs. Each line becomes `<line number> <the line's bytes>`, and a header line an empty line, which is the
// copy DuckDB reads in parallel while every row still knows its line (sources/vpc-flow/numbered-copy.ts
// writes the same bytes from a staged file, for files this does not take). Written here, on the staging
// thread, from the content already in memory, the file is written once instead of three times (decision 0012).
//
// Only content with nothing to reject is taken: ASCII, LF line ends, no NUL, no empty or overlong line.
// Every byte is kept (the header's text in NumberedLines), so the original comes back exactly
// (fromNumberedLines) when another source, or a reject record, needs it.
//
// Loaded by the staging thread: Node's own modules only (see stage-worker.ts and electron-builder.yml).
import { isAscii } from 'node:buffer';
import { decimalDigits, writeDecimal } from './decimal';

/** A line-oriented text format a source reads as numbered lines (a FormRule, staged-form.ts). */
export interface LineNumberingRule {
  /** The source that asked. */
  source: string;
  /** Regular expression source: a first line matching it is a header (blank in the numbered form). */
  header: string;
  /** Regular expression source: a first line matching it is a record of a file without a header. */
  record: string;
  /** Longest line taken; a file with a longer one is staged as it is. */
  maxLineBytes: number;
}

export interface NumberedLines {
  source: string;
  /** 1 when line 1 is a header, else 0. */
  headerLines: 0 | 1;
  /** The header line's text ('' without one). */
  header: string;
  /** Lines in the file; a trailing newline ends the last line, it does not start another. */
  lines: number;
  /** Whether the content ended with a newline (the numbered form always does). */
  finalNewline: boolean;
}

const NEWLINE = 0x0a, SPACE = 0x20;

/** The content as numbered lines, or null when the rule does not take it (never an error: it is staged as it is). */
export function toNumberedLines(content: Buffer, rule: LineNumberingRule): { data: Buffer; lines: NumberedLines } | null {
  if (content.length === 0 || content[0] === NEWLINE) return null;
  // The first line first: most files staged are not of the rule's format, and this spares them four full scans.
  const firstEnd = lineEnd(content, 0);
  if (firstEnd > rule.maxLineBytes) return null;
  const first = content.toString('latin1', 0, firstEnd);
  const headerLines = compiled(rule.header).test(first) ? 1 : compiled(rule.record).test(first) ? 0 : null;
  if (headerLines === null) return null;
  if (!isAscii(content) || content.indexOf(0x0d) >= 0 || content.indexOf(0x00) >= 0 || content.indexOf('\n\n', 0, 'latin1') >= 0) return null;

  const finalNewline = content[content.length - 1] === NEWLINE;
  let lines = 0;
  let size = 0;
  for (let start = 0; start < content.length; ) {
    const end = lineEnd(content, start);
    if (end - start > rule.maxLineBytes) return null;
    lines++;
    size += lines <= headerLines ? 1 : decimalDigits(lines) + 1 + (end - start) + 1;
    start = end + 1;
  }
  const data = Buffer.allocUnsafe(size);
  let at = 0;
  let line = 0;
  for (let start = 0; start < content.length; ) {
    const end = lineEnd(content, start);
    line++;
    if (line > headerLines) {
      at = writeDecimal(data, at, line);
      data[at++] = SPACE;
      at += content.copy(data, at, start, end);
    }
    data[at++] = NEWLINE;
    start = end + 1;
  }
  return { data, lines: { source: rule.source, headerLines, header: headerLines ? first : '', lines, finalNewline } };
}

/** The original content from its numbered lines, byte for byte. */
export function fromNumberedLines(data: Buffer, lines: NumberedLines): Buffer {
  const header = Buffer.from(lines.header, 'latin1');
  const out = Buffer.allocUnsafe(data.length + header.length);
  let at = 0;
  let line = 0;
  for (let start = 0; start < data.length; ) {
    const end = data.indexOf(NEWLINE, start);
    if (end < 0) throw new Error('not a numbered-lines file');
    line++;
    if (line <= lines.headerLines) at += header.copy(out, at);
    else {
      const space = data.indexOf(SPACE, start);
      if (space < 0 || space > end) throw new Error('not a numbered-lines file');
      at += data.copy(out, at, space + 1, end);
    }
    out[at++] = NEWLINE;
    start = end + 1;
  }
  return out.subarray(0, lines.finalNewline ? at : at - 1);
}

const patterns = new Map<string, RegExp>();
/** A rule's pattern, compiled once per thread (rules arrive as text: they cross into the staging thread). */
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) { re = new RegExp(source); patterns.set(source, re); }
  return re;
}

function lineEnd(content: Buffer, start: number): number {
  const nl = content.indexOf(NEWLINE, start);
  return nl < 0 ? content.length : nl;
}
