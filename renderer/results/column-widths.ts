// Result columns sized to their content on the first page: header (name + type) and a sample of values,
// measured in the fonts the grid really uses, clamped so one long value cannot push everything off screen.
import type { QueryColumn } from '../../shared/types';
import { cellText } from '../common/cell-text';

export type Measure = (text: string, font: string) => number;

export interface GridFonts { cell: string; headName: string; headType: string }

export const MIN_COLUMN = 60;
export const MAX_COLUMN = 420;
const SAMPLE_ROWS = 200;
/** Past this many characters a value is wider than MAX_COLUMN in any grid font: measure no further. */
const MEASURE_CHARS = 90;
const CELL_PAD = 16 + 2;            // .grid-cell padding + border and a pixel of air
const HEAD_PAD = 16 + 6 + 14 + 2;   // button padding, gap between name and type, room for the sort mark
const TYPE_SHOWN = 90;              // the type label may be ellipsized beyond this

/** The header's type label, as GridHeader shortens it. */
export function typeLabel(type: string): string {
  return type.length > 24 ? `${type.split('(')[0]}(…)` : type;
}

export function fitColumnWidths(columns: QueryColumn[], rows: readonly unknown[][], fonts: GridFonts, measure: Measure): number[] {
  const sample = rows.slice(0, SAMPLE_ROWS);
  return columns.map((c, k) => {
    const head = measure(c.name, fonts.headName) + Math.min(TYPE_SHOWN, measure(typeLabel(c.type), fonts.headType)) + HEAD_PAD;
    let widest = 0;
    const seen = new Set<string>();
    for (const row of sample) {
      const text = cellText(row[k]).slice(0, MEASURE_CHARS);
      if (seen.has(text)) continue;   // repeated values (event names, regions) are measured once
      seen.add(text);
      widest = Math.max(widest, measure(text, fonts.cell));
      if (widest + CELL_PAD >= MAX_COLUMN) break;
    }
    return Math.round(clamp(Math.max(head, widest + CELL_PAD), MIN_COLUMN, MAX_COLUMN));
  });
}

function clamp(v: number, lo: number, hi: number): number { return Math.max(lo, Math.min(hi, v)); }
