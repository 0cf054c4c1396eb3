// The integrity report as a plain-text table (for a terminal) and as JSON (for the case report and tools).
import { INTEGRITY_STATUSES, type IntegrityReport } from './types';

export const INTEGRITY_JSON_VERSION = 1;

/** Stable JSON: a version, then the report's plain data as is. */
export function renderIntegrityJson(report: IntegrityReport): string {
  return JSON.stringify({ cairnIntegrityReport: INTEGRITY_JSON_VERSION, ...report }, null, 2) + '\n';
}

// File names and reasons come from evidence: control characters would rewrite the terminal, so they are shown escaped.
const clean = (s: string | null): string => (s ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

const hour = (start: string | null, end: string | null): string => {
  if (!start && !end) return '-';
  return `${start ?? '?'} - ${end ?? '?'}`;
};

function table(headers: string[], rows: string[][], maxWidth: number[]): string[] {
  const cut = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s);
  const shown = rows.map((r) => r.map((c, i) => cut(c, maxWidth[i] ?? 80)));
  const widths = headers.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...shown.map(line)];
}

/** A text table per kind: digests (one per hour and region), log files, then what was not used. */
export function renderIntegrityText(report: IntegrityReport): string {
  const out: string[] = [];
  const counts = INTEGRITY_STATUSES.filter((s) => report.summary[s] > 0).map((s) => `${report.summary[s]} ${s}`);
  out.push(`CloudTrail integrity: ${report.digests.length} digest(s), ${report.logFiles.length} log file(s): ${counts.join(', ') || 'nothing to check'}`);
  out.push(`Public keys: ${report.publicKeys.length}; saved signature files: ${report.signatureFiles}`);
  out.push('', 'Digests');
  out.push(...table(['STATUS', 'ACCOUNT', 'REGION', 'TRAIL', 'HOUR (UTC)', 'DIGEST', 'REASON'],
    report.digests.map((d) => [d.status, d.account, d.region + (d.backfill ? ' (backfill)' : ''), d.trail, hour(d.startTime, d.endTime), d.relPath ?? d.s3Key, d.reason].map(clean)),
    [13, 16, 28, 32, 44, 100, Infinity]));
  out.push('', 'Log files');
  out.push(...table(['STATUS', 'ACCOUNT', 'REGION', 'HOUR (UTC)', 'FILE', 'REASON'],
    report.logFiles.map((f) => [f.status, f.account ?? '', f.region ?? '', hour(f.startTime, f.endTime), f.relPath ?? f.s3Key ?? '', f.reason].map(clean)),
    [13, 16, 16, 44, 120, Infinity]));
  if (report.ignored.length) {
    out.push('', 'Not used');
    out.push(...report.ignored.map((i) => `${clean(i.relPath)}: ${clean(i.reason)}`));
  }
  return out.join('\n') + '\n';
}
