// Adding evidence: native dialogs in the desktop app, a path field everywhere, and drag-and-drop where the
// host can tell us a dropped file's path (the desktop app's preload; a browser never reveals paths).
import { useState } from 'react';
import { useCases, useStores } from '../stores/context';

type PathBridge = { pathForFile?(f: File): string };

function droppedPaths(e: React.DragEvent): string[] {
  const bridge = window.cairn as PathBridge | undefined;
  const out: string[] = [];
  for (const f of Array.from(e.dataTransfer.files)) {
    const p = bridge?.pathForFile?.(f) ?? (f as File & { path?: string }).path;
    if (p) out.push(p);
  }
  return out;
}

export function AddEvidence() {
  const { cases, client, ui } = useStores();
  const native = useCases((s) => s.info?.nativeDialogs ?? false);
  const importing = useCases((s) => s.runs.some((r) => !r.summary));
  const importError = useCases((s) => s.importError);
  const [text, setText] = useState('');
  const [over, setOver] = useState(false);

  const start = async (paths: string[]) => {
    const id = await cases.getState().startImport(paths);
    if (id !== null) setText('');
  };
  const pick = async (folders: boolean) => {
    try {
      const paths = await client.call('dialog.openEvidence', { folders });
      if (paths.length > 0) await start(paths);
    } catch (e) { ui.getState().notify((e as Error).message); }
  };

  return (
    <section className={`add-evidence${over ? ' drop-over' : ''}`} aria-label="Add evidence"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const paths = droppedPaths(e);
        if (paths.length > 0) void start(paths);
        else ui.getState().notify('This browser cannot tell Cairn where dropped files live; type or paste their path instead.');
      }}>
      <form className="field-row" onSubmit={(e) => { e.preventDefault(); void start(text.split(/\r?\n/)); }}>
        <label className="sr-only" htmlFor="evidence-path">Evidence file or folder paths</label>
        <textarea id="evidence-path" data-testid="evidence-add-path" aria-label="Evidence file or folder paths, one per line" rows={1} spellCheck={false}
          value={text} onChange={(e) => setText(e.target.value)} placeholder="Path to a log file or folder (one per line) — e.g. /evidence/AWSLogs/123456789012/CloudTrail"
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void start(text.split(/\r?\n/)); } }} />
        <button type="submit" className="btn btn-primary" data-testid="evidence-add-submit" disabled={importing || text.trim() === ''}>Import</button>
        {native && (
          <>
            <button type="button" className="btn" data-testid="evidence-add-files" disabled={importing} onClick={() => void pick(false)}>Add files…</button>
            <button type="button" className="btn" data-testid="evidence-add-folder" disabled={importing} onClick={() => void pick(true)}>Add folder…</button>
          </>
        )}
      </form>
      {importError && (
        <div className="error-banner" role="alert" data-testid="evidence-add-error">
          <span className="error-code">{importError.code}</span><span className="error-message">{importError.message}</span>
        </div>
      )}
      <p className="hint muted">Evidence is hashed (SHA-256) and read from a staged copy; the originals are never modified. {native ? 'You can also drop files or folders here.' : ''}</p>
    </section>
  );
}
