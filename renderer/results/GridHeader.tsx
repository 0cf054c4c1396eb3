// Column headers: click sorts (asc → desc → none, done by the engine over the whole result), drag the right
// edge to resize, double-click the edge to fit the column to its content again.
import { memo } from 'react';
import { useStores } from '../stores/context';
import { typeLabel } from './column-widths';
import type { ResultView } from '../stores/result-view';

/** Memoised: a vertical scroll does not re-render the headers. */
export const GridHeader = memo(function GridHeader(props: { tabId: string; view: ResultView; template: string; widths: number[]; setWidths(w: number[]): void; resetWidth(k: number): number; activeCol: number }) {
  const { queries } = useStores();
  const { view } = props;
  const startResize = (k: number, e: React.PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const w0 = props.widths[k] ?? 120;
    const move = (m: PointerEvent) => props.setWidths(props.widths.map((w, j) => (j === k ? Math.max(48, w0 + m.clientX - x0) : w)));
    const up = () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: props.template }}>
      <div className="grid-gutter" role="columnheader" aria-label="Row number">#</div>
      {view.columns.map((c, k) => {
        const sorted = view.sort?.column === c.name ? (view.sort.descending ? 'descending' : 'ascending') : 'none';
        return (
          <div key={k} role="columnheader" aria-sort={sorted} className={`grid-head${k === props.activeCol ? ' active' : ''}`} data-testid="result-column" title={`${c.path ?? c.name} · ${c.type}`} data-name={c.name}>
            <button type="button" className="grid-head-button" aria-label={`Sort by ${c.path ?? c.name}`} onClick={() => void queries.getState().sortBy(props.tabId, c.name)}>
              <span className="grid-head-name">{c.path ?? c.name}</span>
              <span className="grid-head-type">{typeLabel(c.type)}</span>
              {sorted !== 'none' && <span className="sort-mark" aria-hidden="true">{sorted === 'ascending' ? '▲' : '▼'}</span>}
            </button>
            <span className="grid-resize" role="separator" aria-orientation="vertical" aria-label={`Resize ${c.name}`} onPointerDown={(e) => startResize(k, e)}
              onDoubleClick={() => props.setWidths(props.widths.map((w, j) => (j === k ? props.resetWidth(k) : w)))} />
          </div>
        );
      })}
    </div>
  );
});
