// A virtualized result grid: only the rows in view are in the DOM; pages are fetched on demand as the analyst
// scrolls, so a million-row result scrolls as smoothly as a hundred. Every cell is a text node (log data is
// hostile). Keyboard: arrows/PageUp/PageDown/Home/End move (with Shift: extend the selection), Space toggles
// the row, Ctrl+A selects all, Enter opens the row detail, Ctrl+C copies the cell, Ctrl+Shift+C the row.
// Mouse: click selects, Shift-click extends, Ctrl/Cmd-click toggles — the rows a finding is made of.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStores, useUi } from '../stores/context';
import { cellText, copyText, isNull, isNumericType, rowTsv } from '../common/cell-text';
import { HEADER_HEIGHT, ROW_HEIGHT, defaultWidth, rowWindow, scrollTopFor } from './grid-geometry';
import { rowAt, type ResultView } from '../stores/result-view';
import { extendTo, isSelected, selectOnly, selectRange, toggle } from '../stores/row-selection';
import { GridHeader } from './GridHeader';
import { fitColumnWidths } from './column-widths';
import { canvasMeasure, gridFonts } from './measure-text';
import { useFindingMarks } from './finding-marks';
import { columnWindow, type ColumnWindow } from './column-window';

const GUTTER = 56;
/** Rows are placed relative to an anchor that moves in steps of this many rows, so a scroll re-renders only the rows that came into view. */
const ANCHOR_STEP = 256;
/** Rows within this many of the window are fetched ahead, so a wheel turn finds its rows loaded (decision 0051). */
const PREFETCH_ROWS = 120;

export function ResultGrid({ tabId, view }: { tabId: string; view: ResultView }) {
  const { queries, ui } = useStores();
  const selectedRow = useUi((s) => s.selectedRow);
  const selection = useUi((s) => s.selection);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(400);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [viewW, setViewW] = useState(1200);
  const [activeCol, setActiveCol] = useState(0);
  const [widths, setWidths] = useState<number[]>(() => view.columns.map((c) => defaultWidth(c.type, c.name)));
  const fitted = useRef<number[] | null>(null);
  const fittedFor = useRef<string | null>(null);
  const firstPage = view.pages[0];

  useEffect(() => { setActiveCol(0); scroller.current?.scrollTo({ top: 0 }); setScrollTop(0); }, [view.queryId, view.columns]);
  // Size columns to their content once per result, from the first page (sorting keeps the analyst's widths).
  useLayoutEffect(() => {
    const key = `${view.queryId}:${view.columns.length}`;
    if (fittedFor.current === key) return;
    if (!firstPage || !scroller.current) { fitted.current = null; setWidths(view.columns.map((c) => defaultWidth(c.type, c.name))); return; }
    fittedFor.current = key;
    fitted.current = fitColumnWidths(view.columns, firstPage, gridFonts(scroller.current), canvasMeasure());
    setWidths(fitted.current);
  }, [view.queryId, view.columns, firstPage]);
  const resetWidth = useCallback((k: number): number => fitted.current?.[k] ?? defaultWidth(view.columns[k]?.type ?? '', view.columns[k]?.name ?? ''), [view.columns]);
  useEffect(() => { scroller.current?.scrollTo({ top: 0 }); setScrollTop(0); }, [view.generation]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => { setViewH(el.clientHeight); setViewW(el.clientWidth); });
    ro.observe(el);
    setViewH(el.clientHeight);
    setViewW(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const win = rowWindow(view.rowCount, scrollTop, viewH);
  useEffect(() => { void queries.getState().ensureRows(tabId, Math.max(0, win.first - PREFETCH_ROWS), win.last + PREFETCH_ROWS); }, [queries, tabId, win.first, win.last, view.generation, view.queryId]);
  const inFindings = useFindingMarks(view, win.first, win.last);
  const colRange = columnWindow(widths, scrollLeft - GUTTER, viewW);
  const cols = useMemo(() => colRange, [colRange.first, colRange.last]);

  const totalW = GUTTER + widths.reduce((a, b) => a + b, 0);
  const template = useMemo(() => `${GUTTER}px ${widths.map((w) => `${w}px`).join(' ')}`, [widths]);
  const numeric = useMemo(() => view.columns.map((c) => isNumericType(c.type)), [view.columns]);

  /** Moves the focus to a row; `how` says what happens to the selection (keyboard and mouse alike). */
  const select = (row: number, col: number = activeCol, how: 'only' | 'extend' | 'toggle' | 'keep' = 'only') => {
    const r = Math.max(0, Math.min(view.rowCount - 1, row));
    setActiveCol(Math.max(0, Math.min(view.columns.length - 1, col)));
    const sel = ui.getState().selection;
    const next = how === 'extend' ? extendTo(sel.anchor === null && selectedRow !== null ? selectOnly(selectedRow) : sel, r) : how === 'toggle' ? toggle(sel, r) : how === 'keep' ? sel : selectOnly(r);
    ui.getState().set({ selectedRow: r, selection: next });
    const el = scroller.current;
    if (el) {
      const top = scrollTopFor(r, view.rowCount, el.scrollTop, el.clientHeight);
      if (top !== el.scrollTop) { el.scrollTop = top; setScrollTop(top); }
    }
  };
  const copy = (text: string, what: string) => { void navigator.clipboard?.writeText(text).then(() => ui.getState().notify(`Copied ${what}`), () => ui.getState().notify('Clipboard not available')); };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const cur = selectedRow ?? -1;
    const page = Math.max(1, Math.floor((viewH - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const how = e.shiftKey ? 'extend' : 'only';
    const keys: Record<string, () => void> = {
      ArrowDown: () => select(cur + 1, activeCol, how), ArrowUp: () => select(cur - 1, activeCol, how), PageDown: () => select(cur + page, activeCol, how), PageUp: () => select(cur - page, activeCol, how),
      ' ': () => select(Math.max(cur, 0), activeCol, 'toggle'),
      ArrowRight: () => select(Math.max(cur, 0), activeCol + 1, 'keep'), ArrowLeft: () => select(Math.max(cur, 0), activeCol - 1, 'keep'),
      Home: () => select(e.ctrlKey ? 0 : Math.max(cur, 0), e.ctrlKey ? activeCol : 0, e.ctrlKey ? how : 'keep'), End: () => select(e.ctrlKey ? view.rowCount - 1 : Math.max(cur, 0), e.ctrlKey ? activeCol : view.columns.length - 1, e.ctrlKey ? how : 'keep'),
      Enter: () => ui.getState().set({ detailOpen: true }),
    };
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      if (view.rowCount > 0) ui.getState().set({ selection: selectRange(0, view.rowCount - 1) });
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selectedRow !== null) {
      const row = rowAt(view, selectedRow);
      if (!row) return;
      e.preventDefault();
      if (e.shiftKey) copy(rowTsv(row), 'row'); else copy(copyText(row[activeCol]), 'cell');
      return;
    }
    const f = keys[e.key];
    if (f && view.rowCount > 0) { e.preventDefault(); f(); }
  };

  // The latest select() for the memoised rows, which keep one stable handler.
  const selectRef = useRef(select);
  selectRef.current = select;
  const handlers = useMemo(() => ({
    down: (i: number, e: React.MouseEvent) => {
      if (e.shiftKey) e.preventDefault();   // no text selection on Shift-click
      const c = Number((e.target as HTMLElement).closest<HTMLElement>('[data-col]')?.dataset.col ?? -1);
      selectRef.current(i, c >= 0 ? c : undefined, e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'only');
    },
    open: () => ui.getState().set({ detailOpen: true }),
  }), [ui]);

  const anchor = win.first - (win.first % ANCHOR_STEP);
  const rows: React.ReactNode[] = [];
  // Keyed by slot, not by row: a row that scrolls out hands its elements to the one that scrolls in (text
  // updates instead of removing and creating elements).
  const slots = Math.max(1, win.last - win.first);
  for (let i = win.first; i < win.last; i++) {
    const focused = i === selectedRow;
    rows.push(
      <GridRow key={i % slots} i={i} cols={cols} y={(i - anchor) * ROW_HEIGHT} row={rowAt(view, i)} columns={view.columns} numeric={numeric} template={template}
        picked={isSelected(selection, i)} focused={focused} activeCol={focused ? activeCol : -1} handlers={handlers} findings={inFindings.get(i)} />,
    );
  }
  return (
    <div ref={scroller} className="grid-scroll" data-testid="results-grid" role="grid" aria-multiselectable="true" aria-label="Query result" aria-rowcount={view.rowCount + 1} aria-colcount={view.columns.length + 1}
      tabIndex={0} onKeyDown={onKeyDown} onScroll={(e) => { setScrollTop(e.currentTarget.scrollTop); setScrollLeft(e.currentTarget.scrollLeft); }}>
      <div style={{ width: totalW, height: Math.max(win.scrollHeight, viewH) }}>
        <div className="grid-sticky" style={{ width: totalW, height: viewH }}>
          <GridHeader tabId={tabId} view={view} template={template} widths={widths} setWidths={setWidths} resetWidth={resetWidth} activeCol={activeCol} />
          <div className="grid-rows" role="rowgroup">
            <div className="grid-rows-anchor" style={{ transform: `translateY(${win.offsetY + (anchor - win.first) * ROW_HEIGHT}px)` }}>{rows}</div>
          </div>
          {view.rowCount === 0 && view.done && <p className="muted pad">No rows.</p>}
        </div>
      </div>
    </div>
  );
}

interface GridRowProps {
  i: number; y: number; cols: ColumnWindow; row: unknown[] | undefined; columns: ResultView['columns']; numeric: boolean[]; template: string;
  picked: boolean; focused: boolean; activeCol: number;
  /** Ids of the live findings that already hold this row (finding-marks.ts). */
  findings?: number[];
  handlers: { down(i: number, e: React.MouseEvent): void; open(): void };
}

/** Each row's cell texts, made once per fetched row (compact text of nested values is costly). */
const texts = new WeakMap<unknown[], string[]>();
function cellTexts(row: unknown[]): string[] {
  let t = texts.get(row);
  if (!t) { t = row.map(cellText); texts.set(row, t); }
  return t;
}

/** One row; memoised, so scrolling renders only the rows that came into view. Only the columns in view get cells. */
const GridRow = memo(function GridRow({ i, y, cols, row, columns, numeric, template, picked, focused, activeCol, handlers, findings }: GridRowProps) {
  const shown = row ? cellTexts(row) : undefined;
  const inFinding = findings ? findings.map((f) => `#${f}`).join(' ') : undefined;
  return (
    <div role="row" aria-rowindex={i + 2} aria-selected={picked} className={`grid-row${picked ? ' selected' : ''}${focused ? ' focused' : ''}${i % 2 ? ' odd' : ''}${inFinding ? ' in-finding' : ''}`} data-testid="result-row" data-row={i} data-selected={picked || undefined}
      data-in-finding={inFinding}
      style={{ transform: `translateY(${y}px)`, gridTemplateColumns: template }}
      onMouseDown={(e) => handlers.down(i, e)}
      onDoubleClick={handlers.open}>
      <div className="grid-gutter" role="rowheader" title={inFinding ? `In finding ${inFinding}` : undefined}>{i + 1}{inFinding && <span className="sr-only"> (in finding {inFinding})</span>}</div>
      {row && shown ? columns.slice(cols.first, cols.last).map((_c, j) => {
        const k = cols.first + j;
        const v = row[k];
        const text = shown[k]!;
        const active = k === activeCol;
        return (
          <div key={j} role="gridcell" data-testid="result-cell" data-col={k} aria-selected={active} aria-colindex={k + 2} style={j === 0 && k > 0 ? { gridColumnStart: k + 2 } : undefined}
            className={`grid-cell${numeric[k] ? ' num' : ''}${isNull(v) ? ' null' : ''}${typeof v === 'object' && v !== null ? ' nested' : ''}${active ? ' active' : ''}`}
            title={text.length > 30 ? text : undefined}>{text}</div>
        );
      }) : <div className="grid-cell loading" style={{ gridColumn: `2 / span ${columns.length}` }}>…</div>}
    </div>
  );
});
