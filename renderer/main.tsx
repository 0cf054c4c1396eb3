// Entry point: pick the transport, create the stores, render the workbench.
import { createRoot } from 'react-dom/client';
import { createClient } from '../shared/api';
import { App } from './shell/App';
import { StoresContext, type Stores } from './stores/context';
import { createUiStore } from './stores/ui-store';
import { setupMonaco } from './monaco/setup';
import { setCompletionCatalog } from './monaco/sql-providers';
import { createCaseStore } from './stores/case-store';
import { createCatalogStore } from './stores/catalog-store';
import { createQueryStore } from './stores/query-store';
import { createFindingsStore } from './stores/findings-store';
import { createReportStore } from './stores/report-store';
import { createTimelineStore } from './stores/timeline-store';
import { createTransport, takeToken } from './transport';
import { createResultWindows } from './stores/result-windows';
import { persistQueryTabs } from './stores/tab-persistence';
import './styles/base.css';
import './styles/layout.css';
import './styles/widgets.css';
import './styles/forms.css';
import './styles/findings.css';

setupMonaco();
const transport = createTransport();
const loopbackToken = window.cairn ? '' : takeToken();
const client = createClient(transport);
const queries = createQueryStore(client);
const stores: Stores = {
  client,
  cases: createCaseStore(client),
  queries,
  windows: createResultWindows(client, queries),
  catalog: createCatalogStore(client),
  findings: createFindingsStore(client),
  timeline: createTimelineStore(client),
  report: createReportStore(client),
  ui: createUiStore(),
  downloadHref: (url) => (loopbackToken ? `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(loopbackToken)}` : url),
};
setCompletionCatalog(() => stores.catalog.getState());
// Each case's query tabs are restored on open and saved as they change (case.sqlite).
persistQueryTabs(client, stores.cases, stores.queries);

// The catalog follows the case: reload on open/close and when an import adds tables.
stores.cases.subscribe((s, prev) => {
  if (s.current?.id !== prev.current?.id) {
    stores.queries.getState().reset();
    stores.findings.getState().reset();
    stores.timeline.getState().reset();
    stores.report.getState().reset();
  }
  if (s.epoch !== prev.epoch || s.current?.id !== prev.current?.id) {
    if (s.current) { void stores.catalog.getState().refresh(); void stores.queries.getState().loadHistory(); } else stores.catalog.getState().clear();
  }
  const finished = s.runs.filter((r) => r.summary && !prev.runs.find((p) => p.runId === r.runId && p.summary));
  if (finished.length > 0) void stores.catalog.getState().refreshTables();
});
void stores.cases.getState().init();

createRoot(document.getElementById('root')!).render(
  <StoresContext.Provider value={stores}>
    <App />
  </StoresContext.Provider>,
);
