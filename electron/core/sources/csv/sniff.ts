import { CsvRecordParser } from './record-parser';

// Decides from a text sample whether it is delimited text, and how: delimiter, header, column count.
// We sniff ourselves because DuckDB's sniffer reads a ragged file as one column without a word.

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

/** Records looked at per candidate delimiter. */
const SAMPLE_RECORDS = 500;
/** Share of sampled records that must contain the delimiter at all. */
const MIN_PRESENT_SHARE = 0.7;
/** Share of control characters above which text is binary, not CSV. */
const MAX_CONTROL_SHARE = 0.01;

export interface CsvLayout {
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  /** Header fields as written (null without a header). */
  header: string[] | null;
  /** Columns of the table: the header's count, or more when most data records are longer. */
  columnCount: number;
  /** Share of sampled records whose field count is the most common one (1 = perfectly regular). */
  regularity: number;
  sampledRecords: number;
}

export type SniffResult = { ok: true; layout: CsvLayout } | { ok: false; reason: string };

/**
 * @param text decoded sample (BOM already removed)
 * @param complete the sample is the whole file, so its last record is not cut off
 */
export function sniffCsv(text: string, complete: boolean): SniffResult {
  if (text.trim().length === 0) return { ok: false, reason: 'no text (empty or whitespace only)' };
  const binary = binaryReason(text);
  if (binary) return { ok: false, reason: binary };
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return { ok: false, reason: 'looks like JSON, not delimited text' };

  let best: { layout: CsvLayout; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const records = sampleRecords(text, delimiter, complete);
    const layout = layoutFor(delimiter, records);
    if (!layout) continue;
    // Regular field counts win; among equals the delimiter that splits into more columns.
    const score = layout.regularity * 1000 + Math.min(layout.columnCount, 999);
    if (!best || score > best.score) best = { layout, score };
  }
  if (!best) return { ok: false, reason: 'no delimiter (comma, semicolon, tab, pipe) splits the lines into columns consistently' };
  return { ok: true, layout: best.layout };
}

function binaryReason(text: string): string | null {
  const n = Math.min(text.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // A stray NUL is one damaged record (the importer rejects it), not a binary file: it counts like any
    // control character (decision 0031). UTF-16 without a BOM or real binary has far more than 1%.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) control++;
  }
  return control / n > MAX_CONTROL_SHARE ? 'binary content (control characters)' : null;
}

/** Parsed, non-blank records of the sample; a record cut off by the end of the sample is kept only if it is the only one. */
function sampleRecords(text: string, delimiter: string, complete: boolean): string[][] {
  const out: string[][] = [];
  const parser = new CsvRecordParser(delimiter);
  const take = (r: { fields: string[]; blank: boolean; error?: string }): void => {
    if (!r.blank && !r.error && out.length < SAMPLE_RECORDS) out.push(r.fields);
  };
  parser.push(text, complete, take);
  // A 10,000-column header can be longer than the probe: judge it on the part we have.
  if (out.length === 0 && !complete) parser.push('', true, take);
  return out;
}

function layoutFor(delimiter: CsvDelimiter, records: string[][]): CsvLayout | null {
  const first = records[0];
  if (!first || first.length < 2) return null;
  const present = records.filter((r) => r.length >= 2).length;
  if (present / records.length < MIN_PRESENT_SHARE) return null;

  const data = records.slice(1);
  const hasHeader = looksLikeHeader(first, data);
  const body = hasHeader ? data : records;
  const mode = modeOf(body.map((r) => r.length)) ?? first.length;
  const regular = body.length ? body.filter((r) => r.length === mode).length / body.length : 1;
  const maxLen = Math.max(first.length, ...body.map((r) => r.length));
  return {
    delimiter,
    hasHeader,
    header: hasHeader ? first : null,
    columnCount: hasHeader ? Math.max(first.length, mode) : maxLen,
    regularity: regular,
    sampledRecords: records.length,
  };
}

function modeOf(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && best !== undefined && v > best)) { best = v; bestCount = c; }
  return best;
}

type ValueKind = 'int' | 'float' | 'bool' | 'date' | 'ipv4' | 'text';

function kindOf(v: string): ValueKind {
  const s = v.trim();
  if (/^[+-]?\d+$/.test(s)) return 'int';
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(s)) return 'float';
  if (/^(true|false)$/i.test(s)) return 'bool';
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return 'date';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return 'ipv4';
  return 'text';
}

/**
 * Python csv.Sniffer's vote, tuned: per column, a header cell differs in kind from a column of numbers,
 * booleans, dates or addresses, or in length from a column of equal-length text. With no vote either
 * way, a first row of distinct, non-empty, non-numeric names is taken as a header (most exports have one).
 */
export function looksLikeHeader(first: string[], data: string[][]): boolean {
  const names = first.map((f) => f.trim());
  const plausibleNames = names.every((f) => f.length > 0 && kindOf(f) === 'text')
    && new Set(names.map((f) => f.toLowerCase())).size === names.length;
  let votes = 0;
  for (let col = 0; col < first.length; col++) {
    const values = data.map((r) => r[col]).filter((v): v is string => v !== undefined && v.trim() !== '');
    if (values.length === 0) continue;
    const kinds = new Set(values.map(kindOf));
    const head = first[col] ?? '';
    if (kinds.size === 1 && !kinds.has('text')) {
      const [kind] = kinds;
      votes += kindOf(head) === kind || (kind === 'float' && kindOf(head) === 'int') ? -1 : 1;
    } else if (kinds.size === 1) {
      const lengths = new Set(values.map((v) => v.length));
      if (lengths.size === 1) votes += lengths.has(head.length) ? -1 : 1;
    }
  }
  if (votes > 0) return names.every((f) => kindOf(f) === 'text');
  if (votes < 0) return false;
  return plausibleNames;
}
