// One import run: a progress bar with files, records, bytes, rate and time left; Cancel while it runs; the
// outcome when it ends.
import { useEffect, useState } from 'react';
import { useStores } from '../stores/context';
import { formatBytes, formatCount, formatDuration } from '../common/cell-text';
import { runStats, type ImportRun } from '../stores/import-runs';
import type { ImportFileResult, ImportSummary } from '../../shared/types';
import { STATUS_LABEL } from './ManifestTable';
import { canChooseFormat, DecisionCandidates, type DecisionFile } from './ImportAsDialog';

/** Files of a run the analyst must look at: each with its own outcome and reason (a bad path among good ones too). */
const PROBLEM_LIMIT = 20;
const isProblem = (f: ImportFileResult): boolean => f.status === 'failed' || f.status === 'unsupported' || f.status === 'needs_decision';

export function ImportProgressCard({ run, onDecide }: { run: ImportRun; onDecide(file: DecisionFile): void }) {
  const { cases } = useStores();
  const [, tick] = useState(0);
  const active = !run.summary;
  useEffect(() => {
    if (!active) return;
    const t = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(t);
  }, [active]);
  const p = run.progress;
  const st = runStats(run);
  const pct = Math.round((run.summary ? 1 : st.fraction) * 100);
  const s = run.summary;
  return (
    <div className={`import-card state-${s?.state ?? 'running'}`} data-testid="import-progress" data-state={s?.state ?? 'running'} aria-label={`Import run ${run.runId}`}>
      <div className="import-head">
        <strong>Import #{run.runId}</strong>{(s?.resumeOf ?? run.resumeOf) !== undefined && <span className="muted" data-testid="import-resume-of">resumes #{s?.resumeOf ?? run.resumeOf}</span>}
        <span className="muted">{s ? s.state : p?.phase ?? 'starting'}{p?.currentFile ? ` · ${p.currentFile}` : ''}</span>
        <span className="spacer" />
        {active ? (
          <button type="button" className="btn btn-small" data-testid="import-cancel" disabled={run.cancelling} onClick={() => void cases.getState().cancelImport(run.runId)}>
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => cases.getState().dismissRun(run.runId)}>×</button>
        )}
      </div>
      <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {s ? (
        <div className="import-stats" data-testid="import-summary" data-files={s.totals.files} data-not-imported={s.totals.notImported}>
          <span>{formatCount(s.totals.files)} files in this import</span>
          <span>{formatCount(s.totals.recordsRead)} records read</span>
          <span className="ok">{formatCount(s.totals.imported)} imported</span>
          <span className={s.totals.rejected > 0 ? 'warn' : ''}>{formatCount(s.totals.rejected)} rejected</span>
          {s.totals.failed > 0 && <span className="bad">{formatCount(s.totals.failed)} failed</span>}
          {s.totals.unsupported > 0 && <span className="warn">{formatCount(s.totals.unsupported)} unsupported</span>}
          {s.totals.duplicate > 0 && <span>{formatCount(s.totals.duplicate)} duplicate</span>}
          {s.totals.notImported > 0 && <span className="warn" data-testid="import-not-imported">{formatCount(s.totals.notImported)} not imported ({s.state}; see Resume)</span>}
          <span className="muted">in {formatDuration(s.elapsedMs)}</span>
        </div>
      ) : (
        <div className="import-stats" data-testid="import-running">
          <span data-testid="import-files">{p?.phase === 'scanning' || !p ? 'finding files…' : `${formatCount(p.filesDone)} / ${formatCount(p.filesTotal)} files done · ${formatCount(p.filesRead)} hashed`}</span>
          <span>{formatCount(p?.records ?? 0)} records</span>
          <span>{formatBytes(p?.bytesDone ?? 0)} / {formatBytes(p?.bytesTotal ?? 0)} read</span>
          <span>{st.bytesPerSec !== null ? `${formatBytes(st.bytesPerSec)}/s · ${formatCount(Math.round(st.recordsPerSec ?? 0))} rec/s` : '—'}</span>
          <span>{st.etaMs !== null ? `${formatDuration(st.etaMs)} left` : p && p.bytesTotal > 0 ? `${Math.round((100 * p.bytesDone) / p.bytesTotal)} % read` : 'starting'}</span>
          <span className="muted">{formatDuration(Date.now() - run.startedAt)} elapsed</span>
        </div>
      )}
      {s && <RunProblems summary={s} onDecide={onDecide} />}
    </div>
  );
}

function RunProblems({ summary, onDecide }: { summary: ImportSummary; onDecide(file: DecisionFile): void }) {
  const problems = summary.files.filter(isProblem);
  if (problems.length === 0) return null;
  return (
    <ul className="import-problems" aria-label={`Files of import ${summary.runId} with problems`} data-testid="import-problems">
      {problems.slice(0, PROBLEM_LIMIT).map((f) => (
        <li key={f.path} data-testid="import-problem" data-status={f.status}>
          <span className={`status status-${f.status}`}>{STATUS_LABEL[f.status]}</span> <span className="path">{f.relPath}</span> <span className="muted">{f.reason ?? ''}</span>
          {/* Only a hashed file (in the manifest) can be read again as a chosen format; a path the walk skipped has no content read. */}
          {canChooseFormat(f.status) && f.evidenceId !== null && (
            <button type="button" className="btn btn-small" data-testid="import-as-open" aria-label={`Import ${f.relPath} as a format you choose`}
              onClick={() => onDecide({ path: f.path, relPath: f.relPath, status: f.status, reason: f.reason, ...(f.candidates ? { candidates: f.candidates } : {}) })}>Import as…</button>
          )}
          <DecisionCandidates candidates={f.candidates} />
        </li>
      ))}
      {problems.length > PROBLEM_LIMIT && <li className="muted">and {formatCount(problems.length - PROBLEM_LIMIT)} more (filter the manifest by status)</li>}
    </ul>
  );
}
