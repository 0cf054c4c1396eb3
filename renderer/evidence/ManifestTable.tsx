// The evidence manifest: one row per file with hash, format, status and counts. Paths and reasons may hold
// attacker-chosen text (file names inside archives): rendered as text only.
import type { EvidenceFile, FileStatus } from '../../shared/types';
import { formatBytes, formatCount } from '../common/cell-text';

function CopyIcon() {
  return <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="svg-icon"><path d="M5 5h8v9H5z M3 11V2h8" /></svg>;
}

const STATUS_LABEL: Record<FileStatus, string> = {
  pending: 'pending', imported: 'imported', imported_with_rejects: 'imported, rejects', failed: 'failed',
  duplicate: 'duplicate', unsupported: 'unsupported', needs_decision: 'needs a decision', recorded: 'recorded',
};

export function ManifestTable(props: { files: EvidenceFile[]; selectedId: number | null; onShowRejects(id: number): void }) {
  if (props.files.length === 0) return <p className="empty muted" data-testid="manifest-empty">No evidence yet. Add log files or folders above.</p>;
  return (
    <div className="table-scroll manifest">
      <table className="data-table" aria-label="Evidence manifest" data-testid="manifest">
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">File</th><th scope="col">Format</th><th scope="col">Status</th>
            <th scope="col" className="num">Records</th><th scope="col" className="num">Imported</th><th scope="col" className="num">Rejected</th>
            <th scope="col" className="num">Size</th><th scope="col">SHA-256</th><th scope="col">Tables</th>
          </tr>
        </thead>
        <tbody>
          {props.files.map((f) => (
            <tr key={f.id} data-testid="manifest-row" data-status={f.status} data-evidence-id={f.id} className={props.selectedId === f.id ? 'selected' : undefined}>
              <td className="num muted">{f.id}</td>
              <td className="path" title={f.originalPath}>{f.relPath}{f.compression === 'gzip' && <span className="tag">gz</span>}</td>
              <td>{f.format ?? '—'}</td>
              <td><span className={`status status-${f.status}`} title={f.reason ?? undefined}>{STATUS_LABEL[f.status]}</span>
                {f.reason && <div className="reason muted" title={f.reason}>{f.reason}</div>}</td>
              <td className="num">{formatCount(f.recordsRead)}</td>
              <td className="num">{formatCount(f.imported)}</td>
              <td className="num">
                {f.rejected > 0 ? (
                  <button type="button" className="link" data-testid="manifest-rejects" aria-label={`Show ${f.rejected} rejected records of ${f.relPath}`} onClick={() => props.onShowRejects(f.id)}>{formatCount(f.rejected)}</button>
                ) : '0'}
              </td>
              <td className="num" title={`${f.size} bytes${f.uncompressedSize !== null ? `, ${f.uncompressedSize} uncompressed` : ''}`}>{formatBytes(f.size)}</td>
              <td className="hash" title={f.sha256}><code>{f.sha256.slice(0, 16)}…</code>
                <button type="button" className="icon-button" aria-label={`Copy SHA-256 of ${f.relPath}`} onClick={() => void navigator.clipboard?.writeText(f.sha256)}><CopyIcon /></button></td>
              <td className="muted">{f.tables.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
