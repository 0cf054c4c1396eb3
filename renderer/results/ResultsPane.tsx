// The bottom-right pane: result header (row count, elapsed, export, cancel), errors, the grid and the
// row detail pane.
import { useEffect, useState, type ComponentType } from 'react';
import { useQueries, useStores, useUi } from '../stores/context';
import { Splitter } from '../common/Splitter';
import { formatCount, formatDuration } from '../common/cell-text';
import { rowAt, type ResultView } from '../stores/result-view';
import { NO_SELECTION } from '../stores/row-selection';
import { ResultGrid } from './ResultGrid';
import { SelectionCount, useFindingActions } from './ResultFindingActions';
import { OverflowToolbar, type ToolbarAction } from '../common/OverflowToolbar';
import { ResultHistogram } from './ResultHistogram';
import { ResultWindowChip } from './histogram/ResultWindowChip';

/** What the side pane beside the grid gets; the shell supplies it (row detail, field summary: other features). */
export interface ResultSideProps { tabId: string; view: ResultView; row: unknown[] | undefined; index: number | null }

export function ResultsPane({ Side }: { Side: ComponentType<ResultSideProps> }) {
  const { queries, ui, downloadHref } = useStores();
  const tab = useQueries((s) => s.tabs.find((t) => t.id === s.activeId)!);
  const detailOpen = useUi((s) => s.detailOpen);
  const selectedRow = useUi((s) => s.selectedRow);
  const [detailWidth, setDetailWidth] = useState(380);
  const [histogram, setHistogram] = useState(false);
  const result = tab.result;
  const elapsed = useElapsed(tab.running ? tab.startedAt : null);
  const findingActions = useFindingActions(result, tab.running);

  useEffect(() => { ui.getState().set({ selectedRow: null, selection: NO_SELECTION }); }, [ui, result?.queryId, result?.generation]);

  // An export that the server offers as a download (loopback mode) is fetched by the browser itself.
  const lastExport = tab.lastExport;
  useEffect(() => {
    if (!lastExport) return;
    if (lastExport.downloadUrl) {
      const a = document.createElement('a');
      a.href = downloadHref(lastExport.downloadUrl);
      a.download = '';
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    ui.getState().notify(`Exported ${formatCount(lastExport.rows)} rows to ${lastExport.path}`);
  }, [lastExport, downloadHref, ui]);

  const row = result && selectedRow !== null ? rowAt(result, selectedRow) : undefined;
  const canExport = !!result?.queryId && result.columns.length > 0 && !tab.running;
  const hasColumns = !!result && result.columns.length > 0;
  // The toolbar's actions, in order; those that do not fit go into its "⋯" menu.
  const actions: ToolbarAction[] = [
    ...findingActions,
    ...(hasColumns ? [{ id: 'toggle-histogram', label: 'Histogram', pressed: histogram, disabled: !result.queryId || !result.done,
      title: 'Event counts over time (needs a time column)', onClick: () => setHistogram(!histogram) }] : []),
    ...(tab.running ? [{ id: 'cancel-query-results', label: '■ Cancel', tone: 'danger' as const, pinned: true, ariaLabel: 'Cancel running query', onClick: () => void queries.getState().cancel(tab.id) }] : []),
    { id: 'export-csv', label: 'Export CSV', disabled: !canExport, ariaLabel: 'Export result as CSV', onClick: () => void queries.getState().exportResult(tab.id, 'csv') },
    { id: 'export-json', label: 'Export JSON', disabled: !canExport, ariaLabel: 'Export result as JSON', onClick: () => void queries.getState().exportResult(tab.id, 'json') },
    { id: 'toggle-detail', label: 'Detail', pressed: detailOpen, ariaLabel: 'Show row detail pane', onClick: () => ui.getState().set({ detailOpen: !detailOpen }) },
  ];
  return (
    <div className="results">
      <div className="results-header" role="toolbar" aria-label="Result">
        <span className="results-lead">
          {tab.running && !result && <span className="running" role="status"><span className="spinner" /> Running… {formatDuration(elapsed)}</span>}
          {result && (
            <>
              <span className="row-count" data-testid="row-count" data-rows={result.rowCount} data-done={result.done}>
                {result.message ?? `${formatCount(result.rowCount)}${result.done ? '' : '+'} row${result.rowCount === 1 ? '' : 's'}`}
              </span>
              {tab.counting && <span className="muted" role="status"><span className="spinner" /> reading rest of result… {formatDuration(elapsed)}</span>}
              {!tab.counting && <span className="muted" data-testid="elapsed">{formatDuration(result.elapsedMs)}</span>}
              {result.sort && <span className="muted">sorted by {result.sort.column} {result.sort.descending ? '↓' : '↑'}</span>}
              <ResultWindowChip tabId={tab.id} />
            </>
          )}
          {result && <SelectionCount />}
        </span>
        <OverflowToolbar actions={actions} testId="results-actions" label="Result actions" />
      </div>
      {tab.error && (
        <div className="query-error" role="alert" data-testid="query-error" data-code={tab.error.code}>
          <span className="error-code">{tab.error.code}</span>
          <pre className="error-message">{tab.error.message}</pre>
        </div>
      )}
      {histogram && result?.queryId && result.done && <ResultHistogram tabId={tab.id} queryId={result.queryId} />}
      <div className="results-body">
        {result && result.columns.length > 0 ? <ResultGrid tabId={tab.id} view={result} /> : !tab.error && !tab.running && !result && <p className="muted pad empty-results">Run a query with <kbd>Ctrl</kbd>+<kbd>Enter</kbd> — or pick one from the query library.</p>}
        {detailOpen && result && result.columns.length > 0 && (
          <>
            <Splitter direction="vertical" label="Resize row detail" onDrag={(dx) => setDetailWidth((w) => Math.max(220, Math.min(900, w - dx)))} />
            <aside className="row-detail-pane" style={{ width: detailWidth }} aria-label="Row detail">
              <Side tabId={tab.id} view={result} row={row} index={selectedRow} />
            </aside>
          </>
        )}
      </div>
    </div>
  );
}

function useElapsed(since: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (since === null) return;
    const t = window.setInterval(() => setNow(Date.now()), 200);
    return () => window.clearInterval(t);
  }, [since]);
  return since === null ? 0 : Math.max(0, now - since);
}
