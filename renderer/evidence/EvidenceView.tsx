// Evidence: add files/folders, watch imports progress, read the manifest, inspect rejected records.
import { useState } from 'react';
import { useCases, useStores } from '../stores/context';
import { AddEvidence } from './AddEvidence';
import { ImportProgressCard } from './ImportProgressCard';
import { ManifestTable } from './ManifestTable';
import { RejectsPanel } from './RejectsPanel';
import { ParquetExportDialog } from './ParquetExportDialog';
import { formatCount } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';
import type { CaseInfo } from '../../shared/types';

export function EvidenceView() {
  const { cases } = useStores();
  const current = useCases((s) => s.current);
  const evidence = useCases((s) => s.evidence);
  const runs = useCases((s) => s.runs);
  const [rejectsOf, setRejectsOf] = useState<number | null>(null);
  const [parquet, setParquet] = useState(false);
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
        {current && <CaseMeta info={current} />}
        <button type="button" className="btn btn-small" data-testid="export-parquet-open" title="Export the case as Hive-partitioned Parquet for Athena, Trino or Spark" disabled={!current} onClick={() => setParquet(true)}>Export Parquet…</button>
        <button type="button" className="btn btn-small" data-testid="case-close" onClick={() => void cases.getState().closeCase()}>Close case</button>
      </header>
      {parquet && current && <ParquetExportDialog caseDir={current.dir} onClose={() => setParquet(false)} />}
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

/**
 * Name, examiner and creation time (UTC). `cairn serve --case DIR` on a new folder names the case after its
 * path with the login name (or "unknown") as examiner; the contract has no rename, so say so plainly rather
 * than let a report go out under a path and an unknown examiner.
 */
function CaseMeta({ info }: { info: CaseInfo }) {
  const unnamed = info.name === info.dir;
  const noExaminer = !info.examiner.trim() || info.examiner === 'unknown';
  return (
    <span className="case-meta-wrap">
      <span className="muted case-meta" title={info.dir} data-testid="case-meta">
        Case “{info.name}” · examiner {info.examiner} · created {formatUtc(info.createdAt)}{unnamed ? '' : ` · ${info.dir}`}
      </span>
      {(unnamed || noExaminer) && (
        <span className="warn-chip" data-testid="case-identity-warning" title="Cases opened with `cairn serve --case` on a new folder get the folder path as name. Create the case from the Start screen (or `cairn import --case DIR --name … --examiner …`) to set them; reports carry both.">
          ⚠ {[unnamed && 'named after its folder', noExaminer && 'examiner unknown'].filter(Boolean).join(' · ')}
        </span>
      )}
    </span>
  );
}
