// Where a page's time goes while an action runs, from Chromium's own tools over CDP: the timeline trace's
// main-thread events by kind (script, style, layout, paint...) and the CPU profile's functions by self time.
// Used by `bench/ui-bench.ts --profile` to find what makes wheel scrolling slow.
import type { Page } from 'playwright-core';

export interface UiProfile {
  /** Main-thread time per trace event kind (top-level events only), ms. */
  mainThread: Array<{ event: string; ms: number; count: number }>;
  /** Main-thread time inside frames by rendering step (style, layout, paint...; inclusive), ms. */
  rendering: Array<{ event: string; ms: number; count: number }>;
  /** JavaScript functions by self time, ms (from the CPU profile). */
  functions: Array<{ fn: string; ms: number }>;
}

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; ts: number; args?: { name?: string } }
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'toplevel'].join(',');
/** Trace events that contain others: only their children are counted, so time is not counted twice. */
const CONTAINERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask', 'TaskGraphRunner::RunTask']);

/** Runs `action` while tracing and profiling the page; returns where the main thread spent its time. */
export async function profileDuring(page: Page, action: () => Promise<void>): Promise<UiProfile> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown as TraceEvent[])); });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop') as { profile: CpuProfile };
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { mainThread: mainThreadTime(events), rendering: renderingTime(events), functions: selfTimes(profile) };
}

/** Sums the direct children of the renderer main thread's tasks by name. */
function mainThreadTime(events: TraceEvent[]): UiProfile['mainThread'] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts);
  const totals = new Map<string, { ms: number; count: number }>();
  let coveredUntil = 0;
  for (const e of mine) {
    if (CONTAINERS.has(e.name)) continue;
    if (e.ts < coveredUntil) continue;          // inside an event already counted
    coveredUntil = e.ts + e.dur!;
    const t = totals.get(e.name) ?? { ms: 0, count: 0 };
    t.ms += e.dur! / 1000; t.count++;
    totals.set(e.name, t);
  }
  return [...totals].map(([event, t]) => ({ event, ms: round(t.ms), count: t.count })).sort((a, b) => b.ms - a.ms).slice(0, 15);
}

const STEPS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'PaintImage', 'Layerize', 'UpdateLayer', 'Commit', 'HitTest', 'FunctionCall', 'EventDispatch', 'ScrollLayer', 'RasterTask', 'IntersectionObserverController::computeIntersections', 'ParseAuthorStyleSheet', 'RecalculateStyles', 'LocalFrameView::RunPostLifecycleSteps', 'LocalFrameView::UpdateLifecyclePhases']);

function renderingTime(events: TraceEvent[]): UiProfile['rendering'] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const totals = new Map<string, { ms: number; count: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || typeof e.dur !== 'number' || !STEPS.has(e.name)) continue;
    const t = totals.get(e.name) ?? { ms: 0, count: 0 };
    t.ms += e.dur / 1000; t.count++;
    totals.set(e.name, t);
  }
  return [...totals].map(([event, t]) => ({ event, ms: round(t.ms), count: t.count })).sort((a, b) => b.ms - a.ms);
}

function selfTimes(profile: CpuProfile): UiProfile['functions'] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = f.functionName === '(idle)' || f.functionName === '(program)' || f.functionName === '(garbage collector)' ? f.functionName : `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  return [...totals].filter(([fn]) => fn !== '(idle)').map(([fn, ms]) => ({ fn, ms: round(ms) })).sort((a, b) => b.ms - a.ms).slice(0, 20);
}

function round(ms: number): number { return Math.round(ms * 10) / 10; }
