// The coverage heatmap's layout, apart from drawing: one row per stream (source, account, region), one column
// per UTC hour from the case's first to its last covered hour; each cell holds its events or marks a gap.
import type { CoverageLedger } from '../../shared/coverage';

const HOUR_MS = 3_600_000;
/** Above this many columns the map would be unreadable and costly: the analyst narrows it (not yet: noted). */
export const MAX_COLUMNS = 24 * 366;

export type CellState = 'events' | 'gap' | 'digest-empty' | 'off' | 'outside';

export interface HeatmapRow { source: string; account: string; region: string; label: string }

export interface Heatmap {
  rows: HeatmapRow[];
  /** Epoch ms of column 0. */
  start: number;
  columns: number;
  /** events[row][col]: the count, or -1 for no events. */
  events: Int32Array[];
  state: CellState[][];
  max: number;
  truncated: boolean;
}

export function heatmapLayout(l: CoverageLedger): Heatmap {
  const rows: HeatmapRow[] = l.streams.filter((s) => s.firstHour).map((s) => ({ source: s.source, account: s.account, region: s.region, label: `${s.source} ${s.account || '?'} ${s.region || '?'}` }));
  const hours = l.streams.filter((s) => s.firstHour).flatMap((s) => [Date.parse(s.firstHour), Date.parse(s.lastHour)]);
  if (rows.length === 0 || hours.length === 0) return { rows: [], start: 0, columns: 0, events: [], state: [], max: 0, truncated: false };
  const start = Math.min(...hours);
  const full = (Math.max(...hours) - start) / HOUR_MS + 1;
  const columns = Math.min(full, MAX_COLUMNS);
  const index = new Map(rows.map((r, i) => [key(r.source, r.account, r.region), i]));
  const events = rows.map(() => new Int32Array(columns).fill(-1));
  const state: CellState[][] = rows.map(() => new Array<CellState>(columns).fill('outside'));
  const col = (iso: string): number => (Date.parse(iso) - start) / HOUR_MS;
  let max = 0;
  for (const s of l.streams) {
    const r = index.get(key(s.source, s.account, s.region));
    if (r === undefined) continue;
    for (let c = Math.max(0, col(s.firstHour)); c <= Math.min(columns - 1, col(s.lastHour)); c++) state[r]![c] = 'gap';
  }
  for (const cell of l.cells) {
    const r = index.get(key(cell.source, cell.account, cell.region));
    const c = col(cell.hour);
    if (r === undefined || c < 0 || c >= columns) continue;
    events[r]![c] = cell.events;
    state[r]![c] = 'events';
    if (cell.events > max) max = cell.events;
  }
  for (const g of l.gaps.filter((x) => x.reason === 'digest-empty')) {
    const r = index.get(key(g.source, g.account, g.region));
    const c = col(g.from);
    if (r !== undefined && c >= 0 && c < columns && state[r]![c] !== 'events') state[r]![c] = 'digest-empty';
  }
  // Hours inside a window where logging was off, for the streams of that account (CloudTrail only: its trail).
  for (const w of l.windows.filter((x) => x.kind === 'off')) {
    const from = Math.floor(Date.parse(w.from) / HOUR_MS) * HOUR_MS;
    const to = w.to ? Date.parse(w.to) : start + columns * HOUR_MS;
    rows.forEach((row, r) => {
      if (row.source !== 'cloudtrail' || row.account !== w.account) return;
      for (let t = from; t < to; t += HOUR_MS) {
        const c = (t - start) / HOUR_MS;
        if (c >= 0 && c < columns && state[r]![c] !== 'outside') state[r]![c] = 'off';
      }
    });
  }
  return { rows, start, columns, events, state, max, truncated: full > columns };
}

const key = (source: string, account: string, region: string): string => `${source}\u0000${account}\u0000${region}`;

export const hourIso = (h: Heatmap, col: number): string => new Date(h.start + col * HOUR_MS).toISOString().replace('.000Z', 'Z');
