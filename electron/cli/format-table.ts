import { jsonReplacer } from '../../shared/csv';

const MAX_CELL = 80;

/** A plain aligned text table for terminals. Control characters in log values are shown escaped, never sent raw. */
export function formatTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, k) => Math.max(h.length, ...cells.map((r) => r[k]?.length ?? 0)));
  const line = (vals: string[]): string => vals.map((v, k) => v.padEnd(widths[k]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  let s = typeof v === 'object' ? JSON.stringify(v, jsonReplacer) : String(v);
  // Escape terminal control sequences (ANSI escapes in a user agent must not drive the analyst's terminal).
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > MAX_CELL ? s.slice(0, MAX_CELL - 1) + '…' : s;
}
