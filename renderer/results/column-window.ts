// Which columns of a wide result get cells: those in the horizontal view and one view's width either side.
// Narrow results keep every cell; wide rows drew far more DOM than the view shows (decision 0051).

/** Results with at most this many columns render every cell. */
export const ALL_COLUMNS_UP_TO = 16;

export interface ColumnWindow { first: number; last: number }

/** Columns [first, last) overlapping [left - viewWidth, left + 2 * viewWidth) in the columns' own coordinates. */
export function columnWindow(widths: number[], left: number, viewWidth: number): ColumnWindow {
  if (widths.length <= ALL_COLUMNS_UP_TO) return { first: 0, last: widths.length };
  const lo = left - viewWidth;
  const hi = left + 2 * viewWidth;
  let x = 0;
  let first = widths.length;
  let last = 0;
  for (let k = 0; k < widths.length; k++) {
    const end = x + widths[k]!;
    if (end > lo && x < hi) { first = Math.min(first, k); last = k + 1; }
    x = end;
  }
  return first < last ? { first, last } : { first: 0, last: Math.min(widths.length, 1) };
}
