// Row windowing for the result grid. Browsers cap an element's height (~16–33 M px), so beyond that the
// scrollbar is scaled: scrollTop maps proportionally onto the row range instead of one pixel per pixel.
export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 28;
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface Window { first: number; last: number; offsetY: number; scrollHeight: number }

export function rowWindow(rowCount: number, scrollTop: number, viewHeight: number, overscan = 6): Window {
  const bodyView = Math.max(0, viewHeight - HEADER_HEIGHT);
  const contentH = rowCount * ROW_HEIGHT;
  const scrollHeight = HEADER_HEIGHT + Math.min(contentH, MAX_SCROLL_HEIGHT);
  const maxScroll = Math.max(1, scrollHeight - viewHeight);
  const maxVirtual = Math.max(0, contentH - bodyView);
  const virtualTop = contentH <= MAX_SCROLL_HEIGHT ? scrollTop : (Math.min(scrollTop, maxScroll) / maxScroll) * maxVirtual;
  const top = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT));
  const first = Math.max(0, top - overscan);
  const last = Math.min(rowCount, top + Math.ceil(bodyView / ROW_HEIGHT) + 1 + overscan);
  // Where row `first` is drawn, relative to the top of the rows area.
  const offsetY = (first - top) * ROW_HEIGHT - (virtualTop - top * ROW_HEIGHT);
  return { first, last, offsetY, scrollHeight };
}

/** The scrollTop that brings row `index` into view (used by keyboard navigation). */
export function scrollTopFor(index: number, rowCount: number, scrollTop: number, viewHeight: number): number {
  const bodyView = Math.max(ROW_HEIGHT, viewHeight - HEADER_HEIGHT);
  const contentH = rowCount * ROW_HEIGHT;
  const scrollHeight = HEADER_HEIGHT + Math.min(contentH, MAX_SCROLL_HEIGHT);
  const maxScroll = Math.max(1, scrollHeight - viewHeight);
  const maxVirtual = Math.max(1, contentH - bodyView);
  const toVirtual = (s: number) => (contentH <= MAX_SCROLL_HEIGHT ? s : (s / maxScroll) * maxVirtual);
  const fromVirtual = (v: number) => (contentH <= MAX_SCROLL_HEIGHT ? v : (v / maxVirtual) * maxScroll);
  const v = toVirtual(scrollTop);
  const rowTop = index * ROW_HEIGHT;
  if (rowTop < v) return fromVirtual(rowTop);
  if (rowTop + ROW_HEIGHT > v + bodyView) return fromVirtual(rowTop + ROW_HEIGHT - bodyView);
  return scrollTop;
}

/** A first guess at a column's width from its type; the analyst can drag it. */
export function defaultWidth(type: string, name: string): number {
  const t = type.toUpperCase();
  if (t.startsWith('STRUCT') || t.startsWith('MAP') || t.endsWith('[]') || t.startsWith('JSON')) return 280;
  if (t.startsWith('TIMESTAMP')) return 196;
  if (/INT|DOUBLE|FLOAT|DECIMAL|REAL/.test(t)) return Math.max(80, name.length * 8 + 28);
  if (t === 'BOOLEAN') return 80;
  return Math.max(120, Math.min(220, name.length * 8 + 40));
}
