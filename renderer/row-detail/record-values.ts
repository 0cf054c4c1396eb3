// Pure helpers of the row detail: a row as a record (JSON text opened into objects), which whole event it
// names, and the values its neighbourhood pivots on.
import type { EventSpine, QueryColumn, SurroundingPivot } from '../../shared/types';

/** Column label → value; JSON columns and JSON-looking text are parsed so the tree can open them. */
export function rowRecord(columns: QueryColumn[], row: unknown[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c, k) => [c.path ?? c.name, openJson(row[k] ?? null, c.type)]));
}

export function openJson(v: unknown, type = ''): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (type !== 'JSON' && !(t.startsWith('{') || t.startsWith('['))) return v;
  try { return JSON.parse(v) as unknown; } catch { return v; }
}

export type EventKey = { evidenceId: number; ordinal: number } | { eventId: string };

const at = (columns: QueryColumn[], name: string): number => columns.findIndex((c) => c.name.toLowerCase() === name);

/** How to find the row's whole event: its provenance, else a CloudTrail event id; null when the row says neither. */
export function eventKey(columns: QueryColumn[], row: unknown[]): EventKey | null {
  const e = at(columns, '_evidence_id');
  const o = at(columns, '_ordinal');
  if (e >= 0 && o >= 0 && row[e] !== null && row[o] !== null) {
    const evidenceId = Number(row[e]);
    const ordinal = Number(row[o]);
    if (Number.isSafeInteger(evidenceId) && Number.isSafeInteger(ordinal)) return { evidenceId, ordinal };
  }
  const id = at(columns, 'eventid');
  return id >= 0 && typeof row[id] === 'string' ? { eventId: row[id] } : null;
}

export interface Pivots { time: string | null; values: Partial<Record<SurroundingPivot, string>> }

const TIME_NAMES = ['event_time', 'event_ts', 'eventtime'];
const FALLBACK: Record<SurroundingPivot, string[]> = { principal: ['principal'], source_ip: ['source_ip', 'sourceipaddress'], target: ['target'] };

/** The time and pivot values: from the events view's row for the record when known, else from the row itself. */
export function pivots(spine: EventSpine | null, columns: QueryColumn[], row: unknown[]): Pivots {
  if (spine) {
    const values: Pivots['values'] = {};
    if (spine.principal) values.principal = spine.principal;
    if (spine.sourceIp) values.source_ip = spine.sourceIp;
    if (spine.target) values.target = spine.target;
    return { time: spine.eventTime && normalTime(spine.eventTime), values };
  }
  const pick = (names: string[]): string | null => {
    for (const n of names) { const k = at(columns, n); if (k >= 0 && typeof row[k] === 'string' && row[k] !== '') return row[k]; }
    return null;
  };
  const values: Pivots['values'] = {};
  for (const p of Object.keys(FALLBACK) as SurroundingPivot[]) { const v = pick(FALLBACK[p]); if (v) values[p] = v; }
  const t = pick(TIME_NAMES);
  return { time: t && normalTime(t), values };
}

/** `2024-05-01T10:00:00.000Z` / `2024-05-01 10:00:00.000000` → `2024-05-01 10:00:00[.fff]`; null if not a time. */
export function normalTime(t: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,9})?Z?$/.exec(t.trim());
  return m ? `${m[1]} ${m[2]}${m[3] ?? ''}` : null;
}
