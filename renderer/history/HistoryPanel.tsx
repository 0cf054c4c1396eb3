// Queries run in this case (from the case store's audit-backed history), newest first; open or re-run.
import { useEffect } from 'react';
import { useQueries, useStores } from '../stores/context';
import { formatCount, formatDuration } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';

export function HistoryPanel() {
  const { queries } = useStores();
  const history = useQueries((s) => s.history);
  useEffect(() => { void queries.getState().loadHistory(); }, [queries]);
  const open = (sql: string, params: Record<string, string>, run: boolean) => {
    const id = queries.getState().newTab({ sql, params });
    if (run) void queries.getState().run(id, { sql, params: Object.keys(params).length ? params : undefined, base: 0 });
  };
  return (
    <div className="side-panel" data-testid="history-panel">
      <header className="panel-header">
        <h2>History</h2>
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label="Refresh history" onClick={() => void queries.getState().loadHistory()}>⟳</button>
      </header>
      {history.length === 0 && <p className="muted pad">No queries run in this case yet.</p>}
      <ul className="history-list" aria-label="Query history">
        {history.map((h) => (
          <li key={h.id} className={`history-entry${h.error ? ' failed' : ''}`} data-testid="history-item">
            <div className="history-meta">
              <span title={h.at}>{formatUtc(h.at)}</span>
              <span className={h.error ? 'bad' : 'muted'}>{h.error ? h.status : `${h.rows !== null ? formatCount(h.rows) : '?'} rows · ${h.durationMs !== null ? formatDuration(h.durationMs) : ''}`}</span>
            </div>
            <pre className="history-sql" title={h.error ?? undefined}>{h.sql}</pre>
            <div className="actions">
              <button type="button" className="btn btn-small" data-testid="history-rerun" onClick={() => open(h.sql, h.params, true)}>Re-run</button>
              <button type="button" className="btn btn-small" onClick={() => open(h.sql, h.params, false)}>Open</button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
