// Hooks over the findings, timeline and report stores (kept out of stores-context so it stays small).
import { useStore } from 'zustand';
import { useStores } from '../app/stores-context';
import type { FindingsStore } from '../stores/findings-store';
import type { ReportStore } from '../stores/report-store';
import type { TimelineStore } from '../stores/timeline-store';

type State<S> = S extends { getState(): infer T } ? T : never;

export function useFindings<T>(select: (s: State<FindingsStore>) => T): T { return useStore(useStores().findings, select); }
export function useTimeline<T>(select: (s: State<TimelineStore>) => T): T { return useStore(useStores().timeline, select); }
export function useReport<T>(select: (s: State<ReportStore>) => T): T { return useStore(useStores().report, select); }
