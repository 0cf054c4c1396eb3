// Sigma hunting: run SigmaHQ's AWS rules (and the analyst's rule folders) over the case, see every rule's
// outcome — hits, or why it could not run — and accept a rule's hits as a finding.
import { useState } from 'react';
import type { HuntSummary } from '../../shared/hunt';
import { toErrorInfo } from '../stores/errors';
import { useStores } from '../app/stores-context';
import { formatCount, formatDuration } from '../lib/cell-text';

export function HuntPanel() {
  const { client, findings, ui } = useStores();
  const [dirs, setDirs] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<HuntSummary | null>(null);
  const [accepted, setAccepted] = useState<Record<string, number>>({});
  const run = async () => {
    setBusy(true); setError(null);
    try {
      const ruleDirs = dirs.split('\n').map((d) => d.trim()).filter(Boolean);
      setSummary(await client.call('hunt.run', ruleDirs.length ? { ruleDirs } : {}));
      setAccepted({});
    } catch (e) { setError(toErrorInfo(e).message); } finally { setBusy(false); }
  };
  const accept = async (file: string) => {
    try {
      const { findingId } = await client.call('hunt.accept', { file });
      setAccepted((a) => ({ ...a, [file]: findingId }));
      void findings.getState().refresh();
      ui.getState().notify(`Finding ${findingId} recorded from the rule's hits`);
    } catch (e) { setError(toErrorInfo(e).message); }
  };
  const hit = summary?.results.filter((r) => r.hits > 0) ?? [];
  const refused = summary?.results.filter((r) => !r.runnable) ?? [];
  return (
    <div className="side-panel" data-testid="hunt-panel" style={{ overflow: 'auto' }}>
      <header className="panel-header"><h2>Hunt (Sigma)</h2></header>
      <div className="pad">
        <label className="field">
          <span>Your rule folders (one path per line, optional)</span>
          <textarea rows={2} value={dirs} onChange={(e) => setDirs(e.target.value)} data-testid="hunt-dirs" spellCheck={false} />
        </label>
        <button type="button" className="btn" data-testid="hunt-run" disabled={busy} onClick={() => void run()}>{busy ? 'Hunting…' : 'Run SigmaHQ AWS rules'}</button>
        {error && <p className="bad" role="alert" data-testid="hunt-error">{error}</p>}
        {summary && (
          <p className="muted" data-testid="hunt-summary">
            {summary.rules} rules: {summary.runnable} runnable, {summary.notRunnable} not runnable; {formatCount(summary.hits)} hit(s) from {summary.rulesWithHits} rule(s) in {formatDuration(summary.elapsedMs)}
          </p>
        )}
      </div>
      <ul className="history-list hunt-list" aria-label="Rules with hits">
        {hit.map((r) => (
          <li key={r.file} className="history-entry" data-testid="hunt-hit" data-file={r.file}>
            <div className="history-meta">
              <span className={`badge sev-${r.level ?? 'medium'}`}>{r.level ?? '—'}</span>
              <span>{formatCount(r.hits)} hit(s){r.kind !== 'match' ? ` · ${r.kind}` : ''}</span>
            </div>
            <div title={`${r.file}\nby ${r.author ?? 'unknown'}`}>{r.title ?? r.file}</div>
            <div className="muted">{r.techniqueNames.map((t) => `${t.id}${t.name ? ` ${t.name}` : ''}`).join(' · ')}</div>
            <div className="muted">first: {r.rows[0]?.eventTime} {r.rows[0]?.eventName} {r.rows[0]?.principal ?? ''}</div>
            <div className="actions">
              {accepted[r.file] !== undefined
                ? <span data-testid="hunt-accepted">Finding {accepted[r.file]}</span>
                : <button type="button" className="btn btn-small" data-testid="hunt-accept" onClick={() => void accept(r.file)}>Accept as finding</button>}
            </div>
          </li>
        ))}
      </ul>
      {refused.length > 0 && (
        <details className="pad hunt-list" data-testid="hunt-not-runnable">
          <summary>{refused.length} rule(s) not runnable</summary>
          <ul>{refused.map((r) => <li key={r.file}><code>{r.file.split('/').at(-1)}</code>: {r.reason}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
