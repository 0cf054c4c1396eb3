import type { Detection, Probe } from '../source';
import { sniffCsv, type CsvLayout } from './sniff';
import { csvDecoder, sampleEncoding } from './text-encoding';

/**
 * Low on purpose: CSV is the catch-all for delimited text, so any specific format (CloudTrail JSON,
 * VPC flow logs) that recognises the file must win over it.
 */
export const CSV_CONFIDENCE = 0.2;

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Delimited text with at least two columns, in UTF-8, UTF-16 (with BOM) or a single-byte encoding. */
export function detectCsv(probe: Probe): Detection | null {
  if (probe.head.length === 0) return null;
  const encoding = sampleEncoding(probe.head);
  const text = csvDecoder(encoding).decode(probe.head);
  const sniffed = sniffCsv(text, probe.head.length >= probe.size);
  if (!sniffed.ok) return null;
  const { layout } = sniffed;
  const header = layout.hasHeader ? 'with header' : 'no header';
  const consistent = consistentHeader(layout);
  return {
    format: 'csv',
    confidence: CSV_CONFIDENCE,
    importable: true,
    ...(consistent ? {} : { tentative: true }),
    note: `CSV, ${DELIMITER_NAMES[layout.delimiter] ?? layout.delimiter}-delimited, ${header}, ${layout.columnCount}${layout.hasHeader ? '' : '+'} columns, ${encoding}` +
      `${consistent ? '' : `; not taken as CSV without the analyst: ${layout.hasHeader ? 'the header does not fit the records' : 'no header'}`}`,
  };
}

/** Share of data records that must have the header's field count. */
const CONSISTENT_SHARE = 0.9;
const MAX_HEADER_CELL = 128;

/**
 * A header CSV can be taken on its own: distinct, short names without quotes (a log line cut at a comma has
 * quotes and timestamps in it), as many as the records have fields.
 */
function consistentHeader(layout: CsvLayout): boolean {
  const header = layout.header;
  if (!layout.hasHeader || !header || layout.sampledRecords < 2) return false;
  const plausible = header.every((h) => h.trim().length > 0 && h.length <= MAX_HEADER_CELL && !h.includes('"'));
  return plausible && header.length === layout.columnCount && layout.regularity >= CONSISTENT_SHARE;
}
