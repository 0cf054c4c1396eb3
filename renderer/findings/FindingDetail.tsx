// One finding opened in the panel: description (safe Markdown), edit, delete (confirmed inline), the queries
// that produced it (open again in a tab with their SQL and parameters), its rows as snapshots with
// provenance, and its notes.
import { useState } from 'react';
import type { Finding, FindingRow } from '../../shared/types';
import { useStores } from '../stores/context';
import { SafeMarkdown } from '../common/SafeMarkdown';
import { cellText } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';
import { JsonTree } from '../common/JsonTree';
import { FindingDialog } from './FindingDialog';
import { NotesEditor } from './NotesEditor';

const ROWS_SHOWN = 200;

export function FindingDetail({ finding }: { finding: Finding }) {
  const { findings, queries, ui } = useStores();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const openQuery = (sql: string, params: Record<string, string>) => {
    const id = queries.getState().newTab({ sql: `${sql}\n`, params, title: `Finding #${finding.id}` });
    ui.getState().notify('Query opened in a new tab');
    return id;
  };
  return (
    <div className="finding-detail" data-testid="finding-detail" data-finding-id={finding.id}>
      <div className="actions">
        <button type="button" className="btn btn-small" data-testid="finding-edit" onClick={() => setEditing(true)}>Edit</button>
        {confirming ? (
          <span className="confirm" role="group" aria-label="Confirm deletion">
            <span className="bad">Delete “{finding.title}”?</span>
            <button type="button" className="btn btn-small btn-danger" data-testid="finding-delete-confirm" onClick={() => void findings.getState().remove(finding.id)}>Delete</button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>Keep</button>
          </span>
        ) : <button type="button" className="btn btn-small" data-testid="finding-delete" onClick={() => setConfirming(true)}>Delete…</button>}
      </div>
      <p className="muted small">created {formatUtc(finding.createdAt)} · updated {formatUtc(finding.updatedAt)}</p>
      {finding.description && <SafeMarkdown source={finding.description} testId="finding-description-view" />}
      <h3>Queries</h3>
      <ul className="finding-queries">
        {finding.queries.map((q) => (
          <li key={q.id} data-testid="finding-query">
            <pre className="history-sql" title={q.sql}>{q.sql}</pre>
            {Object.keys(q.params).length > 0 && <div className="muted small">{Object.entries(q.params).map(([k, v]) => `$${k} = ${v}`).join(' · ')}</div>}
            <button type="button" className="btn btn-small" data-testid="finding-open-query" onClick={() => openQuery(q.sql, q.params)}>Open query</button>
          </li>
        ))}
      </ul>
      <h3>Rows <span className="muted">{finding.rows.length}</span></h3>
      <ul className="finding-rows">
        {finding.rows.slice(0, ROWS_SHOWN).map((r) => <SnapshotRow key={r.id} row={r} />)}
      </ul>
      {finding.rows.length > ROWS_SHOWN && <p className="muted small">…and {finding.rows.length - ROWS_SHOWN} more (all are in the report).</p>}
      <h3>Notes</h3>
      <NotesEditor notes={finding.notes} findingId={finding.id} testId="finding-notes" />
      {editing && <FindingDialog mode={{ kind: 'edit', finding }} onClose={() => setEditing(false)} />}
    </div>
  );
}

function SnapshotRow({ row }: { row: FindingRow }) {
  const [open, setOpen] = useState(false);
  const record = Object.fromEntries(row.snapshot.columns.map((c, k) => [c.name, row.snapshot.values[k] ?? null]));
  const p = row.provenance;
  const headline = row.snapshot.values.slice(0, 4).map(cellText).join(' · ');
  return (
    <li className="snapshot-row" data-testid="finding-row" data-row-id={row.id}>
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="twisty">{open ? '▾' : '▸'}</span>
        <span className="snapshot-time">{row.eventTime ? formatUtc(row.eventTime) : 'undated'}</span>
        <span className="snapshot-headline">{headline}</span>
        <code className="snapshot-hash muted" data-testid="finding-row-hash" title={`snapshot SHA-256 ${row.snapshotSha256}`}>{row.snapshotSha256.slice(0, 12)}</code>
      </button>
      {open && (
        <div className="snapshot-body">
          <div className="muted small" data-testid="finding-row-provenance">
            {p ? <>evidence #{p.evidenceId} {p.relPath ?? '(not in manifest)'} · record {p.ordinal} · file SHA-256 <code title={p.evidenceSha256 ?? ''}>{p.evidenceSha256?.slice(0, 16) ?? '?'}…</code></>
              : <span className="warn">no provenance (the query did not select _evidence_id, _ordinal)</span>}
            {' '}· snapshot <code title={row.snapshotSha256}>{row.snapshotSha256.slice(0, 12)}…</code>
          </div>
          <JsonTree value={record} types={Object.fromEntries(row.snapshot.columns.map((c) => [c.name, c.type]))} />
        </div>
      )}
    </li>
  );
}
