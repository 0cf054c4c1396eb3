// Evidence: add files/folders, watch imports progress, read the manifest, inspect rejected records.
import { useState } from 'react';
import { useCases, useStores } from '../stores/context';
import { AddEvidence } from './AddEvidence';
import { DigestPanel } from './DigestPanel';
import { ImportProgressCard } from './ImportProgressCard';
import { ManifestTable, STATUS_LABEL } from './ManifestTable';
import { RejectsPanel } from './RejectsPanel';
import { ParquetExportDialog } from './ParquetExportDialog';
import { ImportAsDialog, type DecisionFile } from './ImportAsDialog';
import { formatCount } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';
import type { CaseInfo, FileStatus } from '../../shared/types';
import type { ManifestRow, ManifestSummary } from '../../shared/evidence-manifest';

const STATUS_ORDER: FileStatus[] = ['imported', 'imported_with_rejects', 'recorded', 'pending', 'failed', 'unsupported', 'needs_decision', 'duplicate'];

export function EvidenceView() {
  const { cases } = useStores();
  const current = useCases((s) => s.current);
  const summary = useCases((s) => s.summary);
  const runs = useCases((s) => s.runs);
  const [rejectsOf, setRejectsOf] = useState<ManifestRow | null>(null);
  const [parquet, setParquet] = useState(false);
  const [deciding, setDeciding] = useState<DecisionFile | null>(null);
  return (
    <div className="evidence-view">
      <header className="view-header">
        <h2>Evidence</h2>
        {summary && <CaseTotals summary={summary} />}
        <span className="spacer" />
        {current && <CaseMeta info={current} />}
        <button type="button" className="btn btn-small" data-testid="export-parquet-open" title="Export the case as Hive-partitioned Parquet for Athena, Trino or Spark" disabled={!current} onClick={() => setParquet(true)}>Export Parquet…</button>
        <button type="button" className="btn btn-small" data-testid="case-close" onClick={() => void cases.getState().closeCase()}>Close case</button>
      </header>
      {parquet && current && <ParquetExportDialog caseDir={current.dir} onClose={() => setParquet(false)} />}
      {deciding && <ImportAsDialog file={deciding} onClose={() => setDeciding(null)} />}
      <AddEvidence />
      <ResumeBanner />
      {runs.length > 0 && (
        <section className="import-runs" aria-label="Imports">
          {[...runs].reverse().map((r) => <ImportProgressCard key={r.runId} run={r} onDecide={setDeciding} />)}
        </section>
      )}
      <DigestPanel />
      <div className="evidence-body">
        <ManifestTable selectedId={rejectsOf?.id ?? null} onShowRejects={(f) => setRejectsOf(f.id === rejectsOf?.id ? null : f)} onDecide={setDeciding} />
        {rejectsOf && <RejectsPanel file={rejectsOf} onClose={() => setRejectsOf(null)} />}
      </div>
    </div>
  );
}

/** The case's files by status: the same words as the manifest's status column and the import cards. */
function CaseTotals({ summary }: { summary: ManifestSummary }) {
  const parts = STATUS_ORDER.filter((st) => summary.byStatus[st]).map((st) => (
    <span key={st} className={st === 'pending' || st === 'failed' ? 'warn' : undefined} data-testid={`evidence-count-${st}`}>{formatCount(summary.byStatus[st]!)} {STATUS_LABEL[st]}</span>
  ));
  return (
    <span className="muted evidence-totals" data-testid="evidence-totals" data-files={summary.files}>
      <span>{formatCount(summary.files)} files in the case</span>{parts.length > 0 && ' · '}
      {parts.flatMap((p, k) => (k === 0 ? [p] : [' · ', p]))}
      {' · '}{formatCount(summary.recordsRead)} records read · {formatCount(summary.imported)} imported · {formatCount(summary.rejected)} rejected
    </span>
  );
}

/** The newest run stopped with files left: what it left, why, and a Resume. */
function ResumeBanner() {
  const { cases } = useStores();
  const r = useCases((s) => s.resumable);
  const importing = useCases((s) => s.runs.some((x) => !x.summary));
  if (!r || importing) return null;
  const why = r.state === 'interrupted' ? 'was interrupted (the app or the machine stopped)' : r.state === 'failed' ? 'failed' : 'was cancelled';
  return (
    <div className="resume-banner warn-box" role="status" data-testid="import-resumable" data-run-id={r.runId}>
      <span>
        Import #{r.runId} {why}: {r.unfinished === null ? 'its files are read again; those already in the case are skipped as duplicates' : `${formatCount(r.unfinished)} file${r.unfinished === 1 ? '' : 's'} not imported (listed as “not imported” or “not started”)`}.
      </span>
      <button type="button" className="btn btn-small btn-primary" data-testid="import-resume" onClick={() => void cases.getState().resumeImport(r.runId)}>Resume</button>
      <span className="muted">or <code>cairn import --case DIR --resume</code></span>
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
