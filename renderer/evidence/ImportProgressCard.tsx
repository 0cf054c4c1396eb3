// One import run: a progress bar with files, records, bytes, rate and time left; Cancel while it runs; the
// outcome when it ends.
import { useEffect, useState } from 'react';
import { useStores } from '../stores/context';
import { formatBytes, formatCount, formatDuration } from '../common/cell-text';
import { runStats, type ImportRun } from '../stores/import-runs';

export function ImportProgressCard({ run }: { run: ImportRun }) {
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
        <strong>Import #{run.runId}</strong>
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
        <div className="import-stats" data-testid="import-summary">
          <span>{formatCount(s.totals.files)} files</span>
          <span>{formatCount(s.totals.recordsRead)} records read</span>
          <span className="ok">{formatCount(s.totals.imported)} imported</span>
          <span className={s.totals.rejected > 0 ? 'warn' : ''}>{formatCount(s.totals.rejected)} rejected</span>
          {s.totals.failed > 0 && <span className="bad">{formatCount(s.totals.failed)} failed</span>}
          {s.totals.unsupported > 0 && <span className="warn">{formatCount(s.totals.unsupported)} unsupported</span>}
          {s.totals.duplicate > 0 && <span>{formatCount(s.totals.duplicate)} duplicate</span>}
          <span className="muted">in {formatDuration(s.elapsedMs)}</span>
        </div>
      ) : (
        <div className="import-stats">
          <span>{formatCount(p?.filesDone ?? 0)} / {formatCount(p?.filesTotal ?? 0)} files</span>
          <span>{formatCount(p?.records ?? 0)} records</span>
          <span>{formatBytes(p?.bytesDone ?? 0)} / {formatBytes(p?.bytesTotal ?? 0)} read</span>
          <span>{st.bytesPerSec !== null ? `${formatBytes(st.bytesPerSec)}/s · ${formatCount(Math.round(st.recordsPerSec ?? 0))} rec/s` : '—'}</span>
          <span>{st.etaMs !== null ? `${formatDuration(st.etaMs)} left` : 'estimating…'}</span>
          <span className="muted">{formatDuration(Date.now() - run.startedAt)} elapsed</span>
        </div>
      )}
    </div>
  );
}
