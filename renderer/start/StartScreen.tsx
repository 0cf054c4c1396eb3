// No case open: create one, reopen a recent one, or open the demo case built from the bundled samples.
import { useState } from 'react';
import { useCases, useStores } from '../stores/context';
import { formatUtc } from '../common/utc-time';

export function StartScreen() {
  const { cases, client, ui } = useStores();
  const recent = useCases((s) => s.recent);
  const busy = useCases((s) => s.busy);
  const error = useCases((s) => s.error);
  const native = useCases((s) => s.info?.nativeDialogs ?? false);
  const [name, setName] = useState('');
  const [examiner, setExaminer] = useState('');
  const [dir, setDir] = useState('');
  const [openDir, setOpenDir] = useState('');

  const chooseFolder = async () => {
    try { const d = await client.call('dialog.chooseCaseFolder', {}); if (d) setDir(d); } catch { /* dialog closed */ }
  };
  const canCreate = name.trim() !== '' && examiner.trim() !== '' && dir.trim() !== '' && !busy;

  return (
    <div className="start" data-testid="start-screen">
      <div className="start-inner">
        <header className="start-header">
          <svg viewBox="0 0 32 32" className="logo" aria-hidden="true"><path d="M9 26h14l-2-5H11z M11 20h10l-1.5-4h-7z M13 15h6l-1-3.5h-4z M14.5 10.5h3L16 6z" /></svg>
          <div>
            <h1>Cairn</h1>
            <p className="muted">Offline forensic workbench for exported AWS logs · Athena-compatible SQL on DuckDB</p>
          </div>
        </header>
        {error && <div className="error-banner" role="alert" data-testid="app-error"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
        <div className="start-grid">
          <form className="card" aria-labelledby="new-case-title" onSubmit={(e) => { e.preventDefault(); if (canCreate) void cases.getState().createCase({ name, examiner, dir }).then((ok) => { if (ok) ui.getState().show('evidence'); }); }}>
            <h2 id="new-case-title">New case</h2>
            <label className="field"><span>Case name</span>
              <input data-testid="case-create-name" aria-label="Case name" value={name} onChange={(e) => setName(e.target.value)} placeholder="IR-2024-017 suspicious IAM activity" autoFocus />
            </label>
            <label className="field"><span>Examiner</span>
              <input data-testid="case-create-examiner" aria-label="Examiner" value={examiner} onChange={(e) => setExaminer(e.target.value)} placeholder="Your name" />
            </label>
            <label className="field"><span>Case folder (created if missing)</span>
              <span className="field-row">
                <input data-testid="case-create-dir" aria-label="Case folder" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/cases/IR-2024-017" spellCheck={false} />
                {native && <button type="button" className="btn" onClick={() => void chooseFolder()} data-testid="case-create-browse">Browse…</button>}
              </span>
            </label>
            <div className="actions">
              <button type="submit" className="btn btn-primary" data-testid="case-create-submit" disabled={!canCreate}>Create case</button>
            </div>
          </form>
          <div className="card">
            <h2>Open</h2>
            <button type="button" className="btn btn-wide" data-testid="open-demo" disabled={busy} onClick={() => void cases.getState().openDemo()}>
              Open demo case <span className="muted" data-testid="demo-contents">— 15 public CloudTrail sample files (30 events: Stratus Red Team detonations, TrailDiscover and AWS documentation examples) and a CSV catalogue of 381 CloudTrail event names; no flow logs or other sources</span>
            </button>
            <form className="field-row open-dir" onSubmit={(e) => { e.preventDefault(); if (openDir.trim()) void cases.getState().openCase(openDir.trim()); }}>
              <input data-testid="case-open-dir" aria-label="Existing case folder" value={openDir} onChange={(e) => setOpenDir(e.target.value)} placeholder="Existing case folder" spellCheck={false} />
              <button type="submit" className="btn" data-testid="case-open-submit" disabled={busy || !openDir.trim()}>Open</button>
            </form>
            <h3>Recent cases</h3>
            {recent.length === 0 ? <p className="muted">None yet.</p> : (
              <ul className="recent-list" aria-label="Recent cases">
                {recent.map((r) => (
                  <li key={r.dir}>
                    <button type="button" className="recent" data-testid="recent-case" onClick={() => void cases.getState().openCase(r.dir)} title={r.dir}>
                      <span className="recent-name">{r.name}</span>
                      <span className="recent-dir">{r.dir}</span>
                      <span className="recent-when">{formatUtc(r.openedAt)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        {busy && <p className="muted" role="status">Working…</p>}
      </div>
    </div>
  );
}
