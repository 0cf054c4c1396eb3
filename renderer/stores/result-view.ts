// A query result as the grid sees it: known columns and row count, plus a sparse set of fetched pages.
// Pure functions only; the query store does the fetching.
import type { QueryColumn, QueryPage, QuerySort } from '../../shared/types';

export interface ResultView {
  queryId: string | null;
  columns: QueryColumn[];
  rowCount: number;
  done: boolean;
  elapsedMs: number;
  message: string | null;
  pageSize: number;
  /** page index → rows; pages far from where the analyst looks are dropped to bound memory. */
  pages: Record<number, unknown[][]>;
  sort: QuerySort | null;
  /** Bumped when the order changes, so pages fetched for the old order are ignored. */
  generation: number;
}

export const PAGE_SIZE = 500;
export const MAX_PAGES_KEPT = 40;

export function viewFromFirstPage(page: QueryPage, pageSize = PAGE_SIZE): ResultView {
  const pages: Record<number, unknown[][]> = {};
  // The first reply holds up to pageSize rows starting at 0: that is exactly page 0.
  if (page.rows.length > 0 || page.done) pages[0] = page.rows;
  return {
    queryId: page.queryId,
    columns: page.columns,
    rowCount: page.rowCount,
    done: page.done,
    elapsedMs: page.elapsedMs,
    message: page.message ?? null,
    pageSize,
    pages,
    sort: null,
    generation: 0,
  };
}

/** Page indexes covering rows [start, end) that are not loaded yet. */
export function missingPages(view: ResultView, start: number, end: number): number[] {
  const last = view.done ? Math.min(end, view.rowCount) : end;
  if (last <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / view.pageSize); p * view.pageSize < last; p++) {
    if (!(p in view.pages)) out.push(p);
  }
  return out;
}

export function rowAt(view: ResultView, index: number): unknown[] | undefined {
  return view.pages[Math.floor(index / view.pageSize)]?.[index % view.pageSize];
}

/** Adds a fetched page and drops the pages farthest from it beyond MAX_PAGES_KEPT. */
export function mergePage(view: ResultView, pageIndex: number, page: QueryPage): ResultView {
  const pages = { ...view.pages, [pageIndex]: page.rows };
  const keys = Object.keys(pages).map(Number);
  if (keys.length > MAX_PAGES_KEPT) {
    keys.sort((a, b) => Math.abs(b - pageIndex) - Math.abs(a - pageIndex));
    for (const k of keys.slice(0, keys.length - MAX_PAGES_KEPT)) delete pages[k];
  }
  // A short page at the end tells us where the result ends even before the engine says done.
  const seen = page.offset + page.rows.length;
  return { ...view, pages, rowCount: Math.max(page.rowCount, view.rowCount, seen), done: page.done || view.done };
}

/** Column header click: ascending → descending → unsorted. */
export function nextSort(current: QuerySort | null, column: string): QuerySort | null {
  if (!current || current.column !== column) return { column };
  if (!current.descending) return { column, descending: true };
  return null;
}

export function withSort(view: ResultView, sort: QuerySort | null): ResultView {
  return { ...view, sort, pages: {}, generation: view.generation + 1 };
}
