import type { Detection, Probe } from '../source';
import { sniffCsv } from './sniff';
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
  return {
    format: 'csv',
    confidence: CSV_CONFIDENCE,
    importable: true,
    note: `CSV, ${DELIMITER_NAMES[layout.delimiter] ?? layout.delimiter}-delimited, ${header}, ${layout.columnCount}${layout.hasHeader ? '' : '+'} columns, ${encoding}`,
  };
}
