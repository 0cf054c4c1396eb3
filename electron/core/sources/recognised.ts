// AWS text formats Cairn recognises but cannot import yet. Recognising them keeps them from ever being
// read as CSV (a CloudFront log is tab-separated, a Route 53 query log space-separated): they are listed
// as unsupported with what they are.
import { headLines } from './vpc-flow/layout';

interface Known { label: string; test(lines: string[]): boolean }

const KNOWN: Known[] = [
  { label: 'CloudFront standard log (#Version/#Fields header)', test: (l) => /^#Version:\s*1\.0/.test(l[0] ?? '') && /^#Fields:/.test(l[1] ?? '') },
  { label: 'Route 53 public DNS query log (version 1.0, ISO-8601 time, hosted zone id)', test: (l) => /^1\.0 \d{4}-\d{2}-\d{2}T[\d:.]+Z Z[A-Z0-9]+ \S+ \S+ [A-Z]+ (UDP|TCP) /.test(l[0] ?? '') },
  { label: 'S3 server access log (bucket owner, bucket, [time])', test: (l) => /^\S+ \S+ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] /.test(l[0] ?? '') },
];

/** What a known-but-not-importable AWS format is, or null. */
export function recogniseKnownFormat(head: Buffer, complete: boolean): string | null {
  const lines = headLines(head, complete);
  const known = KNOWN.find((k) => k.test(lines));
  return known ? `${known.label}: recognised, but Cairn cannot import this format yet` : null;
}
