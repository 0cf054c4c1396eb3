// Rejected records of one evidence file, paged: reason, where in the file, and the raw text exactly as read.
import { useEffect, useRef, useState } from 'react';
import { useStores } from '../stores/context';
import type { EvidenceFile, RejectRow } from '../../shared/types';
import { formatCount } from '../common/cell-text';

const PAGE = 50;

export function RejectsPanel({ file, onClose }: { file: EvidenceFile; onClose(): void }) {
  const { cases } = useStores();
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ rows: RejectRow[]; total: number } | null>(null);
  const panel = useRef<HTMLElement>(null);
  // Opened below a long manifest: brought into view, or the click seems to do nothing.
  useEffect(() => { setOffset(0); panel.current?.scrollIntoView({ block: 'nearest' }); }, [file.id]);
  useEffect(() => {
    let live = true;
    void cases.getState().loadRejects(file.id, offset, PAGE).then((d) => { if (live) setData(d); });
    return () => { live = false; };
  }, [cases, file.id, offset]);
  const total = data?.total ?? file.rejected;
  return (
    <section ref={panel} className="rejects" aria-label={`Rejected records of ${file.relPath}`} data-testid="rejects-panel">
      <header className="panel-header">
        <h3>Rejected records — <span className="path">{file.relPath}</span></h3>
        <span className="muted">{formatCount(total)} total</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} aria-label="Previous rejects">‹</button>
        <span className="muted">{total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, total)}</span>
        <button type="button" className="btn btn-small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} aria-label="Next rejects">›</button>
        <button type="button" className="icon-button" aria-label="Close rejected records" onClick={onClose}>×</button>
      </header>
      <div className="table-scroll">
        <table className="data-table" aria-label="Rejected records">
          <thead><tr><th scope="col" className="num">Record</th><th scope="col" className="num">Line</th><th scope="col" className="num">Byte offset</th><th scope="col">Reason</th><th scope="col">Raw text</th></tr></thead>
          <tbody>
            {(data?.rows ?? []).map((r, k) => (
              <tr key={k} data-testid="reject-row">
                <td className="num">{r.ordinal ?? '—'}</td>
                <td className="num">{r.line ?? '—'}</td>
                <td className="num">{r.byteOffset ?? '—'}</td>
                <td className="reason-cell">{r.reason}</td>
                <td><pre className="raw" data-testid="reject-raw">{r.raw}{r.rawLength > r.raw.length ? `\n… (${formatCount(r.rawLength - r.raw.length)} more characters)` : ''}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
