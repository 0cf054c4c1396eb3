// The whole event behind the row, read from its evidence table whatever columns the query selected: the
// record as written (`_raw`) when the source keeps it, else every column of its table row.
import type { WholeEvent as Whole } from '../../shared/types';
import { JsonTree } from '../common/JsonTree';
import type { Call } from '../stores/use-call';
import { openJson } from './record-values';
import type { ReactNode } from 'react';

export function WholeEvent({ call, leafExtra }: { call: Call<Whole | null> | null; leafExtra: (v: unknown) => ReactNode }) {
  if (call === null) {
    return (
      <p className="muted pad" data-testid="whole-event-hint">
        This result does not say which record the row came from. Select <code>_evidence_id, _ordinal</code> (every evidence table
        and the <code>events</code> view have them; CloudTrail's <code>eventid</code> also works) to see the whole event here.
      </p>
    );
  }
  if (call.state === 'loading' || call.state === 'idle') return <p className="muted pad" data-testid="whole-event" data-state="loading"><span className="spinner" /> reading the record…</p>;
  if (call.state === 'error') return <p className="error pad" role="alert" data-testid="whole-event" data-state="error">{call.message}</p>;
  const e = call.value;
  if (!e) return <p className="muted pad" data-testid="whole-event" data-state="missing">No single record matches this row (the event id occurs more than once, or the record is gone).</p>;
  const record = e.raw !== null ? openJson(e.raw, 'JSON') : Object.fromEntries(e.columns.map((c, k) => [c.name, openJson(e.values[k] ?? null, c.type)]));
  const tree = record !== null && typeof record === 'object' && !Array.isArray(record) ? record as Record<string, unknown> : { record };
  return (
    <div data-testid="whole-event" data-state="done" data-table={e.table}>
      <p className="muted small pad-x" data-testid="whole-event-source">
        {e.file ? e.file.relPath : `evidence #${e.evidenceId}`} · record {e.ordinal} · table {e.table}{e.raw !== null ? ' · as written' : ''}
        {e.rawTruncated ? ' · cut at 1,000,000 characters' : ''}
      </p>
      <JsonTree value={tree} openDepth={1} leafExtra={leafExtra} label="Whole event" />
    </div>
  );
}
