// The evidence manifest: one row per file with hash, format, status and counts, paged, filtered, sorted and
// grouped by the core (evidence.page: cases hold 10^5 files). Paths and reasons may hold attacker-chosen text
// (file names inside archives): rendered as text only.
import { useEffect, useState } from 'react';
import type { FileStatus } from '../../shared/types';
import { MANIFEST_GROUPS, type ManifestFilter, type ManifestGroupBy, type ManifestPage, type ManifestRow, type ManifestSortColumn } from '../../shared/evidence-manifest';
import { useCases, useStores } from '../stores/context';
import { formatBytes, formatCount } from '../common/cell-text';
import { formatShown } from '../../shared/evidence-manifest';
import { canChooseFormat, DecisionCandidates, type DecisionFile } from './ImportAsDialog';

const PAGE = 200;

function CopyIcon() {
  return <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="svg-icon"><path d="M5 5h8v9H5z M3 11V2h8" /></svg>;
}

/** A pending file after its run stopped is not imported: it says so, with the reason the run left. */
export const STATUS_LABEL: Record<FileStatus, string> = {
  pending: 'not imported', imported: 'imported', imported_with_rejects: 'imported, rejects', failed: 'failed',
  duplicate: 'duplicate', unsupported: 'unsupported', needs_decision: 'needs a decision', recorded: 'recorded', not_started: 'not started',
};

const COLUMNS: Array<{ label: string; sort?: ManifestSortColumn; num?: boolean }> = [
  { label: '#', sort: 'id', num: true }, { label: 'File', sort: 'relPath' }, { label: 'Account', sort: 'account' }, { label: 'Region', sort: 'region' },
  { label: 'Day', sort: 'day' }, { label: 'Format', sort: 'format' }, { label: 'Status', sort: 'status' },
  { label: 'Records', sort: 'recordsRead', num: true }, { label: 'Imported', sort: 'imported', num: true }, { label: 'Rejected', sort: 'rejected', num: true },
  { label: 'Size', sort: 'size', num: true }, { label: 'SHA-256' }, { label: 'Tables' },
];

export function ManifestTable(props: { selectedId: number | null; onShowRejects(row: ManifestRow): void; onDecide(file: DecisionFile): void }) {
  const { client } = useStores();
  const version = useCases((s) => s.manifestVersion);
  const [filter, setFilter] = useState<ManifestFilter>({});
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ column: ManifestSortColumn; descending: boolean }>({ column: 'id', descending: false });
  const [groupBy, setGroupBy] = useState<ManifestGroupBy | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ManifestPage | null>(null);
  /** The offset the shown page was read at: the range names the rows on screen, not the page being asked for. */
  const [pageOffset, setPageOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);

  // The text filter waits for a pause in typing; every other change asks at once.
  useEffect(() => {
    const t = window.setTimeout(() => { setFilter((f) => (f.text ?? '') === text ? f : { ...f, text }); setOffset(0); }, 250);
    return () => window.clearTimeout(t);
  }, [text]);
  useEffect(() => {
    let live = true;
    const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as ManifestFilter;
    client.call('evidence.page', { offset, limit: PAGE, sort, filter: clean, ...(groupBy ? { groupBy } : {}) })
      .then((p) => { if (live) { setPage(p); setPageOffset(offset); setError(null); } }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [client, version, filter, sort, groupBy, offset]);

  const setField = (k: keyof ManifestFilter, v: string): void => { setFilter((f) => ({ ...f, [k]: v })); setOffset(0); };
  const sortBy = (column: ManifestSortColumn): void => { setSort((s) => ({ column, descending: s.column === column ? !s.descending : false })); setOffset(0); };
  const filtered = Object.values(filter).some(Boolean);
  if (page && page.total === 0 && !filtered && page.facets.status.length === 0) return <p className="empty muted" data-testid="manifest-empty">No evidence yet. Add log files or folders above.</p>;
  return (
    <section className="manifest-section" aria-label="Evidence manifest">
      <div className="manifest-tools field-row">
        <input type="search" data-testid="manifest-filter-text" aria-label="Filter the manifest by path, hash or reason" placeholder="Filter: path, SHA-256 prefix or reason" value={text} onChange={(e) => setText(e.target.value)} />
        {MANIFEST_GROUPS.map((g) => (
          <select key={g} data-testid={`manifest-filter-${g}`} aria-label={`Only ${g}`} value={filter[g] ?? ''} onChange={(e) => setField(g, e.target.value)}>
            <option value="">all {g === 'day' ? 'days' : `${g}s`}</option>
            {(page?.facets[g] ?? []).map((v) => <option key={v} value={v}>{g === 'status' ? STATUS_LABEL[v as FileStatus] ?? v : v}</option>)}
          </select>
        ))}
        <label className="muted">group by{' '}
          <select data-testid="manifest-group-by" aria-label="Group the manifest by" value={groupBy} onChange={(e) => { setGroupBy(e.target.value as ManifestGroupBy | ''); setOffset(0); }}>
            <option value="">nothing</option>
            {MANIFEST_GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        {filtered && <button type="button" className="btn btn-small" data-testid="manifest-filter-clear" onClick={() => { setFilter({}); setText(''); setOffset(0); }}>Clear filters</button>}
      </div>
      {error && <div className="error-banner" role="alert" data-testid="manifest-error">{error}</div>}
      {page?.groups && (
        <div className="table-scroll manifest-groups">
          <table className="data-table" aria-label={`Manifest grouped by ${groupBy}`} data-testid="manifest-groups">
            <thead><tr><th scope="col">{groupBy}</th><th scope="col" className="num">Files</th><th scope="col" className="num">Size</th><th scope="col" className="num">Records</th>
              <th scope="col" className="num">Imported</th><th scope="col" className="num">Rejected</th><th scope="col" className="num">Not imported</th><th scope="col" className="num">Problems</th></tr></thead>
            <tbody>
              {page.groups.map((g) => (
                <tr key={g.key} data-testid="manifest-group" data-key={g.key}>
                  <td><button type="button" className="link" title={`Only ${groupBy} ${g.key}`} onClick={() => { setField(groupBy as ManifestGroupBy, g.key); setGroupBy(''); }}>{groupBy === 'status' ? STATUS_LABEL[g.key as FileStatus] ?? g.key : g.key}</button></td>
                  <td className="num" data-testid="manifest-group-files">{formatCount(g.files)}</td><td className="num">{formatBytes(g.bytes)}</td><td className="num">{formatCount(g.recordsRead)}</td>
                  <td className="num">{formatCount(g.imported)}</td><td className="num">{formatCount(g.rejected)}</td>
                  <td className={`num${g.notImported ? ' warn' : ''}`}>{formatCount(g.notImported)}</td><td className={`num${g.problems ? ' bad' : ''}`}>{formatCount(g.problems)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-scroll manifest">
        <table className="data-table" aria-label="Evidence files" data-testid="manifest">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.label} scope="col" className={c.num ? 'num' : undefined} aria-sort={c.sort && sort.column === c.sort ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  {c.sort ? <button type="button" className="link th-sort" data-testid={`manifest-sort-${c.sort}`} onClick={() => sortBy(c.sort!)}>{c.label}{sort.column === c.sort ? (sort.descending ? ' ▼' : ' ▲') : ''}</button> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(page?.rows ?? []).map((f) => (
              <tr key={f.id} data-testid="manifest-row" data-status={f.status} data-evidence-id={f.id} className={props.selectedId === f.id ? 'selected' : undefined}>
                <td className="num muted">{f.id}</td>
                <td className="path" title={f.originalPath}>{f.relPath}{f.compression === 'gzip' && <span className="tag">gz</span>}</td>
                <td className="muted">{f.account}</td><td className="muted">{f.region}</td><td className="muted">{f.day}</td>
                <td data-testid="manifest-format" data-chosen={f.chosenFormat ? 'true' : undefined}>{f.format ? formatShown(f) : '—'}</td>
                <td><span className={`status status-${f.status}`} title={f.reason ?? undefined}>{STATUS_LABEL[f.status]}</span>
                  {canChooseFormat(f.status) && (
                    <button type="button" className="btn btn-small" data-testid="import-as-open" aria-label={`Import ${f.relPath} as a format you choose`}
                      onClick={() => props.onDecide({ path: f.originalPath, relPath: f.relPath, status: f.status, reason: f.reason, ...(f.candidates ? { candidates: f.candidates } : {}) })}>Import as…</button>
                  )}
                  {f.reason && <div className="reason muted" title={f.reason}>{f.reason}</div>}
                  <DecisionCandidates candidates={f.candidates} /></td>
                <td className="num">{formatCount(f.recordsRead)}</td>
                <td className="num">{formatCount(f.imported)}</td>
                <td className="num">
                  {f.rejected > 0 ? (
                    <button type="button" className="link" data-testid="manifest-rejects" aria-label={`Show ${f.rejected} rejected records of ${f.relPath}`} onClick={() => props.onShowRejects(f)}>{formatCount(f.rejected)}</button>
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
      <div className="field-row pager">
        <button type="button" className="btn btn-small" data-testid="manifest-prev" aria-label="Previous manifest page" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹</button>
        <span className="muted" data-testid="manifest-range" data-total={page?.total ?? 0}>
          {page ? (page.total === 0 ? 'no file matches' : `${formatCount(pageOffset + 1)}–${formatCount(Math.min(pageOffset + PAGE, page.total))} of ${formatCount(page.total)} file${page.total === 1 ? '' : 's'}${filtered ? ' matching' : ''}`) : 'loading…'}
        </span>
        <button type="button" className="btn btn-small" data-testid="manifest-next" aria-label="Next manifest page" disabled={!page || offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>›</button>
      </div>
    </section>
  );
}
