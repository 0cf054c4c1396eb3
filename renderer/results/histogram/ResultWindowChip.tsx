// Says that the grid shows a time window of the result, not all of it, with the way back to the whole.
import { useStores, useWindows } from '../../stores/context';
import { formatCount } from '../../common/cell-text';
import { formatUtc } from '../../common/utc-time';

export function ResultWindowChip({ tabId }: { tabId: string }) {
  const { windows } = useStores();
  const w = useWindows((s) => s.windows[tabId]);
  if (!w) return null;
  return (
    <span className="result-window" data-testid="result-window" data-start={w.start} data-end={w.end} data-parent-rows={w.parent.rowCount} role="status">
      <span>window {formatUtc(w.start)} → {formatUtc(w.end)} on <code>{w.column}</code> of {formatCount(w.parent.rowCount)} rows</span>
      <button type="button" className="btn btn-small" data-testid="result-window-reset" onClick={() => windows.reset(tabId)}
        title="Show the whole result again">Whole result</button>
    </span>
  );
}
