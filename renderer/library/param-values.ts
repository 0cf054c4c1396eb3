// Library parameter values: what the form shows (timestamps as "2024-05-01 13:00:00Z") and what is bound
// (timestamps as ISO-8601 "2024-05-01T13:00:00Z", the rest as typed).
import type { LibraryParam } from '../../shared/api';
import { formatUtc, parseUtc } from '../common/utc-time';

/** Form values as displayed: defaults, with timestamps in the readable UTC form. */
export function initialParams(params: LibraryParam[]): Record<string, string> {
  return Object.fromEntries(params.map((p) => {
    const v = p.default ?? '';
    const t = p.kind === 'timestamp' && v ? parseUtc(v) : null;
    return [p.name, t?.ok ? formatUtc(t.ms) : v];
  }));
}

export function missingParams(params: LibraryParam[], values: Record<string, string>): string[] {
  return params.filter((p) => p.required && !(values[p.name] ?? '').trim()).map((p) => p.label);
}

/** Labels of timestamp parameters whose text is not a readable time. */
export function invalidParams(params: LibraryParam[], values: Record<string, string>): string[] {
  return params.filter((p) => p.kind === 'timestamp' && (values[p.name] ?? '').trim() !== '' && !parseUtc(values[p.name] ?? '').ok).map((p) => p.label);
}

/** What is bound: timestamps as ISO-8601 UTC, the rest as typed. Unreadable times are left as typed. */
export function boundParams(params: LibraryParam[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...values };
  for (const p of params) {
    const t = p.kind === 'timestamp' ? parseUtc(values[p.name] ?? '') : null;
    if (t?.ok) out[p.name] = t.iso;
  }
  return out;
}

/**
 * The library's time helpers count from the evidence, not the wall clock (decision 0069): "end" is the whole
 * second after the case's last event (so both `BETWEEN $start AND $end` and `< $end` include it), and "−24h"
 * is a day before that. null when the case holds no dated event.
 */
export function evidenceEndMs(lastEventIso: string | null | undefined): number | null {
  const ms = lastEventIso ? Date.parse(lastEventIso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 + 1000 : null;
}
