// The selected row: its columns as a tree (JSON opened, deep levels collapsed), the whole event behind it,
// and the events around it. Every value is a text node (log data is hostile); IPs show their owners.
import { useMemo } from 'react';
import type { QueryColumn, WholeEvent as Whole } from '../../shared/types';
import { IpOwner } from '../common/IpOwner';
import { JsonTree } from '../common/JsonTree';
import { looksLikeIp } from '../common/ip-text';
import { useStores } from '../stores/context';
import { useIpOwners } from '../stores/ip-owners';
import { eventKey, openJson, pivots, rowRecord } from './record-values';
import { Surrounding } from './Surrounding';
import { useCall } from '../stores/use-call';
import { WholeEvent } from './WholeEvent';
import './row-detail.css';

const MAX_IPS = 50;

export function RowDetailPanel({ columns, row, index }: { columns: QueryColumn[]; row: unknown[] | undefined; index: number | null }) {
  const { client } = useStores();
  const key = row ? eventKey(columns, row) : null;
  const whole = useCall<Whole | null>(key ? JSON.stringify(key) : null, () => client.call('event.record', key!));
  const record = useMemo(() => (row ? rowRecord(columns, row) : {}), [columns, row]);
  const event = whole.state === 'done' ? whole.value : null;
  const ips = useMemo(() => collectIps([record, event?.raw ? openJson(event.raw, 'JSON') : event?.values]), [record, event]);
  const owners = useIpOwners(ips);
  const leafExtra = (v: unknown) => (looksLikeIp(v) ? <IpOwner ip={v} state={owners.get(v)} /> : null);

  if (index === null) return <div className="row-detail muted pad" data-testid="row-detail" data-empty="true">Select a row (click, or arrow keys then Enter).</div>;
  if (!row) return <div className="row-detail muted pad" data-testid="row-detail">Loading row {index + 1}…</div>;
  return (
    <div className="row-detail" data-testid="row-detail" data-row={index}>
      <header className="panel-header">
        <h3>Row {(index + 1).toLocaleString('en-US')}</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" data-testid="copy-row-json" onClick={() => void navigator.clipboard?.writeText(JSON.stringify(record, null, 2))}>Copy JSON</button>
      </header>
      <div className="json-scroll">
        <JsonTree value={record} types={Object.fromEntries(columns.map((c) => [c.path ?? c.name, c.type]))} openDepth={2} leafExtra={leafExtra} />
        <details className="detail-section" open>
          <summary>Whole event</summary>
          <WholeEvent call={key ? whole : null} leafExtra={leafExtra} />
        </details>
        <details className="detail-section" open>
          <summary>Surrounding events</summary>
          <Surrounding pivots={pivots(event?.spine ?? null, columns, row)} />
        </details>
      </div>
    </div>
  );
}

/** IP-looking strings anywhere in these values, at most MAX_IPS, in the order met. */
function collectIps(values: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (out.size >= MAX_IPS || depth > 12) return;
    if (looksLikeIp(v)) out.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  values.forEach((v) => walk(v, 0));
  return [...out];
}
