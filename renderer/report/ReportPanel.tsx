// Case report export (HTML, PDF, Markdown, JSON) with its SHA-256 sidecar, the evidence re-hash done before
// every export (any mismatch or missing file in red, listed, never folded away), and the audit-chain check.
import { useEffect } from 'react';
import type { ReportFormat } from '../../shared/types';
import { useReport, useStores } from '../stores/context';
import { formatBytes } from '../common/cell-text';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'HTML' }, { format: 'pdf', label: 'PDF' }, { format: 'md', label: 'Markdown' }, { format: 'json', label: 'JSON' },
];

export function ReportPanel() {
  const { report, downloadHref } = useStores();
  const exporting = useReport((s) => s.exporting);
  const last = useReport((s) => s.last);
  const audit = useReport((s) => s.audit);
  const error = useReport((s) => s.error);
  useEffect(() => { void report.getState().verifyAudit(); }, [report]);
  const problems = last?.evidenceChecks.filter((c) => c.status !== 'verified') ?? [];
  return (
    <section className="report-panel card" aria-label="Case report" data-testid="report-panel">
      <div className="field-row">
        <h3>Case report</h3>
        <span className="spacer" />
        {FORMATS.map(({ format, label }) => (
          <button key={format} type="button" className="btn btn-small" data-testid={`report-export-${format}`} disabled={exporting !== null}
            onClick={() => void report.getState().exportReport(format)}>{exporting === format ? <><span className="spinner" /> {label}…</> : `Export ${label}`}</button>
        ))}
        <button type="button" className="btn btn-small" data-testid="audit-verify" onClick={() => void report.getState().verifyAudit()}>Verify audit log</button>
      </div>
      {audit && (
        <p className={audit.ok ? 'ok small' : 'bad small'} data-testid="audit-status" data-ok={audit.ok}>
          {audit.ok ? <>Audit log intact: {audit.entries} entries, chain head <code title={audit.head ?? ''}>{audit.head?.slice(0, 16)}…</code></>
            : <>Audit log {audit.brokenAt !== null ? `chain BROKEN at entry ${audit.brokenAt}` : 'DOES NOT HOLD'}: {audit.reason}</>}
        </p>
      )}
      {error && <div className="query-error" role="alert" data-testid="report-error"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
      {last && (
        <div className="report-result" data-testid="report-result" data-problems={last.integrityProblems}>
          <div className="report-file"><span className="muted">Report</span> <code data-testid="report-path">{last.path}</code> <span className="muted">{formatBytes(last.bytes)}</span>
            {last.downloadUrl && <a className="btn btn-small" data-testid="report-download" href={downloadHref(last.downloadUrl)} download>Download</a>}</div>
          <div className="report-file"><span className="muted">SHA-256</span> <code data-testid="report-sha256">{last.sha256}</code></div>
          <div className="report-file"><span className="muted">Sidecar</span> <code data-testid="report-sidecar">{last.sha256Path}</code>
            {last.sha256DownloadUrl && <a className="btn btn-small" data-testid="report-sidecar-download" href={downloadHref(last.sha256DownloadUrl)} download>Download</a>}</div>
          {last.integrityProblems === 0 ? (
            <p className="ok small" data-testid="evidence-check-ok">Evidence re-hashed before export: all {last.evidenceChecks.length} files match the manifest.</p>
          ) : (
            <div className="integrity-alert" role="alert" data-testid="evidence-check-problems">
              <strong>{last.integrityProblems} evidence file{last.integrityProblems === 1 ? '' : 's'} no longer match{last.integrityProblems === 1 ? 'es' : ''} the manifest</strong> (flagged in the report):
              <ul>
                {problems.map((c) => (
                  <li key={c.evidenceId} data-testid="evidence-check-problem" data-status={c.status}>
                    <span className="bad">{c.status}</span> #{c.evidenceId} {c.relPath} <span className="muted">({c.originalPath})</span>
                    {c.status === 'mismatch' && <> expected <code>{c.expectedSha256.slice(0, 16)}…</code> found <code>{c.actualSha256?.slice(0, 16)}…</code></>}
                    {c.error && <span className="muted"> {c.error}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
