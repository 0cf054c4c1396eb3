// Evidence: add files/folders, watch imports progress, read the manifest, inspect rejected records.
import { useState } from 'react';
import { useCases, useStores } from '../app/stores-context';
import { AddEvidence } from './AddEvidence';
import { ImportProgressCard } from './ImportProgressCard';
import { ManifestTable } from './ManifestTable';
import { RejectsPanel } from './RejectsPanel';
import { formatCount } from '../lib/cell-text';

export function EvidenceView() {
  const { cases } = useStores();
  const current = useCases((s) => s.current);
  const evidence = useCases((s) => s.evidence);
  const runs = useCases((s) => s.runs);
  const [rejectsOf, setRejectsOf] = useState<number | null>(null);
  const totals = evidence.reduce((t, f) => ({ read: t.read + f.recordsRead, imported: t.imported + f.imported, rejected: t.rejected + f.rejected }), { read: 0, imported: 0, rejected: 0 });
  const selected = evidence.find((f) => f.id === rejectsOf) ?? null;
  return (
    <div className="evidence-view">
      <header className="view-header">
        <h2>Evidence</h2>
        <span className="muted" data-testid="evidence-totals">
          {formatCount(evidence.length)} files · {formatCount(totals.read)} records read · {formatCount(totals.imported)} imported · {formatCount(totals.rejected)} rejected
        </span>
        <span className="spacer" />
        {current && <span className="muted case-meta" title={current.dir}>Case “{current.name}” · examiner {current.examiner} · created {new Date(current.createdAt).toLocaleString()} · {current.dir}</span>}
        <button type="button" className="btn btn-small" data-testid="case-close" onClick={() => void cases.getState().closeCase()}>Close case</button>
      </header>
      <AddEvidence />
      {runs.length > 0 && (
        <section className="import-runs" aria-label="Imports">
          {[...runs].reverse().map((r) => <ImportProgressCard key={r.runId} run={r} />)}
        </section>
      )}
      <div className="evidence-body">
        <ManifestTable files={evidence} selectedId={rejectsOf} onShowRejects={(id) => setRejectsOf(id === rejectsOf ? null : id)} />
        {selected && <RejectsPanel file={selected} onClose={() => setRejectsOf(null)} />}
      </div>
    </div>
  );
}
