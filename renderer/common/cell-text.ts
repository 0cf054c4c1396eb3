// How a result value reads in one grid cell: compact, single-line, bounded. Always plain text — values come
// from attacker-controlled logs and are only ever placed in text nodes.

const MAX_CELL = 400;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return clip(oneLine(v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return clip(compact(v, 0));
}

export function isNull(v: unknown): boolean { return v === null || v === undefined; }

/** `{arn: "...", type: "IAMUser"}` / `[3 items]`-style summary, short enough for a cell. */
function compact(v: unknown, depth: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (typeof v !== 'object') return String(v);
  if (depth >= 2) return Array.isArray(v) ? `[${v.length}]` : '{…}';
  if (Array.isArray(v)) {
    const head = v.slice(0, 5).map((x) => compact(x, depth + 1));
    return `[${head.join(', ')}${v.length > 5 ? `, … +${v.length - 5}` : ''}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined);
  const head = entries.slice(0, 6).map(([k, x]) => `${k}: ${compact(x, depth + 1)}`);
  return `{${head.join(', ')}${entries.length > 6 ? ', …' : ''}}`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ');
}

function clip(s: string): string {
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…` : s;
}

/** Full text for the clipboard: strings as they are, nested values as indented JSON. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v, null, 2);
  return String(v);
}

/** A row as tab-separated text (one line per row, like a spreadsheet paste). */
export function rowTsv(row: unknown[]): string {
  return row.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/[\t\r\n]+/g, ' ')).join('\t');
}

/** Numbers right-aligned like every spreadsheet: decided per column from its DuckDB type. */
export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i.test(type);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
