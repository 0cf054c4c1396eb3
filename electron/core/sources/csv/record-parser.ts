// An incremental RFC 4180 record parser over decoded text. It owns the only CSV grammar in Cairn, so
// the sniffer and the importer agree on what a record is.
//
// Rules (lenient where real exports are sloppy, never silent about loss):
// - Fields are separated by one delimiter character; records end at \n, \r\n or a lone \r.
// - A field that starts with " is quoted: "" inside it is one ", delimiters and line breaks are data.
//   Text after the closing quote up to the next delimiter is kept as data (`"a"b` reads as `ab`).
// - A " inside an unquoted field is data.
// - A quoted field still open at the end of the file (or longer than MAX_RECORD_CHARS) cannot be read
//   as a record: its first physical line is reported as an error record and parsing resumes on the
//   next line, so one stray quote costs one line, not the rest of the file.
// - An empty line is reported as blank (not a record), so the importer can skip it without losing count.

export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export interface ParsedRecord {
  fields: string[];
  /** 1-based physical line on which the record starts. */
  line: number;
  /** The record's text without its line terminator. */
  raw: string;
  blank: boolean;
  /** Set when the text could not be read as a record (fields then holds nothing useful). */
  error?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

interface Attempt { fields: string[]; end: number; next: number; lines: number }

export class CsvRecordParser {
  private pending = '';
  private line = 1;
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Feeds decoded text; calls onRecord for each complete record. `final` marks the end of the input. */
  push(text: string, final: boolean, onRecord: (r: ParsedRecord) => void): void {
    const buf = this.pending.length ? this.pending + text : text;
    let pos = 0;
    while (pos < buf.length) {
      const a = this.parseAt(buf, pos, final);
      if (a) {
        const raw = buf.slice(pos, a.end);
        onRecord({ fields: a.fields, line: this.line, raw, blank: raw.length === 0 });
        this.line += a.lines;
        pos = a.next;
        continue;
      }
      // Incomplete: wait for more text unless this is the end or the record is implausibly long.
      if (!final && buf.length - pos <= MAX_RECORD_CHARS) break;
      const eol = nextLineEnd(buf, pos);
      if (!final && eol.next >= buf.length) {
        if (buf.length - pos > MAX_RECORD_CHARS) throw new Error(`a line longer than ${MAX_RECORD_CHARS} characters at line ${this.line}`);
        break;
      }
      onRecord({
        fields: [], line: this.line, raw: buf.slice(pos, eol.end), blank: false,
        error: final ? 'unterminated quoted field; this line was rejected and reading resumed on the next line'
          : `record longer than ${MAX_RECORD_CHARS} characters (unterminated quote?); this line was rejected`,
      });
      this.line += 1;
      pos = eol.next;
    }
    this.pending = pos < buf.length ? buf.slice(pos) : '';
  }

  /** One record starting at pos, or null when the text ends inside it (and more text may follow). */
  private parseAt(buf: string, pos: number, final: boolean): Attempt | null {
    const fields: string[] = [];
    const n = buf.length;
    const d = this.delim;
    let i = pos;
    let lines = 0;
    for (;;) {
      let field = '';
      if (i < n && buf.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const q = buf.indexOf('"', i);
          if (q < 0) return null; // still inside quotes
          field += buf.slice(i, q);
          lines += countLineBreaks(buf, i, q);
          if (q + 1 < n && buf.charCodeAt(q + 1) === QUOTE) { field += '"'; i = q + 2; continue; }
          if (q + 1 >= n && !final) return null; // cannot tell "" from a closing quote yet
          i = q + 1;
          break;
        }
      }
      // Unquoted text (or text after a closing quote) up to the delimiter or line end.
      const start = i;
      let c = 0;
      while (i < n) {
        c = buf.charCodeAt(i);
        if (c === d || c === LF || c === CR) break;
        i++;
      }
      if (i > start) field += buf.slice(start, i);
      fields.push(field);
      if (i >= n) {
        if (!final) return null;
        return { fields, end: n, next: n, lines: lines + 1 };
      }
      if (c === d) { i++; continue; }
      if (c === CR) {
        if (i + 1 >= n && !final) return null; // a \n may follow in the next chunk
        const next = i + 1 < n && buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        return { fields, end: i, next, lines: lines + 1 };
      }
      return { fields, end: i, next: i + 1, lines: lines + 1 };
    }
  }
}

/** Line breaks inside quoted text, counted the way record ends are (\r\n, \r, \n each one). */
function countLineBreaks(buf: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && (i + 1 >= to || buf.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

function nextLineEnd(buf: string, pos: number): { end: number; next: number } {
  for (let i = pos; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF) return { end: i, next: i + 1 };
    if (c === CR) return { end: i, next: i + 1 < buf.length && buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
  }
  return { end: buf.length, next: buf.length };
}
