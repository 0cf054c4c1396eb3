// Text measurement for column auto-size: one canvas reused, its font set only when it changes, and the grid's
// real fonts read from the computed style (themes and platforms differ in the monospace they resolve).
import type { GridFonts, Measure } from './column-widths';

let shared: Measure | null = null;

export function canvasMeasure(): Measure {
  if (shared) return shared;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (text) => text.length * 7.5;
  let font = '';
  shared = (text, f) => {
    if (f !== font) { ctx.font = f; font = f; }
    return ctx.measureText(text).width;
  };
  return shared;
}

export function gridFonts(grid: HTMLElement): GridFonts {
  const cell = getComputedStyle(grid);
  const sans = getComputedStyle(document.body).fontFamily;
  return { cell: `${cell.fontSize} ${cell.fontFamily}`, headName: `600 12px ${sans}`, headType: `10px ${cell.fontFamily}` };
}
