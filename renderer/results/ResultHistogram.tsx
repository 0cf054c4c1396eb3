// Event counts over time for the open result (timeline.histogram), drawn with uPlot — a canvas chart built
// for long time series. Dragging across it shows only that window of the result (made by DuckDB over the
// result's table, decision 0065) and zooms the chart to it; "Whole result" goes back. The window also fills
// the tab's $start and $end for the next run. Axis labels are ISO-8601 UTC; a tooltip gives each bucket's
// start, end and count; the interval and a log scale are the analyst's choice.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeHistogram } from '../../shared/types';
import { useStores, useTimeline, useUi } from '../stores/context';
import { histogramKey } from '../stores/timeline-store';
import { formatCount } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';
import { INTERVALS, bucketLabel, bucketTooltip, brushWindow, countLabels, isoAxisLabels, logCounts, yAxisWidth } from './histogram/histogram-format';

const HEIGHT = 130;

export function ResultHistogram({ tabId, queryId }: { tabId: string; queryId: string }) {
  const { timeline } = useStores();
  const [interval, setBucket] = useState<number | undefined>(undefined);
  const [log, setLog] = useState(false);
  const key = histogramKey(queryId, undefined, interval);
  const histogram = useTimeline((s) => s.histograms[key]);
  const error = useTimeline((s) => s.histogramErrors[key]);
  useEffect(() => { void timeline.getState().loadHistogram(queryId, undefined, interval); }, [timeline, queryId, interval]);
  return (
    <section className="histogram" aria-label="Event count histogram" data-testid="histogram" data-state={error ? 'error' : histogram ? 'ready' : 'loading'}>
      <div className="histogram-meta muted">
        {histogram ? <Summary h={histogram} /> : <span>{error ? '' : 'Counting events per time bucket…'}</span>}
        <span className="spacer" />
        <label className="field-row">Interval
          <select data-testid="histogram-interval" aria-label="Histogram interval" value={interval ?? ''} onChange={(e) => setBucket(e.target.value ? Number(e.target.value) : undefined)}>
            {INTERVALS.map((i) => <option key={i.label} value={i.seconds ?? ''}>{i.label}</option>)}
          </select>
        </label>
        <label className="field-row"><input type="checkbox" data-testid="histogram-log" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale</label>
      </div>
      {error && <p className="muted pad" data-testid="histogram-error">No histogram: {error.message}</p>}
      {histogram && (histogram.buckets.length === 0 ? <p className="muted pad">No dated rows.</p> : <Chart tabId={tabId} h={histogram} log={log} />)}
    </section>
  );
}

function Summary({ h }: { h: TimeHistogram }) {
  const total = h.buckets.reduce((n, [, c]) => n + c, 0);
  const first = h.buckets[0]?.[0];
  const last = h.buckets[h.buckets.length - 1]?.[0];
  return (
    <span data-testid="histogram-summary" data-events={total} data-buckets={h.buckets.length} data-bucket-seconds={h.bucketSeconds} data-first={first ?? ''}>
      {formatCount(total)} events on <code>{h.column}</code> · {formatCount(h.buckets.length)} buckets of {bucketLabel(h.bucketSeconds)}
      {first && last ? ` · ${formatUtc(first)} → ${formatUtc(Date.parse(last) + h.bucketSeconds * 1000)}` : ''}{h.undated > 0 ? ` · ${formatCount(h.undated)} undated` : ''}
      {' · drag across the chart to show only that window'}
    </span>
  );
}

function Chart({ tabId, h, log }: { tabId: string; h: TimeHistogram; log: boolean }) {
  const { queries, ui, windows } = useStores();
  const theme = useUi((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const colour = (v: string, d: string) => css.getPropertyValue(v).trim() || d;
    const accent = colour('--accent', '#4d9de0');
    const fg = colour('--fg-muted', '#8b929d');
    const grid = colour('--border', '#33373f');
    const xs = h.buckets.map(([t]) => Date.parse(t) / 1000);
    const counts = h.buckets.map(([, n]) => n);
    const ys = log ? logCounts(counts) : counts;
    const max = Math.max(1, ...counts);
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth), height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      scales: {
        x: { time: true, range: (_u, lo, hi) => [lo, hi + h.bucketSeconds] },
        y: log ? { distr: 3, log: 10, range: () => [1, Math.pow(10, Math.ceil(Math.log10(max * 1.5)))] } : { range: () => [0, max * 1.1] },
      },
      axes: [
        // The labels drawn are also left on the element (the canvas holds no text a reader or a test can see).
        { ...axis, space: 140, values: (_u, ticks) => { const l = isoAxisLabels(ticks); el.dataset.xLabels = l.join('|'); return l; } },
        { ...axis, values: (_u, ticks) => { const l = countLabels(ticks); el.dataset.yLabels = l.join('|'); return l; },
          size: (_u, values) => { const w = yAxisWidth(values ?? [formatCount(max)]); el.dataset.yAxisWidth = String(w); return w; } },
      ],
      series: [{}, { label: 'events', stroke: accent, fill: `${accent}99`, width: 1, paths: uPlot.paths.bars!({ size: [0.9, 60], align: 1 }), points: { show: false } }],
      hooks: {
        setCursor: [(u) => {
          const t = tip.current;
          const i = u.cursor.idx;
          if (!t) return;
          if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) { t.hidden = true; return; }
          t.hidden = false;
          t.textContent = bucketTooltip(h.buckets[i]![0], h.bucketSeconds, h.buckets[i]![1]);
          t.dataset.bucket = String(i);
          const left = u.over.offsetLeft + u.cursor.left;
          t.style.left = `${Math.min(left + 12, el.clientWidth - 230)}px`;
        }],
        setSelect: [(u) => {
          if (u.select.width < 2) return;
          const w = brushWindow(u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'), h.bucketSeconds);
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          const tab = queries.getState().tabs.find((t) => t.id === tabId);
          if (!tab) return;
          queries.getState().setParams(tabId, { ...tab.params, start: w.start, end: w.end });
          void windows.apply(tabId, h.column, w.start, w.end).then((ok) => {
            if (ok) ui.getState().notify(`Showing ${formatUtc(w.start)} → ${formatUtc(w.end)} ($start/$end set too)`);
          });
        }],
      },
    };
    const plot = new uPlot(opts, [xs, ys] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => { ro.disconnect(); plot.destroy(); };
  }, [h, log, theme, tabId, queries, ui, windows]);

  return (
    <div className="histogram-chart">
      <div ref={host} className="histogram-plot" data-testid="histogram-plot" data-log={log} />
      <div ref={tip} className="histogram-tooltip" data-testid="histogram-tooltip" role="tooltip" hidden />
    </div>
  );
}
