// The selected row as a collapsible JSON tree (column → value), with copy buttons.
import type { QueryColumn } from '../../shared/types';
import { JsonTree } from '../common/JsonTree';

export function RowDetail({ columns, row, index }: { columns: QueryColumn[]; row: unknown[] | undefined; index: number | null }) {
  if (index === null) return <div className="row-detail muted pad" data-testid="row-detail" data-empty="true">Select a row (click, or arrow keys then Enter).</div>;
  if (!row) return <div className="row-detail muted pad" data-testid="row-detail">Loading row {index + 1}…</div>;
  const record = Object.fromEntries(columns.map((c, k) => [c.name, row[k] ?? null]));
  return (
    <div className="row-detail" data-testid="row-detail" data-row={index}>
      <header className="panel-header">
        <h3>Row {(index + 1).toLocaleString('en-US')}</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" data-testid="copy-row-json" onClick={() => void navigator.clipboard?.writeText(JSON.stringify(record, null, 2))}>Copy JSON</button>
      </header>
      <div className="json-scroll"><JsonTree value={record} types={Object.fromEntries(columns.map((c) => [c.name, c.type]))} /></div>
    </div>
  );
}
