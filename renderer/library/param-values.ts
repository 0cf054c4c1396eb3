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
