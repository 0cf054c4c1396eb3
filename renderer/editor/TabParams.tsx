// A tab opened from the library keeps its parameter values; they are editable here and bound on each run.
import type { QueryTab } from '../stores/query-tabs';
import { useStores } from '../stores/context';

export function TabParams({ tab }: { tab: QueryTab }) {
  const { queries } = useStores();
  const names = Object.keys(tab.params);
  if (names.length === 0) return null;
  return (
    <div className="tab-params" role="group" aria-label="Parameters bound to this query">
      <span className="muted">Parameters</span>
      {names.map((n) => (
        <label key={n} className="tab-param">
          <code>${n}</code>
          <input aria-label={`Parameter ${n}`} data-testid={`tab-param-${n}`} spellCheck={false} value={tab.params[n] ?? ''}
            onChange={(e) => queries.getState().setParams(tab.id, { ...tab.params, [n]: e.target.value })} />
        </label>
      ))}
    </div>
  );
}
