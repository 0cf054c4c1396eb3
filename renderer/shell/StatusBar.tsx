// Bottom status bar: case, examiner, engine version, import state, transport.
import { useCases, useQueries } from '../stores/context';
import { formatCount } from '../common/cell-text';

export function StatusBar() {
  const current = useCases((s) => s.current);
  const info = useCases((s) => s.info);
  const active = useCases((s) => s.runs.find((r) => !r.summary));
  const lastRun = useCases((s) => [...s.runs].reverse().find((r) => r.summary));
  const running = useQueries((s) => s.tabs.filter((t) => t.running).length);
  return (
    <footer className="status-bar" role="contentinfo" data-testid="status-bar">
      {current ? (
        <>
          <span className="status-item status-case" title={current.dir} data-testid="status-case">▣ {current.name}</span>
          <span className="status-item" title="Examiner">{current.examiner}</span>
        </>
      ) : <span className="status-item">No case open</span>}
      <span className="status-item" data-testid="status-import">
        {active ? `Importing… ${formatCount(active.progress?.filesDone ?? 0)}/${formatCount(active.progress?.filesTotal ?? 0)} files, ${formatCount(active.progress?.records ?? 0)} records`
          : lastRun?.summary ? `Last import ${lastRun.summary.state}: ${formatCount(lastRun.summary.totals.imported)} imported, ${formatCount(lastRun.summary.totals.rejected)} rejected` : 'Idle'}
      </span>
      {running > 0 && <span className="status-item status-busy">{running} query running</span>}
      <span className="status-spacer" />
      {current && <span className="status-item" title="DuckDB engine version">DuckDB {current.duckdbVersion}</span>}
      {info && <span className="status-item">Cairn {info.toolVersion} · {info.host === 'electron' ? 'desktop' : 'loopback 127.0.0.1'}</span>}
    </footer>
  );
}
