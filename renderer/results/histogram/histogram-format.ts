// Pure helpers of the result histogram: ISO-8601 UTC axis labels, bucket ranges for tooltips and brushed
// windows, the interval choices, the y axis' width and log-scale values. No DOM.
import { formatCount } from '../../common/cell-text';
import { isoUtc } from '../../common/utc-time';

/** Interval choices (seconds); `auto` lets the core pick a readable width for the range. */
export const INTERVALS: ReadonlyArray<{ label: string; seconds: number | undefined }> = [
  { label: 'auto', seconds: undefined }, { label: '1 s', seconds: 1 }, { label: '1 min', seconds: 60 }, { label: '5 min', seconds: 300 },
  { label: '15 min', seconds: 900 }, { label: '1 h', seconds: 3600 }, { label: '6 h', seconds: 6 * 3600 }, { label: '1 day', seconds: 86400 },
  { label: '7 days', seconds: 7 * 86400 },
];

export function bucketLabel(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/**
 * Axis labels for tick positions (epoch seconds) in ISO-8601 UTC, as precise as the ticks' spacing needs:
 * `2024-05-01` for whole days, `2024-05-01T13:05Z` for minutes, `2024-05-01T13:05:30Z` below.
 */
export function isoAxisLabels(ticks: number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 86400;
  return ticks.map((t) => {
    if (!Number.isFinite(t)) return '';
    const iso = new Date(Math.round(t * 1000)).toISOString();
    if (step >= 86400 && t % 86400 === 0) return iso.slice(0, 10);
    if (step >= 60 && t % 60 === 0) return `${iso.slice(0, 16)}Z`;
    return `${iso.slice(0, 19)}Z`;
  });
}

/** A bucket's [start, end) in ISO-8601 UTC. */
export function bucketRange(startIso: string, bucketSeconds: number): { start: string; end: string } {
  const ms = Date.parse(startIso);
  return { start: isoUtc(ms), end: isoUtc(ms + bucketSeconds * 1000) };
}

/** What the tooltip says of one bucket. */
export function bucketTooltip(startIso: string, bucketSeconds: number, count: number): string {
  const r = bucketRange(startIso, bucketSeconds);
  return `${r.start} – ${r.end}\n${formatCount(count)} event${count === 1 ? '' : 's'}`;
}

/** A brushed span (epoch seconds) widened to whole buckets: from the first touched bucket's start to the last one's end. */
export function brushWindow(from: number, to: number, bucketSeconds: number): { start: string; end: string } {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const start = Math.floor(lo / bucketSeconds) * bucketSeconds;
  const end = Math.max(start + bucketSeconds, Math.ceil(hi / bucketSeconds) * bucketSeconds);
  return { start: isoUtc(start * 1000), end: isoUtc(end * 1000) };
}

/** Y axis labels: counts as whole numbers (a log axis' fractional ticks are left blank). */
export function countLabels(ticks: number[]): string[] {
  return ticks.map((v) => (Number.isInteger(v) ? formatCount(v) : ''));
}

/** Pixels the y axis needs so its longest label is never clipped (labels in the chart's 11px font). */
export function yAxisWidth(labels: string[], charPx = 7, pad = 18): number {
  return Math.max(32, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * charPx + pad));
}

/** On a log scale an empty bucket has no height: null, not log(0). */
export function logCounts(counts: number[]): Array<number | null> {
  return counts.map((n) => (n > 0 ? n : null));
}
