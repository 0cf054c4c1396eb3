// Tab strip for query tabs: click to switch, middle-click or × to close, + for a new one.
import { useQueries, useStores } from '../stores/context';

export function QueryTabs() {
  const { queries } = useStores();
  const tabs = useQueries((s) => s.tabs);
  const activeId = useQueries((s) => s.activeId);
  return (
    <div className="query-tabs" role="tablist" aria-label="Query tabs">
      {tabs.map((t) => (
        <div key={t.id} className={`query-tab${t.id === activeId ? ' active' : ''}`} onAuxClick={(e) => { if (e.button === 1) queries.getState().closeTab(t.id); }}>
          <button type="button" role="tab" aria-selected={t.id === activeId} data-testid="query-tab" className="query-tab-label" title={t.title}
            onClick={() => queries.getState().activate(t.id)}>
            {t.running && <span className="spinner" aria-label="running" />}
            {t.error && !t.running && <span className="dot-error" aria-label="error" />}
            {t.title}
          </button>
          {tabs.length > 1 && <button type="button" className="query-tab-close" aria-label={`Close ${t.title}`} onClick={() => queries.getState().closeTab(t.id)}>×</button>}
        </div>
      ))}
      <button type="button" className="query-tab-new" data-testid="new-tab" aria-label="New query tab" title="New query tab" onClick={() => queries.getState().newTab()}>+</button>
    </div>
  );
}
