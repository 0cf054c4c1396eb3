// The coverage view (#26): a heatmap of hours x (source, account, region) with gaps and logging-off hours
// marked; a click opens that hour's rows as a query. Below: streams, gaps and logging windows, each window
// linked to the record that shows it. It also states whether the audit trail holds (red when it does not).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cellQuery, COVERAGE_SPECS, type CoverageLedger } from '../../shared/coverage';
import { useCases, useStores } from '../stores/context';
import { heatmapLayout, hourIso, type CellState, type Heatmap } from './heatmap';
import './coverage.css';

const CELL_W = 8;
const CELL_H = 16;
const COLOURS: Record<Exclude<CellState, 'events'>, string> = { outside: 'transparent', gap: '#d9534f', 'digest-empty': '#f0ad4e', off: '#7b2cbf' };

type AuditCheck = { ok: boolean; entries: number; head: string | null; brokenAt: number | null; reason: string | null };

export function CoverageView() {
  const { client, queries, ui } = useStores();
  const epoch = useCases((s) => s.epoch);
  const [ledger, setLedger] = useState<CoverageLedger | null>(null);
  const [audit, setAudit] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setError(null);
      const [l, a] = await Promise.all([client.call('coverage.get', {}), client.call('audit.verify', {})]);
      setLedger(l);
      setAudit(a);
    } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  }, [client]);
  useEffect(() => { void load(); }, [load, epoch]);
  useEffect(() => client.on('import.finished', () => void load()), [client, load]); // refresh after every import
  const map = useMemo(() => (ledger ? heatmapLayout(ledger) : null), [ledger]);

  const openQuery = (title: string, sql: string) => {
    const id = queries.getState().newTab({ sql: `${sql}\n`, title });
    void queries.getState().run(id, { sql, base: 0 });
    ui.getState().set({ view: 'schema', sidebarOpen: true });
  };
  const openCell = (row: number, col: number) => {
    if (!map) return;
    const r = map.rows[row]!;
    const spec = COVERAGE_SPECS.find((s) => s.source === r.source);
    if (!spec) return;
    const hour = hourIso(map, col);
    openQuery(`${r.source} ${hour.slice(0, 13)}h`, cellQuery(spec, r.account, r.region, hour));
  };

  return (
    <div className="coverage-view" data-testid="coverage-view">
      <header className="view-header">
        <h2>Coverage</h2>
        {ledger && <span className="muted" data-testid="coverage-summary" data-streams={ledger.streams.length} data-gaps={ledger.gaps.length} data-windows={ledger.windows.length}>
          {ledger.streams.length} stream(s), {ledger.gaps.reduce((n, g) => n + g.hours, 0)} gap hour(s), logging off or reduced {ledger.windows.length} time(s); computed in {ledger.elapsedMs} ms</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small" data-testid="coverage-refresh" onClick={() => void load()}>Refresh</button>
      </header>
      {audit && (
        <p className={audit.ok ? 'ok small' : 'bad small coverage-alert'} data-testid="coverage-audit" data-ok={audit.ok} role={audit.ok ? undefined : 'alert'}>
          {audit.ok ? <>Audit trail holds: {audit.entries} entries, head <code>{audit.head?.slice(0, 16)}…</code></> : <>Audit trail does NOT hold: {audit.reason}</>}
        </p>
      )}
      {error && <div className="query-error" role="alert"><span className="error-message">{error}</span></div>}
      {map && map.rows.length > 0 && <HeatmapCanvas map={map} onCell={openCell} />}
      {map && map.truncated && <p className="muted small">Showing the first {map.columns} hours; the tables below list everything.</p>}
      {ledger && ledger.streams.length === 0 && <p className="muted pad" data-testid="coverage-empty">No dated events in this case yet.</p>}
      <p className="muted small coverage-legend"><span className="swatch" style={{ background: '#2b8a3e' }} /> events <span className="swatch" style={{ background: COLOURS.gap }} /> no events
        <span className="swatch" style={{ background: COLOURS['digest-empty'] }} /> digest: no files delivered <span className="swatch" style={{ background: COLOURS.off }} /> logging off</p>
      {ledger && ledger.windows.length > 0 && (
        <section aria-label="Logging turned off or reduced">
          <h3>Logging turned off or reduced</h3>
          <table className="coverage-table"><thead><tr><th>Kind</th><th>Account</th><th>Target</th><th>From</th><th>To</th><th>By</th><th>Event</th></tr></thead>
            <tbody>{ledger.windows.map((w, i) => (
              <tr key={i} data-testid="coverage-window" data-kind={w.kind}>
                <td className="bad">{w.kind}</td><td>{w.account}</td><td>{w.target}</td><td>{w.from}</td><td>{w.to ?? 'not turned back on'}</td><td>{w.start.actor}</td>
                <td><button type="button" className="btn btn-small" data-testid="coverage-window-event" onClick={() => openQuery(`${w.start.eventName} ${w.from}`,
                  `SELECT * FROM cloudtrail WHERE _evidence_id = ${w.start.evidenceId} AND _ordinal = ${w.start.ordinal}`)}>{w.start.eventName}</button></td>
              </tr>))}</tbody></table>
        </section>
      )}
      {ledger && ledger.gaps.length > 0 && (
        <section aria-label="Gaps">
          <h3>Gaps</h3>
          <table className="coverage-table"><thead><tr><th>Source</th><th>Account</th><th>Region</th><th>From</th><th>To</th><th>Hours</th><th>Why</th></tr></thead>
            <tbody>{ledger.gaps.map((g, i) => (
              <tr key={i} data-testid="coverage-gap" data-reason={g.reason}><td>{g.source}</td><td>{g.account}</td><td>{g.region}</td><td>{g.from}</td><td>{g.to}</td><td>{g.hours}</td>
                <td>{g.reason === 'digest-empty' ? `digest #${g.evidenceId} lists no log files` : 'no events'}</td></tr>))}</tbody></table>
        </section>
      )}
    </div>
  );
}

function HeatmapCanvas({ map, onCell }: { map: Heatmap; onCell: (row: number, col: number) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string>('');
  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    g.clearRect(0, 0, canvas.width, canvas.height);
    for (let r = 0; r < map.rows.length; r++) {
      for (let c = 0; c < map.columns; c++) {
        const s = map.state[r]![c]!;
        if (s === 'outside') continue;
        const n = map.events[r]![c]!;
        // Events: green, darker with more (log scale, so a quiet hour is still visible beside a busy one).
        g.fillStyle = s === 'events' ? `hsl(135, 55%, ${60 - 35 * (Math.log1p(n) / Math.log1p(Math.max(1, map.max)))}%)` : COLOURS[s];
        g.fillRect(c * CELL_W, r * CELL_H, CELL_W - 1, CELL_H - 2);
      }
    }
  }, [map]);
  const at = (e: React.MouseEvent<HTMLCanvasElement>): [number, number] => {
    const b = e.currentTarget.getBoundingClientRect();
    return [Math.floor((e.clientY - b.top) / CELL_H), Math.floor((e.clientX - b.left) / CELL_W)];
  };
  return (
    <div className="coverage-map">
      <div className="coverage-labels">{map.rows.map((r, i) => <div key={i} className="coverage-label" title={r.label} data-testid="coverage-row">{r.label}</div>)}</div>
      <div className="coverage-scroll">
        <div className="muted small">{hourIso(map, 0)} … {hourIso(map, map.columns - 1)} (UTC, one column per hour) {hover}</div>
        <canvas ref={ref} data-testid="coverage-heatmap" data-columns={map.columns} data-rows={map.rows.length} data-start={hourIso(map, 0)}
          width={map.columns * CELL_W} height={map.rows.length * CELL_H} aria-label="Coverage heatmap: click an hour to query it"
          onMouseMove={(e) => {
            const [r, c] = at(e);
            const row = map.rows[r];
            if (!row || c < 0 || c >= map.columns) { setHover(''); return; }
            const n = map.events[r]![c]!;
            setHover(`· ${row.label} ${hourIso(map, c)}: ${n >= 0 ? `${n} events` : map.state[r]![c]}`);
          }}
          onClick={(e) => { const [r, c] = at(e); if (r >= 0 && r < map.rows.length && c >= 0 && c < map.columns) onCell(r, c); }} />
      </div>
    </div>
  );
}
