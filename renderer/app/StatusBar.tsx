// Bottom status bar: case, examiner, integrity, import state, query timeout, engine version, transport.
import { useCases, useQueries } from './stores-context';
import { formatCount } from '../lib/cell-text';
import type { CaseIntegrity } from '../../shared/types';

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

/** Green when the audit chain and every seal verify; red, naming what failed, when not. */
function IntegrityItem({ integrity }: { integrity: CaseIntegrity | null }) {
  if (!integrity) return <span className="status-item" data-testid="status-integrity" data-state="checking">Checking integrity…</span>;
  const { audit, seals } = integrity;
  const problems = [
    ...(audit.ok ? [] : [`audit log broken at entry ${audit.brokenAt}: ${audit.reason}`]),
    ...seals.problems.map((p) => `${p.relPath ?? `evidence #${p.evidenceId}`}: rows ${p.state}`),
  ];
  const ok = problems.length === 0;
  const title = ok
    ? `Audit log: ${audit.entries} entries, chain verified. Seals: ${seals.sealedFiles} files, ${formatCount(seals.rowsChecked)} rows match (checked ${integrity.checkedAt})`
    : problems.join('\n');
  return (
    <span className={`status-item ${ok ? 'status-ok' : 'status-bad'}`} data-testid="status-integrity" data-state={ok ? 'ok' : 'broken'} title={title}>
      {ok ? `✓ Evidence sealed (${formatCount(seals.sealedFiles)} files)`
        : `✗ Integrity: ${seals.problems.length} file${seals.problems.length === 1 ? '' : 's'} changed${audit.ok ? '' : ', audit log broken'}`}
    </span>
  );
}
