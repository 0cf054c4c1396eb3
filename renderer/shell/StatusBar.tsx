// Bottom status bar: case, examiner, integrity, import state, query timeout, engine version, transport.
import { useCases, useQueries } from '../stores/context';
import { formatCount } from '../common/cell-text';
import type { CaseIntegrityStatus } from '../../shared/types';

export function StatusBar() {
  const current = useCases((s) => s.current);
  const info = useCases((s) => s.info);
  const active = useCases((s) => s.runs.find((r) => !r.summary));
  const lastRun = useCases((s) => [...s.runs].reverse().find((r) => r.summary));
  const running = useQueries((s) => s.tabs.filter((t) => t.running).length);
  const integrity = useCases((s) => s.integrity);
  return (
    <footer className="status-bar" role="contentinfo" data-testid="status-bar">
      {current ? (
        <>
          <span className="status-item status-case" title={current.dir} data-testid="status-case">▣ {current.name}</span>
          <span className="status-item" title="Examiner">{current.examiner}</span>
          <IntegrityItem integrity={integrity} />
        </>
      ) : <span className="status-item">No case open</span>}
      <span className="status-item" data-testid="status-import">
        {active ? `Importing… ${formatCount(active.progress?.filesDone ?? 0)}/${formatCount(active.progress?.filesTotal ?? 0)} files, ${formatCount(active.progress?.records ?? 0)} records`
          : lastRun?.summary ? `Last import ${lastRun.summary.state}: ${formatCount(lastRun.summary.totals.imported)} imported, ${formatCount(lastRun.summary.totals.rejected)} rejected` : 'Idle'}
      </span>
      {running > 0 && <span className="status-item status-busy">{running} query running</span>}
      <span className="status-spacer" />
      {current?.queryTimeoutMs !== undefined && (
        <span className="status-item" data-testid="status-timeout" title="Queries stop this long after they are submitted (CAIRN_QUERY_TIMEOUT_S)">
          Query timeout {current.queryTimeoutMs > 0 ? `${Math.round(current.queryTimeoutMs / 1000)} s` : 'off'}
        </span>
      )}
      {current && <span className="status-item" title="DuckDB engine version">DuckDB {current.duckdbVersion}</span>}
      {info && <span className="status-item">Cairn {info.toolVersion} · {info.host === 'electron' ? 'desktop' : 'loopback 127.0.0.1'}</span>}
    </footer>
  );
}

const clock = (iso: string | null): string => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '');

/**
 * Green when the audit chain and every seal verify; red, naming what failed, when not. "verified HH:MM" is the
 * last full recompute, shown while neither the evidence database nor the recorded seals changed since (decision 0005).
 */
function IntegrityItem({ integrity }: { integrity: CaseIntegrityStatus | null }) {
  if (!integrity) return <span className="status-item" data-testid="status-integrity" data-state="checking">Checking integrity…</span>;
  const { audit, seals: status } = integrity;
  const seals = status.current ? status.check : null;
  const problems = [
    ...(audit.ok ? [] : [`audit log ${audit.brokenAt !== null ? `broken at entry ${audit.brokenAt}` : "does not hold"}: ${audit.reason}`]),
    ...(status.current && status.error ? [`the seal check could not read the evidence: ${status.error}`] : []),
    ...(seals?.problems ?? []).map((p) => `${p.relPath ?? `evidence #${p.evidenceId}`}: rows ${p.state}`),
  ];
  if (problems.length === 0 && !seals) {
    const last = status.checkedAt ? ` Last full check ${status.checkedAt}; the evidence database or its seals changed since.` : '';
    return <span className="status-item" data-testid="status-integrity" data-state="checking" title={`Audit log: ${audit.entries} entries, chain verified. Recomputing every seal in the background.${last}`}>Verifying seals…</span>;
  }
  const ok = problems.length === 0;
  const title = ok && seals
    ? `Audit log: ${audit.entries} entries, chain verified. Seals: ${seals.sealedFiles} files, ${formatCount(seals.rowsChecked)} rows recomputed at ${status.checkedAt} and matching; the evidence database and the recorded seals have not changed since`
    : problems.join('\n');
  const changed = seals?.problems.length ?? 0;
  return (
    <span className={`status-item ${ok ? 'status-ok' : 'status-bad'}`} data-testid="status-integrity" data-state={ok ? 'ok' : 'broken'} title={title}>
      {ok && seals ? `✓ Evidence sealed (${formatCount(seals.sealedFiles)} files) · verified ${clock(status.checkedAt)}`
        : `✗ Integrity: ${status.current && status.error ? 'seal check failed' : `${changed} file${changed === 1 ? '' : 's'} changed`}${audit.ok ? '' : ', audit log broken'}`}
    </span>
  );
}
