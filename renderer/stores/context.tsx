// The stores, created once at start-up over the chosen transport, handed to components through context.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Client } from '../../shared/api';
import type { CaseStore } from './case-store';
import type { CatalogStore } from './catalog-store';
import type { QueryStore } from './query-store';
import type { FindingsStore } from './findings-store';
import type { ReportStore } from './report-store';
import type { TimelineStore } from './timeline-store';
import type { UiStore } from './ui-store';
import type { ResultWindowsStore } from './result-windows';

export interface Stores {
  client: Client;
  cases: CaseStore;
  queries: QueryStore;
  catalog: CatalogStore;
  findings: FindingsStore;
  timeline: TimelineStore;
  report: ReportStore;
  ui: UiStore;
  /** Histogram windows of results (result-windows.ts). */
  windows: ResultWindowsStore;
  /** Makes a server-relative download link usable (adds the loopback token). */
  downloadHref(url: string): string;
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const s = useContext(StoresContext);
  if (!s) throw new Error('StoresContext missing');
  return s;
}

type State<S> = S extends { getState(): infer T } ? T : never;

export function useCases<T>(select: (s: State<CaseStore>) => T): T { return useStore(useStores().cases, select); }
export function useQueries<T>(select: (s: State<QueryStore>) => T): T { return useStore(useStores().queries, select); }
export function useCatalog<T>(select: (s: State<CatalogStore>) => T): T { return useStore(useStores().catalog, select); }
export function useUi<T>(select: (s: State<UiStore>) => T): T { return useStore(useStores().ui, select); }
export function useFindings<T>(select: (s: State<FindingsStore>) => T): T { return useStore(useStores().findings, select); }
export function useTimeline<T>(select: (s: State<TimelineStore>) => T): T { return useStore(useStores().timeline, select); }
export function useWindows<T>(select: (s: State<ResultWindowsStore>) => T): T { return useStore(useStores().windows, select); }
export function useReport<T>(select: (s: State<ReportStore>) => T): T { return useStore(useStores().report, select); }
