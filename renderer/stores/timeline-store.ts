// The case timeline (every finding row in event-time order, optionally one tag's) and event-count histograms
// of open results, over the API client.
import { createStore } from 'zustand/vanilla';
import type { Client } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { TimeHistogram, TimelineEvent } from '../../shared/types';
import { toErrorInfo } from './errors';

export const TIMELINE_LIMIT = 5000;

export interface TimelineState {
  events: TimelineEvent[];
  tag: string | null;
  loading: boolean;
  /** Histograms by result query id (a result's histogram does not change while it is open). */
  histograms: Record<string, TimeHistogram>;
  histogramErrors: Record<string, ErrorInfo>;
  error: ErrorInfo | null;
}

export interface TimelineActions {
  load(): Promise<void>;
  setTag(tag: string | null): Promise<void>;
  /** `interval` in seconds; absent: the core picks a readable width. */
  loadHistogram(queryId: string, column?: string, interval?: number): Promise<TimeHistogram | null>;
  reset(): void;
}

/** Where a histogram is kept: per result, column and interval (a result's histogram does not change while it is open). */
export function histogramKey(queryId: string, column?: string, interval?: number): string {
  return [queryId, column ?? '', interval ?? 'auto'].join(':');
}

export type TimelineStore = ReturnType<typeof createTimelineStore>;

export function createTimelineStore(client: Client) {
  return createStore<TimelineState & TimelineActions>()((set, get) => ({
    events: [], tag: null, loading: false, histograms: {}, histogramErrors: {}, error: null,
    async load() {
      set({ loading: true, error: null });
      const tag = get().tag;
      try {
        const events = await client.call('timeline.events', { limit: TIMELINE_LIMIT, ...(tag ? { tag } : {}) });
        if (get().tag === tag) set({ events });
      } catch (e) {
        set({ error: toErrorInfo(e) });
      } finally {
        set({ loading: false });
      }
    },
    async setTag(tag) { set({ tag }); await get().load(); },
    async loadHistogram(queryId, column, interval) {
      const key = histogramKey(queryId, column, interval);
      const known = get().histograms[key];
      if (known) return known;
      try {
        const h = await client.call('timeline.histogram', { queryId, ...(column ? { column } : {}), ...(interval ? { interval } : {}) });
        set({ histograms: { ...get().histograms, [key]: h } });
        return h;
      } catch (e) {
        set({ histogramErrors: { ...get().histogramErrors, [key]: toErrorInfo(e) } });
        return null;
      }
    },
    reset() { set({ events: [], tag: null, histograms: {}, histogramErrors: {}, error: null }); },
  }));
}
