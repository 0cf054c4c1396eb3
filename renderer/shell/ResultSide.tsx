// The pane beside the result grid: the selected row (row detail) or the result's values (field summary).
// Two features side by side, so the shell composes them.
import { useState } from 'react';
import { FieldSummaryPanel } from '../field-summary/FieldSummaryPanel';
import type { ResultSideProps } from '../results/ResultsPane';
import { RowDetailPanel } from '../row-detail/RowDetailPanel';
import './result-side.css';

type SideTab = 'row' | 'fields';
/** The pane is remounted with each new result; the analyst's choice of tab outlives it. */
let lastTab: SideTab = 'row';

export function ResultSide({ tabId, view, row, index }: ResultSideProps) {
  const [tab, setTabState] = useState<SideTab>(lastTab);
  const setTab = (t: SideTab) => { lastTab = t; setTabState(t); };
  return (
    <div className="result-side">
      <div className="result-side-tabs" role="tablist" aria-label="Beside the result">
        <button type="button" role="tab" aria-selected={tab === 'row'} className={`btn btn-small${tab === 'row' ? ' pressed' : ''}`} data-testid="side-tab-row" onClick={() => setTab('row')}>Row</button>
        <button type="button" role="tab" aria-selected={tab === 'fields'} className={`btn btn-small${tab === 'fields' ? ' pressed' : ''}`} data-testid="side-tab-fields" onClick={() => setTab('fields')}>Fields</button>
      </div>
      {tab === 'row' ? <RowDetailPanel columns={view.columns} row={row} index={index} /> : <FieldSummaryPanel key={view.queryId ?? ''} tabId={tabId} view={view} />}
    </div>
  );
}
