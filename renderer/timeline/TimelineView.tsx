// The case timeline: every finding row across sources in event-time order, filterable by tag, with the
// report export (given by the shell) above it. All values come from logs and are text nodes.
import { useEffect } from 'react';
import { useCases, useFindings, useStores, useTimeline } from '../stores/context';
import { formatCount } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';
import { TIMELINE_LIMIT } from '../stores/timeline-store';
import type { ReactNode } from 'react';

/** `report` is the report export panel, placed by the shell above the events (the features stay apart). */
export function TimelineView({ report }: { report?: ReactNode }) {
  const { timeline, findings, ui } = useStores();
  const epoch = useCases((s) => s.epoch);
  const events = useTimeline((s) => s.events);
  const tag = useTimeline((s) => s.tag);
  const loading = useTimeline((s) => s.loading);
  const error = useTimeline((s) => s.error);
  const tags = useFindings((s) => s.tags);
  useEffect(() => { void timeline.getState().load(); void findings.getState().loadTags(); }, [timeline, findings, epoch]);
  const openFinding = (id: number) => { ui.getState().show('findings'); void findings.getState().openFinding(id); };
  return (
    <div className="timeline-view">
      <header className="view-header">
        <h2>Timeline &amp; report</h2>
        <span className="muted" data-testid="timeline-count" data-events={events.length}>{formatCount(events.length)} event{events.length === 1 ? '' : 's'}{events.length >= TIMELINE_LIMIT ? ` (first ${formatCount(TIMELINE_LIMIT)})` : ''}</span>
        {loading && <span className="spinner" role="status" aria-label="loading" />}
        <span className="spacer" />
        <label className="field-row">
          <span className="muted">Tag</span>
          <select data-testid="timeline-filter-tag" aria-label="Show events of findings with this tag" value={tag ?? ''} onChange={(e) => void timeline.getState().setTag(e.target.value || null)}>
            <option value="">All findings</option>
            {tags.map((t) => <option key={t.id} value={t.name}>{t.name}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={() => void timeline.getState().load()}>Refresh</button>
      </header>
      {report}
      {error && <div className="query-error" role="alert"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
      <div className="table-scroll timeline-table">
        {events.length === 0 && !loading ? <p className="muted pad" data-testid="timeline-empty">No finding rows{tag ? ` tagged ${tag}` : ''} yet.</p> : (
          <table className="data-table" aria-label="Timeline" data-testid="timeline">
            <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Source</th><th scope="col">Principal</th><th scope="col">Action</th><th scope="col">Source IP</th><th scope="col">Summary</th><th scope="col">Finding</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.rowId} data-testid="timeline-event" data-finding-id={e.findingId} data-time={e.time ?? ''}>
                  <td className="nowrap mono">{e.time ? formatUtc(e.time) : <span className="muted">undated</span>}</td>
                  <td>{e.source}</td>
                  <td className="clip" title={e.principal ?? ''}>{e.principal ?? '—'}</td>
                  <td>{e.action ?? '—'}</td>
                  <td className="mono">{e.sourceIp ?? '—'}</td>
                  <td className="clip" title={e.summary}>{e.summary}</td>
                  <td><button type="button" className="link" onClick={() => openFinding(e.findingId)} title={e.evidenceId !== null ? `evidence #${e.evidenceId}, record ${e.ordinal}` : 'no provenance'}>#{e.findingId} {e.findingTitle}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
