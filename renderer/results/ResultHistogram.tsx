// Event counts over time for the open result (timeline.histogram), drawn with uPlot — a canvas chart built
// for long time series. Dragging across it selects a time window, which fills this tab's $start and $end
// parameters (ISO-8601 UTC) for the next run; nothing is re-run behind the analyst's back.
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeHistogram } from '../../shared/types';
import { useStores, useTimeline } from '../stores/context';
import { formatCount } from '../common/cell-text';
import { formatUtc, isoUtc } from '../common/utc-time';

const HEIGHT = 120;

export function ResultHistogram({ tabId, queryId }: { tabId: string; queryId: string }) {
  const { timeline } = useStores();
  const histogram = useTimeline((s) => s.histograms[queryId]);
  const error = useTimeline((s) => s.histogramErrors[queryId]);
  useEffect(() => { void timeline.getState().loadHistogram(queryId); }, [timeline, queryId]);
  return (
    <section className="histogram" aria-label="Event count histogram" data-testid="histogram" data-state={error ? 'error' : histogram ? 'ready' : 'loading'}>
      {error && <p className="muted pad" data-testid="histogram-error">No histogram: {error.message}</p>}
      {!error && !histogram && <p className="muted pad">Counting events per time bucket…</p>}
      {histogram && <Chart tabId={tabId} h={histogram} />}
    </section>
  );
}

function Chart({ tabId, h }: { tabId: string; h: TimeHistogram }) {
  const { queries, ui } = useStores();
  const host = useRef<HTMLDivElement>(null);
  const total = h.buckets.reduce((n, [, c]) => n + c, 0);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el || h.buckets.length === 0) return;
    const css = getComputedStyle(document.documentElement);
    const colour = (v: string, d: string) => css.getPropertyValue(v).trim() || d;
    const accent = colour('--accent', '#4aa3df');
    const muted = colour('--fg-muted', '#999');
    const grid = colour('--border', '#333');
    const xs = h.buckets.map(([t]) => Date.parse(t) / 1000);
    const ys = h.buckets.map(([, n]) => n);
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth), height: HEIGHT,
      // Times on the axis in UTC like everywhere else in Cairn.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [{ ...axis }, { ...axis, size: 44, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatCount(v) : '')) }],
      series: [{}, { label: 'events', stroke: accent, fill: `${accent}88`, width: 1, paths: uPlot.paths.bars!({ size: [0.9, 40], align: 1 }), points: { show: false } }],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 2) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          // Whole buckets: from the start of the first touched bucket to the end of the last one.
          const step = h.bucketSeconds;
          const start = Math.floor(from / step) * step;
          const end = Math.ceil(to / step) * step;
          const tab = queries.getState().tabs.find((t) => t.id === tabId);
          if (!tab) return;
          queries.getState().setParams(tabId, { ...tab.params, start: isoUtc(start * 1000), end: isoUtc(end * 1000) });
          ui.getState().notify(`Window $start ${formatUtc(start * 1000)} → $end ${formatUtc(end * 1000)} set on this tab; run again to apply`);
        }],
      },
    };
    const plot = new uPlot(opts, [xs, ys], el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => { ro.disconnect(); plot.destroy(); };
  }, [h, tabId, queries, ui]);

  const first = h.buckets[0]?.[0];
  const last = h.buckets[h.buckets.length - 1]?.[0];
  return (
    <>
      <div className="histogram-meta muted">
        <span data-testid="histogram-summary" data-events={total} data-buckets={h.buckets.length}>
          {formatCount(total)} events on <code>{h.column}</code> · {formatCount(h.buckets.length)} buckets of {bucketLabel(h.bucketSeconds)}
          {first && last ? ` · ${formatUtc(first)} → ${formatUtc(last)}` : ''}{h.undated > 0 ? ` · ${formatCount(h.undated)} undated` : ''}
        </span>
        <span className="spacer" />
        <span>Drag across the chart to set <code>$start</code>/<code>$end</code></span>
      </div>
      {h.buckets.length === 0 ? <p className="muted pad">No dated rows.</p> : <div ref={host} className="histogram-plot" data-testid="histogram-plot" />}
    </>
  );
}

function bucketLabel(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
