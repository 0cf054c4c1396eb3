// Times shown to the analyst are UTC and unambiguous: "2026-11-27 05:02:13Z", never the browser's local,
// 12-hour, locale-ordered form (a report read in another time zone must say the same thing).

/** "2026-11-27 05:02:13Z" for an ISO string, epoch ms or Date; the input unchanged when it is not a time. */
export function formatUtc(t: string | number | Date | null | undefined): string {
  if (t === null || t === undefined || t === '') return '—';
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** The wire form the engine binds: "2026-11-27T05:02:13Z". */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

export type ParsedUtc = { ok: true; iso: string; ms: number } | { ok: false; reason: string };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an analyst-typed time: ISO-8601 date or date-time, "T" or a space between, seconds optional. No suffix,
 * "Z" or "UTC" mean UTC (the field says so); an explicit offset such as +02:00 is converted to UTC.
 * Calendar-impossible dates (2026-02-30) are refused rather than silently rolled over.
 */
export function parseUtc(text: string): ParsedUtc {
  const m = PATTERN.exec(text.trim());
  if (!m) return { ok: false, reason: 'use YYYY-MM-DD HH:MM:SS (UTC), e.g. 2026-11-27 05:02:13Z' };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Date.UTC(...parts) + Math.floor(Number(`0.${frac || '0'}`) * 1000);
  const back = new Date(Date.UTC(...parts));
  if (back.getUTCFullYear() !== parts[0] || back.getUTCMonth() !== parts[1] || back.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    return { ok: false, reason: 'no such date or time' };
  }
  const offsetMin = zoneOffsetMinutes(zone);
  const utcMs = ms - offsetMin * 60_000;
  return { ok: true, ms: utcMs, iso: isoUtc(utcMs) };
}

function zoneOffsetMinutes(zone: string): number {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
