import type { RowSnapshot, TimelineEvent } from '../../../shared/findings';

/** What the timeline shows of one finding row, read from its snapshot by well-known column names. */
export type EventFields = Pick<TimelineEvent, 'time' | 'source' | 'principal' | 'action' | 'sourceIp' | 'summary'>;

// Column names looked for, in order of preference (lower case). CloudTrail, VPC flow logs, then CSV habits.
const TIME_COLUMNS = ['event_ts', 'eventtime', 'start', '_cloudwatch_time', 'timestamp', 'time', 'event_time', 'date'];
const EPOCH_COLUMNS = new Set(['start', 'end']);
const PRINCIPAL_COLUMNS = ['arn', 'principal', 'principal_arn', 'useridentity_arn', 'username', 'user', 'user_name', 'interface_id'];
const ACTION_COLUMNS = ['eventname', 'action', 'event', 'event_name', 'operation'];
const IP_COLUMNS = ['sourceipaddress', 'srcaddr', 'source_ip', 'src_ip', 'sourceip', 'client_ip', 'ip'];
const SUMMARY_MAX = 240;

export function eventFields(s: RowSnapshot, format: string | null): EventFields {
  const byName = new Map<string, { value: unknown; type: string }>();
  s.columns.forEach((c, k) => { const key = c.name.toLowerCase(); if (!byName.has(key)) byName.set(key, { value: s.values[k], type: c.type }); });
  const text = (name: string): string | null => {
    const v = byName.get(name)?.value;
    return v === null || v === undefined || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const first = (names: string[]): string | null => { for (const n of names) { const t = text(n); if (t !== null) return t; } return null; };
  // What a summary says instead of a value: which column the query did not select, or that it was empty.
  const say = (name: string, value = text(name)): string => value ?? (byName.has(name) ? `(no ${name})` : `(${name} not selected)`);

  const source = format ?? (byName.has('eventname') || byName.has('eventsource') ? 'cloudtrail' : byName.has('srcaddr') && byName.has('dstaddr') ? 'vpcflow' : 'query');
  const principal = identityArn(byName.get('useridentity')?.value) ?? first(PRINCIPAL_COLUMNS);
  const action = first(ACTION_COLUMNS);
  const sourceIp = first(IP_COLUMNS);
  let summary: string;
  if (byName.has('srcaddr') && byName.has('dstaddr')) {
    summary = `${say('srcaddr')}:${say('srcport')} -> ${say('dstaddr')}:${say('dstport')} protocol ${say('protocol')} ${text('action') ?? ''} (${say('packets')} packets, ${say('bytes')} bytes)`;
  } else if (byName.has('eventname')) {
    const err = text('errorcode');
    const ip = sourceIp ?? (IP_COLUMNS.some((n) => byName.has(n)) ? '(no source IP)' : '(source IP not selected)');
    const who = principal ?? (byName.has('useridentity') || PRINCIPAL_COLUMNS.some((n) => byName.has(n)) ? '(no principal)' : '(principal not selected)');
    summary = `${who} called ${say('eventsource')} ${say('eventname', action)} from ${ip}${err ? ` (failed: ${err})` : ''}`;
  } else {
    summary = s.columns.map((c, k) => [c.name, s.values[k]] as const)
      .filter(([n, v]) => !n.startsWith('_') && v !== null && v !== undefined)
      .map(([n, v]) => `${n}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ');
  }
  return { time: eventTime(s), source, principal, action, sourceIp, summary: clip(summary.replace(/\s+/g, ' ').trim()) };
}

/** The row's event time as ISO-8601 UTC, or null when no known time column holds a readable value. */
export function eventTime(s: RowSnapshot): string | null {
  const cols = s.columns.map((c, k) => ({ name: c.name.toLowerCase(), type: c.type.toUpperCase(), value: s.values[k] }));
  const ordered = [
    ...TIME_COLUMNS.flatMap((n) => cols.filter((c) => c.name === n)),
    ...cols.filter((c) => /^(TIMESTAMP|DATE)/.test(c.type)),
  ];
  for (const c of ordered) {
    const iso = EPOCH_COLUMNS.has(c.name) && /INT/.test(c.type) ? fromEpochSeconds(c.value) : toIsoUtc(c.value);
    if (iso) return iso;
  }
  return null;
}

/** DuckDB text timestamps ("2024-07-31 13:06:24.5", "...+00", "2024-01-02") and ISO text, read as UTC. */
export function toIsoUtc(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
  if (!m) return null;
  const zone = !m[3] || m[3] === 'Z' ? 'Z' : m[3].length === 3 ? `${m[3]}:00` : m[3].includes(':') ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function fromEpochSeconds(v: unknown): string | null {
  const n = Number(v);
  if (v === null || v === '' || !Number.isFinite(n) || Math.abs(n) > 1e11) return null;
  return new Date(n * 1000).toISOString();
}

function identityArn(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  for (const k of ['arn', 'username', 'principalid']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
}

function clip(s: string): string {
  return s.length > SUMMARY_MAX ? s.slice(0, SUMMARY_MAX - 1) + '…' : s;
}
