// Surrounding events (Kibana's "view surrounding documents"): every source's events with the same principal,
// source IP or target within ± N minutes of the row's time, from the cross-source events view.
import { useState } from 'react';
import type { SurroundingEvents, SurroundingPivot } from '../../shared/types';
import { cellText } from '../common/cell-text';
import { useStores } from '../stores/context';
import type { Pivots } from './record-values';
import { useCall } from '../stores/use-call';

const MINUTES = [1, 5, 15, 60];
const LABELS: Record<SurroundingPivot, string> = { principal: 'principal', source_ip: 'source IP', target: 'resource' };
const SHOWN = ['event_time', 'source', 'principal', 'source_ip', 'action', 'outcome'];

export function Surrounding({ pivots }: { pivots: Pivots }) {
  const { client, queries } = useStores();
  const [pivot, setPivot] = useState<SurroundingPivot | null>(null);
  const [minutes, setMinutes] = useState(5);
  const value = pivot ? pivots.values[pivot] : undefined;
  const key = pivot && value && pivots.time ? JSON.stringify([pivot, value, pivots.time, minutes]) : null;
  const call = useCall<SurroundingEvents>(key, () => client.call('event.surrounding', { time: pivots.time!, minutes, pivot: pivot!, value: value! }));
  if (!pivots.time) return <p className="muted pad" data-testid="surrounding-hint">This row has no event time to look around (select <code>_evidence_id, _ordinal</code> or a time column).</p>;
  const open = (r: SurroundingEvents) => {
    const id = queries.getState().newTab({ sql: `${r.sql}\n`, title: `Around ${LABELS[pivot!]}`, params: r.params });
    void queries.getState().run(id, { sql: r.sql, params: r.params, base: 0 });
  };
  return (
    <div className="surrounding" data-testid="surrounding">
      <div className="surrounding-bar" role="group" aria-label="Surrounding events">
        {(Object.keys(LABELS) as SurroundingPivot[]).map((p) => (
          <button key={p} type="button" className={`btn btn-small${pivot === p ? ' pressed' : ''}`} aria-pressed={pivot === p} disabled={!pivots.values[p]}
            data-testid={`surrounding-${p}`} title={pivots.values[p] ?? 'this row has no value for it'} onClick={() => setPivot(pivot === p ? null : p)}>Same {LABELS[p]}</button>
        ))}
        <label className="muted small">±
          <select data-testid="surrounding-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label="Minutes around the event">
            {MINUTES.map((m) => <option key={m} value={m}>{m} min</option>)}
          </select>
        </label>
      </div>
      {call.state === 'loading' && <p className="muted pad" role="status"><span className="spinner" /> looking around…</p>}
      {call.state === 'error' && <p className="error pad" role="alert">{call.message}</p>}
      {call.state === 'done' && <SurroundingList r={call.value} onOpen={() => open(call.value)} />}
    </div>
  );
}

function SurroundingList({ r, onOpen }: { r: SurroundingEvents; onOpen(): void }) {
  const cols = SHOWN.map((n) => r.columns.findIndex((c) => c.name === n));
  return (
    <div data-testid="surrounding-result" data-rows={r.rows.length} data-truncated={r.truncated}>
      <p className="muted small pad-x">
        {r.rows.length} event{r.rows.length === 1 ? '' : 's'}{r.truncated ? ' (the first ones; more matched)' : ''}
        <button type="button" className="btn btn-small" data-testid="surrounding-open" onClick={onOpen}>Open as query</button>
      </p>
      <table className="surrounding-table">
        <thead><tr>{SHOWN.map((n) => <th key={n}>{n}</th>)}</tr></thead>
        <tbody>
          {r.rows.map((row, i) => <tr key={i} data-testid="surrounding-row">{cols.map((k, j) => <td key={j}>{k >= 0 ? cellText(row[k]) : ''}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}
