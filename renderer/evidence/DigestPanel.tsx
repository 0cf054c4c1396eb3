// CloudTrail log file integrity in the Evidence view: the case's digests checked offline (evidence.digests), counts
// per status for log files and digests, and a paged list by hour, region and file with each result's reason.
// The check reads every CloudTrail log file, so it runs when asked; the core keeps it until the manifest changes.
import { useEffect, useRef, useState } from 'react';
import { INTEGRITY_STATUSES, type IntegrityStatus } from '../../shared/integrity-types';
import type { DigestKind, DigestPage } from '../../shared/digest-page';
import { useCases, useStores } from '../stores/context';
import { formatCount } from '../common/cell-text';
import { formatUtc } from '../common/utc-time';

const PAGE = 200;
const BAD: ReadonlySet<IntegrityStatus> = new Set<IntegrityStatus>(['modified', 'chain-broken', 'missing']);

interface Query { kind: DigestKind; status: IntegrityStatus | ''; region: string; hour: string; text: string }

export function DigestPanel() {
  const { client } = useStores();
  const version = useCases((s) => s.manifestVersion);
  const [asked, setAsked] = useState(0);
  const [q, setQ] = useState<Query>({ kind: 'files', status: '', region: '', hour: '', text: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<DigestPage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recheck = useRef(false);

  useEffect(() => {
    if (asked === 0) return;
    let live = true;
    setBusy(true);
    const refresh = recheck.current;
    recheck.current = false;
    client.call('evidence.digests', { kind: q.kind, ...(refresh ? { refresh } : {}), offset, limit: PAGE, ...(q.status ? { status: q.status } : {}), ...(q.region ? { region: q.region } : {}), ...(q.hour.trim() ? { hour: q.hour.trim() } : {}), ...(q.text.trim() ? { text: q.text.trim() } : {}) })
      .then((p) => { if (live) { setPage(p); setError(null); } }, (e: Error) => { if (live) setError(e.message); })
      .finally(() => { if (live) setBusy(false); });
    return () => { live = false; };
  }, [client, asked, version, q, offset]);

  const set = (p: Partial<Query>): void => { setQ((x) => ({ ...x, ...p })); setOffset(0); };
  const counts = page ? (q.kind === 'files' ? page.files : page.digests) : null;
  return (
    <section className="digest-panel" aria-label="CloudTrail log file integrity" data-testid="digest-panel">
      <header className="panel-header">
        <h3>CloudTrail log file integrity</h3>
        {page?.checkedAt && <span className="muted">checked {formatUtc(page.checkedAt)} · {formatCount(page.publicKeys)} public key{page.publicKeys === 1 ? '' : 's'}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small" data-testid="digest-check" disabled={busy} onClick={() => { recheck.current = asked > 0; setAsked((n) => n + 1); }}>
          {busy ? 'Checking…' : asked === 0 ? 'Check digests' : 'Check again'}
        </button>
      </header>
      {asked === 0 && <p className="muted hint">Validates the case’s CloudTrail digest files offline: signatures, the digest chain, and each log file’s SHA-256 (docs/collecting-evidence.md).</p>}
      {error && <div className="error-banner" role="alert" data-testid="digest-error">{error}</div>}
      {page && !page.available && <p className="muted" data-testid="digest-none">The case holds no CloudTrail digest files: nothing to validate. Add the trail’s CloudTrail-Digest folder and the saved public keys to check the logs.</p>}
      {page?.available && counts && (
        <>
          <div className="field-row digest-tools">
            <select data-testid="digest-kind" aria-label="Show log files or digests" value={q.kind} onChange={(e) => set({ kind: e.target.value as DigestKind })}>
              <option value="files">log files</option><option value="digests">digest files</option>
            </select>
            {INTEGRITY_STATUSES.map((st) => (
              <button key={st} type="button" className={`chip${q.status === st ? ' active' : ''}${counts[st] && BAD.has(st) ? ' bad' : ''}`} data-testid={`digest-count-${st}`} data-count={counts[st]}
                aria-pressed={q.status === st} onClick={() => set({ status: q.status === st ? '' : st })}>
                {st} {formatCount(counts[st])}
              </button>
            ))}
            <select data-testid="digest-region" aria-label="Only region" value={q.region} onChange={(e) => set({ region: e.target.value })}>
              <option value="">all regions</option>
              {page.regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <input type="search" data-testid="digest-hour" aria-label="Only the hour (UTC), e.g. 2024-05-01T13" placeholder="hour (UTC) e.g. 2024-05-01T13" value={q.hour} onChange={(e) => set({ hour: e.target.value })} />
            <input type="search" data-testid="digest-text" aria-label="Filter by path, S3 key or reason" placeholder="path, key or reason" value={q.text} onChange={(e) => set({ text: e.target.value })} />
          </div>
          <div className="table-scroll digest-list">
            <table className="data-table" aria-label="Digest results" data-testid="digest-results">
              <thead><tr><th scope="col">Hour (UTC)</th><th scope="col">Region</th><th scope="col">Account</th><th scope="col">File</th><th scope="col">Status</th><th scope="col">Reason</th></tr></thead>
              <tbody>
                {page.rows.map((r, k) => (
                  <tr key={`${offset + k}`} data-testid="digest-row" data-status={r.status}>
                    <td className="muted">{r.hour ? formatUtc(r.hour) : '—'}</td>
                    <td>{r.region ?? '—'}</td><td className="muted">{r.account ?? '—'}</td>
                    <td className="path" title={r.s3Key ?? undefined}>{r.relPath ?? <span className="muted">{r.s3Key ?? '—'} (not in the evidence)</span>}</td>
                    <td><span className={`status ${BAD.has(r.status) ? 'bad' : r.status === 'valid' ? 'ok' : 'warn'}`}>{r.status}</span></td>
                    <td className="reason-cell">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field-row pager">
            <button type="button" className="btn btn-small" aria-label="Previous digest results" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹</button>
            <span className="muted" data-testid="digest-range" data-total={page.total}>{page.total === 0 ? 'nothing matches' : `${formatCount(offset + 1)}–${formatCount(Math.min(offset + PAGE, page.total))} of ${formatCount(page.total)}`}</span>
            <button type="button" className="btn btn-small" aria-label="Next digest results" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>›</button>
            {page.ignored.length > 0 && <span className="muted" data-testid="digest-ignored" title={page.ignored.map((i) => `${i.relPath}: ${i.reason}`).join('\n')}>{formatCount(page.ignored.length)} input{page.ignored.length === 1 ? '' : 's'} not used (hover for why)</span>}
          </div>
        </>
      )}
    </section>
  );
}
