// Queries run in this case (from the case store's audit-backed history), newest first, with the parameter
// values each ran with; searchable by SQL text or parameter value (in the core, over the whole history).
import { useEffect, useState } from 'react';
import { useQueries, useStores } from '../stores/context';
import { formatCount, formatDuration } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';

const SEARCH_DELAY_MS = 250;

export function HistoryPanel() {
  const { queries } = useStores();
  const history = useQueries((s) => s.history);
  const search = useQueries((s) => s.historySearch);
  const [text, setText] = useState(search);
  useEffect(() => { void queries.getState().loadHistory(); }, [queries]);
  useEffect(() => {
    if (text === queries.getState().historySearch) return;
    const t = setTimeout(() => void queries.getState().searchHistory(text), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [queries, text]);
  const open = (sql: string, params: Record<string, string>, run: boolean) => {
    const id = queries.getState().newTab({ sql, params });
    if (run) void queries.getState().run(id, { sql, params: Object.keys(params).length ? params : undefined, base: 0 });
  };
  return (
    <div className="side-panel" data-testid="history-panel">
      <header className="panel-header">
        <h2>History</h2>
        <span className="muted" data-testid="history-count">{history.length}</span>
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label="Refresh history" onClick={() => void queries.getState().loadHistory()}>⟳</button>
      </header>
      <input className="panel-filter" type="search" data-testid="history-search" aria-label="Search history by SQL or parameter value"
        placeholder="Search SQL or parameter values" value={text} onChange={(e) => setText(e.target.value)} />
      {history.length === 0 && <p className="muted pad" data-testid="history-empty">{search ? `No query in this case contains “${search}”.` : 'No queries run in this case yet.'}</p>}
      <ul className="history-list" aria-label="Query history">
        {history.map((h) => (
          <li key={h.id} className={`history-entry${h.error ? ' failed' : ''}`} data-testid="history-item">
            <div className="history-meta">
              <span title={h.at}>{formatUtc(h.at)}</span>
              <span className={h.error ? 'bad' : 'muted'}>{h.error ? h.status : `${h.rows !== null ? `${formatCount(h.rows)} rows` : 'rows not counted'} · ${h.durationMs !== null ? formatDuration(h.durationMs) : ''}`}</span>
            </div>
            <pre className="history-sql" title={h.error ?? undefined}>{h.sql}</pre>
            {Object.keys(h.params).length > 0 && (
              <dl className="history-params" data-testid="history-params" aria-label="Parameter values">
                {Object.entries(h.params).map(([k, v]) => <div key={k}><dt>${k}</dt><dd title={v}>{v}</dd></div>)}
              </dl>
            )}
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
