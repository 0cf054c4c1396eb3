// Export the case as Hive-partitioned Parquet (export.parquet, like `cairn export parquet`): a folder of the case's
// exports/ folder, progress while it runs, Cancel, and the manifest to verify it with when it is done.
import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { ParquetExportProgress, ParquetExportSummary } from '../../shared/types';
import { useStores } from '../stores/context';
import { toErrorInfo } from '../stores/errors';
import { formatBytes, formatCount } from '../common/cell-text';

type Run =
  | { state: 'idle' }
  | { state: 'running'; exportId: number; outDir: string; progress: ParquetExportProgress | null; cancelling: boolean }
  | { state: 'finished'; outDir: string; summary: ParquetExportSummary; manifestPath: string }
  | { state: 'failed' | 'cancelled'; outDir: string; error: ErrorInfo };

export function ParquetExportDialog({ caseDir, onClose }: { caseDir: string; onClose(): void }) {
  const { client } = useStores();
  const [name, setName] = useState('');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const idRef = useRef<number | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => { first.current?.focus(); }, []);

  // Events can arrive before export.parquet's reply (they travel apart): the last one of each export is kept.
  const early = useRef(new Map<number, (r: Run) => Run>());
  useEffect(() => {
    const apply = (id: number, f: (r: Run) => Run) => { if (id === idRef.current) setRun(f); else early.current.set(id, f); };
    const offs = [
      client.on('export.progress', (p) => apply(p.exportId, (r) => (r.state === 'running' ? { ...r, progress: p } : r))),
      client.on('export.finished', (f) => apply(f.exportId, () => ({ state: 'finished', outDir: f.summary.outDir, summary: f.summary, manifestPath: f.manifestPath }))),
      client.on('export.failed', (f) => apply(f.exportId, (r) => ({ state: f.error.code === 'CANCELLED' ? 'cancelled' : 'failed', outDir: 'outDir' in r ? r.outDir : '', error: f.error }))),
    ];
    return () => { for (const off of offs) off(); };
  }, [client]);

  const start = async () => {
    setError(null);
    try {
      const r = await client.call('export.parquet', name.trim() ? { name: name.trim() } : {});
      idRef.current = r.exportId;
      const running: Run = { state: 'running', exportId: r.exportId, outDir: r.outDir, progress: null, cancelling: false };
      const pending = early.current.get(r.exportId);
      setRun(pending ? pending(running) : running);
    } catch (e) { setError(toErrorInfo(e)); }
  };
  const cancel = () => {
    if (run.state !== 'running') return;
    setRun({ ...run, cancelling: true });
    void client.call('export.cancel', { exportId: run.exportId }).catch((e: unknown) => setError(toErrorInfo(e)));
  };
  const running = run.state === 'running';
  const close = () => { if (!running) onClose(); };
  const p = run.state === 'running' ? run.progress : null;

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close(); }}>
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="parquet-export-title" data-testid="parquet-export-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }} onSubmit={(e) => { e.preventDefault(); if (run.state === 'idle') void start(); }}>
        <h2 id="parquet-export-title">Export the case as Parquet</h2>
        <p className="muted small">Every evidence table as Hive-partitioned Parquet (ZSTD), the case's manifest, seals and findings beside them,
          DDL for Athena, Trino, Spark and DuckDB, and a manifest.json with every file's SHA-256 (<code>cairn verify --export</code>). The case is only read.</p>
        {error && <div className="query-error" role="alert" data-testid="parquet-export-error"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
        <label className="field"><span>Folder name (made in the case's exports folder)</span>
          <input ref={first} data-testid="parquet-export-name" aria-label="Export folder name" value={name} disabled={run.state !== 'idle'} spellCheck={false}
            placeholder="parquet-<date and time>" onChange={(e) => setName(e.target.value)} />
        </label>
        <p className="muted small mono" data-testid="parquet-export-destination">{'outDir' in run && run.outDir ? run.outDir : `${caseDir}/exports/${name.trim() || 'parquet-<date and time>'}`}</p>
        {run.state !== 'idle' && (
          <div className="parquet-export-status" data-testid="parquet-export-progress" data-state={run.state} role="status" aria-live="polite">
            {run.state === 'running' && (
              <>
                <progress max={Math.max(1, p?.rowsTotal ?? 1)} value={p?.rowsDone ?? 0} aria-label="Rows exported" />
                <span>{run.cancelling ? 'cancelling…' : p ? `${p.phase}${p.table ? `: ${p.table}` : ''} · tables ${p.tablesDone}/${p.tablesTotal} · rows ${formatCount(p.rowsDone)}/${formatCount(p.rowsTotal)}` : 'starting…'}</span>
              </>
            )}
            {run.state === 'finished' && (
              <div data-testid="parquet-export-result" data-files={run.summary.files} data-rows={run.summary.rows}>
                <p>Exported {formatCount(run.summary.rows)} rows in {formatCount(run.summary.files)} Parquet files ({formatBytes(run.summary.bytes)}), {run.summary.tables.length} tables.</p>
                <p className="mono small">manifest: <span data-testid="parquet-export-manifest">{run.manifestPath}</span></p>
                <p className="mono small">manifest SHA-256: {run.summary.manifestSha256}</p>
                {run.summary.untranslatedViews.length > 0 && <p className="muted small">Views left out of the DDL: {run.summary.untranslatedViews.join('; ')}</p>}
              </div>
            )}
            {(run.state === 'failed' || run.state === 'cancelled') && (
              <p data-testid="parquet-export-stopped">{run.state === 'cancelled' ? 'Cancelled: nothing was left in the folder.' : `Failed: ${run.error.message}`}</p>
            )}
          </div>
        )}
        <div className="actions">
          <span className="spacer" />
          {running && <button type="button" className="btn btn-danger" data-testid="parquet-export-cancel" disabled={run.cancelling} onClick={cancel}>■ Cancel export</button>}
          {!running && <button type="button" className="btn" data-testid="parquet-export-close" onClick={onClose}>Close</button>}
          {run.state === 'idle' && <button type="submit" className="btn btn-primary" data-testid="parquet-export-start">Export</button>}
        </div>
      </form>
    </div>
  );
}
