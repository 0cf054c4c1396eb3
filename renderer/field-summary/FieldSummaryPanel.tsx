// Per column of the shown result: the most frequent and the rarest values with their counts (DuckDB counts them
// over the result's table), as a stacked bar and a list; click + / − to keep or drop the rows with a value.
import { useState } from 'react';
import type { FieldSummary, QueryColumn, ValueCount } from '../../shared/types';
import { IpOwner } from '../common/IpOwner';
import { formatCount } from '../common/cell-text';
import { looksLikeIp } from '../common/ip-text';
import { useStores } from '../stores/context';
import { useIpOwners } from '../stores/ip-owners';
import type { ResultView } from '../stores/result-view';
import { useCall } from '../stores/use-call';
import { filterResult } from './filter-result';
import './field-summary.css';

export function FieldSummaryPanel({ tabId, view }: { tabId: string; view: ResultView }) {
  const stores = useStores();
  const [column, setColumn] = useState<string>(view.columns[0]?.name ?? '');
  const col = view.columns.find((c) => c.name === column) ?? view.columns[0];
  const key = view.queryId && view.done && col ? JSON.stringify([view.queryId, col.name]) : null;
  const call = useCall<FieldSummary>(key, () => stores.client.call('result.fieldSummary', { queryId: view.queryId!, column: col!.name, limit: 10 }));
  const values = call.state === 'done' ? [...call.value.top, ...call.value.rare] : [];
  const owners = useIpOwners([...new Set(values.map((v) => v.value).filter(looksLikeIp))]);
  if (!col) return null;
  const filter = (v: ValueCount, exclude: boolean) => { void filterResult(stores, tabId, view.queryId!, { column: col.name, type: col.type, value: v.value, exclude }); };
  return (
    <div className="field-summary" data-testid="field-summary">
      <label className="field-pick">Column{' '}
        <select data-testid="field-summary-column" value={col.name} onChange={(e) => setColumn(e.target.value)}>
          {view.columns.map((c) => <option key={c.name} value={c.name}>{c.path ?? c.name}</option>)}
        </select>
      </label>
      {!view.done && <p className="muted pad">The result is still being read.</p>}
      {call.state === 'loading' && <p className="muted pad" role="status"><span className="spinner" /> counting values…</p>}
      {call.state === 'error' && <p className="error pad" role="alert">{call.message}</p>}
      {call.state === 'done' && (
        <div data-testid="field-summary-values" data-column={call.value.column}>
          <p className="muted small">{formatCount(call.value.rows)} rows · {formatCount(call.value.distinct)} distinct value{call.value.distinct === 1 ? '' : 's'}</p>
          <StackedBar s={call.value} />
          <ValueList title="Top values" kind="top" values={call.value.top} rows={call.value.rows} col={col} owners={owners} onFilter={filter} />
          {call.value.rare.length > 0 && <ValueList title="Rare values" kind="rare" values={call.value.rare} rows={call.value.rows} col={col} owners={owners} onFilter={filter} />}
        </div>
      )}
    </div>
  );
}

const PALETTE = 10;

/** The top values' shares of all rows, side by side, and the rest as one grey segment. */
function StackedBar({ s }: { s: FieldSummary }) {
  const shown = s.top.reduce((a, v) => a + v.count, 0);
  const rest = Math.max(0, s.rows - shown);
  return (
    <div className="stacked-bar" data-testid="field-summary-bar" role="img" aria-label="Share of rows per top value">
      {s.top.map((v, i) => <span key={i} className={`seg seg-${i % PALETTE}`} style={{ flexGrow: v.count }} title={`${v.value ?? 'NULL'}: ${formatCount(v.count)}`} />)}
      {rest > 0 && <span className="seg seg-rest" style={{ flexGrow: rest }} title={`other values: ${formatCount(rest)}`} />}
    </div>
  );
}

interface ListProps { title: string; kind: 'top' | 'rare'; values: ValueCount[]; rows: number; col: QueryColumn; owners: Map<string, ReturnType<typeof useIpOwners> extends Map<string, infer S> ? S : never>; onFilter(v: ValueCount, exclude: boolean): void }

function ValueList({ title, kind, values, rows, owners, onFilter }: ListProps) {
  return (
    <section className="value-list">
      <h4>{title}</h4>
      <ul>
        {values.map((v, i) => (
          <li key={i} data-testid="field-value" data-kind={kind} data-value={v.value ?? ''} data-null={v.value === null || undefined} data-count={v.count}>
            <div className="value-line">
              <span className={`value-text${v.value === null ? ' null' : ''}`} title={v.value ?? 'NULL'}>{v.value ?? 'NULL'}</span>
              <span className="value-count">{formatCount(v.count)} · {rows ? ((100 * v.count) / rows).toFixed(1) : '0'}%</span>
              <button type="button" className="btn btn-icon" data-testid="filter-in" aria-label={`Keep only rows where the value is ${v.value ?? 'NULL'}`} title="Filter in" onClick={() => onFilter(v, false)}>+</button>
              <button type="button" className="btn btn-icon" data-testid="filter-out" aria-label={`Drop rows where the value is ${v.value ?? 'NULL'}`} title="Filter out" onClick={() => onFilter(v, true)}>−</button>
            </div>
            <div className="value-bar"><span style={{ width: `${rows ? Math.max(1, (100 * v.count) / rows) : 0}%` }} /></div>
            {looksLikeIp(v.value) && <IpOwner ip={v.value} state={owners.get(v.value)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
