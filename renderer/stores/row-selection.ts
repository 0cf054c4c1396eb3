// Which result rows are selected, as sorted, disjoint, inclusive ranges (a shift-click over 50,000 rows is one
// range, not 50,000 numbers). Click selects one row, Ctrl/Cmd-click toggles one, Shift-click extends from the
// anchor while keeping what was selected before the anchor was set — as in every file manager.

export type Range = readonly [number, number];

export interface RowSelection {
  ranges: Range[];
  /** Where Shift-extension starts; the last row clicked without Shift. */
  anchor: number | null;
  /** The ranges as they were when the anchor was set: Shift-extension adds to these. */
  base: Range[];
}

export const NO_SELECTION: RowSelection = { ranges: [], anchor: null, base: [] };

export function selectOnly(i: number): RowSelection {
  return { ranges: [[i, i]], anchor: i, base: [] };
}

export function toggle(sel: RowSelection, i: number): RowSelection {
  const ranges = isSelected(sel, i) ? subtract(sel.ranges, i) : normalize([...sel.ranges, [i, i]]);
  return { ranges, anchor: i, base: ranges };
}

export function extendTo(sel: RowSelection, i: number): RowSelection {
  const anchor = sel.anchor ?? i;
  const span: Range = [Math.min(anchor, i), Math.max(anchor, i)];
  return { ranges: normalize([...sel.base, span]), anchor, base: sel.base };
}

export function selectRange(first: number, last: number): RowSelection {
  if (last < first) return NO_SELECTION;
  return { ranges: [[first, last]], anchor: first, base: [] };
}

export function isSelected(sel: RowSelection, i: number): boolean {
  // Binary search: the grid asks this for every rendered row on every render.
  let lo = 0;
  let hi = sel.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = sel.ranges[mid]!;
    if (i < a) hi = mid - 1; else if (i > b) lo = mid + 1; else return true;
  }
  return false;
}

export function selectedCount(sel: RowSelection): number {
  return sel.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
}

/** The selected offsets in order, at most `limit` of them (callers check selectedCount first). */
export function selectedOffsets(sel: RowSelection, limit = Number.MAX_SAFE_INTEGER): number[] {
  const out: number[] = [];
  for (const [a, b] of sel.ranges) for (let i = a; i <= b && out.length < limit; i++) out.push(i);
  return out;
}

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function subtract(ranges: Range[], i: number): Range[] {
  const out: Range[] = [];
  for (const [a, b] of ranges) {
    if (i < a || i > b) { out.push([a, b]); continue; }
    if (a < i) out.push([a, i - 1]);
    if (i < b) out.push([i + 1, b]);
  }
  return out;
}
