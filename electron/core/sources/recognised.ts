// AWS text formats Cairn recognises but cannot import yet. Recognising them keeps them from ever being
// read as CSV (a CloudFront RTMP log is tab-separated): they are listed
// as unsupported with what they are.
import { headLines } from './probe-text';

interface Known { label: string; test(lines: readonly string[]): boolean }

const KNOWN: Known[] = [
  { label: 'CloudFront log with a #Version/#Fields header but neither a standard nor a real-time log\'s fields (RTMP streaming)', test: (l) => /^#Version:\s*1\.0/.test(l[0] ?? '') && /^#Fields:/.test(l[1] ?? '') },
];

/** What a known-but-not-importable AWS format is, or null. */
export function recogniseKnownFormat(head: Buffer, complete: boolean): string | null {
  const lines = headLines(head, complete);
  const known = KNOWN.find((k) => k.test(lines));
  return known ? `${known.label}: recognised, but Cairn cannot import this format yet` : null;
}
