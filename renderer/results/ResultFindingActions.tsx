// Results toolbar part: how many rows are selected, and the finding actions on them (or on the whole result),
// as toolbar actions (common/OverflowToolbar) so they stay reachable in a narrow window.
import { MAX_FINDING_ROWS } from '../../shared/types';
import { useStores, useUi } from '../stores/context';
import { selectedCount, selectedOffsets } from '../stores/row-selection';
import { formatCount } from '../common/cell-text';
import type { ToolbarAction } from '../common/OverflowToolbar';
import type { ResultView } from '../stores/result-view';
import type { DialogMode } from '../stores/ui-store';

export function SelectionCount() {
  const count = selectedCount(useUi((s) => s.selection));
  return count > 0 ? <span className="muted" data-testid="selection-count" data-count={count}>{formatCount(count)} selected</span> : null;
}

export function useFindingActions(view: ResultView | null, running: boolean): ToolbarAction[] {
  const selection = useUi((s) => s.selection);
  const { ui } = useStores();
  const queryId = view?.queryId;
  if (!view || !queryId || view.columns.length === 0) return [];
  const setMode = (findingDialog: DialogMode) => ui.getState().set({ findingDialog });
  const count = selectedCount(selection);
  const sort = view.sort ? { column: view.sort.column, ...(view.sort.descending ? { descending: true } : {}) } : undefined;
  const picked = () => ({ queryId, rows: selectedOffsets(selection, MAX_FINDING_ROWS), ...(sort ? { sort } : {}) });
  const tooMany = count > MAX_FINDING_ROWS;
  const wholeTooBig = !view.done || view.rowCount > MAX_FINDING_ROWS || view.rowCount === 0;
  const why = tooMany ? `a finding takes at most ${formatCount(MAX_FINDING_ROWS)} rows at a time` : count === 0 ? 'select rows first (click, Shift-click, Ctrl-click)' : undefined;
  return [
    { id: 'finding-make', label: '★ Make finding', tone: 'accent', disabled: count === 0 || tooMany || running, title: why ?? 'Make a finding from the selected rows',
      onClick: () => setMode({ kind: 'create', rows: picked(), count }) },
    { id: 'finding-add-rows', label: 'Add to finding', disabled: count === 0 || tooMany || running, title: why ?? 'Add the selected rows to an existing finding',
      onClick: () => setMode({ kind: 'add', rows: picked(), count }) },
    { id: 'finding-whole-result', label: 'Finding from result', disabled: wholeTooBig || running,
      title: wholeTooBig ? `the whole result must be read and at most ${formatCount(MAX_FINDING_ROWS)} rows` : 'Make a finding from every row of this result',
      onClick: () => setMode({ kind: 'create', rows: { queryId, all: true, ...(sort ? { sort } : {}) }, count: view.rowCount }) },
  ];
}
