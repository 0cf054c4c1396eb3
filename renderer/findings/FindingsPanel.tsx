// The Findings view (the main area): case notes and the findings (filter by tag and severity) on the left, the
// open finding on the right with its queries and parameters, rows (snapshots with their hashes and provenance),
// tags and notes. Everything from logs is text.
import { useEffect, useState } from 'react';
import { SEVERITIES, type Severity } from '../../shared/types';
import { useCases, useFindings, useStores } from '../stores/context';
import { formatCount } from '../common/cell-text';
import { plainText } from '../../shared/markdown-lite';
import { FindingDetail } from './FindingDetail';
import { NotesEditor } from './NotesEditor';
import { TagChip, SeverityBadge } from './badges';

export function FindingsPanel() {
  const { findings } = useStores();
  const epoch = useCases((s) => s.epoch);
  const list = useFindings((s) => s.list);
  const tags = useFindings((s) => s.tags);
  const filter = useFindings((s) => s.filter);
  const open = useFindings((s) => s.open);
  const caseNotes = useFindings((s) => s.caseNotes);
  const error = useFindings((s) => s.error);
  const [notesOpen, setNotesOpen] = useState(true);
  useEffect(() => {
    const s = findings.getState();
    void s.refresh(); void s.loadTags(); void s.loadCaseNotes();
  }, [findings, epoch]);

  return (
    <div className="findings-panel findings-main" data-testid="findings-panel">
      <header className="panel-header"><h2>Findings</h2><span className="muted" data-testid="findings-count">{list.length}</span><span className="spacer" />
        <button type="button" className="icon-button" aria-label="Refresh findings" onClick={() => void findings.getState().refresh()}>⟳</button></header>
      {error && <div className="query-error" role="alert" data-testid="findings-error"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
      <div className="findings-columns">
      <div className="findings-scroll findings-list-pane">
        <section className="panel-section" aria-label="Case notes">
          <button type="button" className="section-toggle" aria-expanded={notesOpen} onClick={() => setNotesOpen(!notesOpen)}>
            <span className="twisty">{notesOpen ? '▾' : '▸'}</span> Case notes <span className="muted">{caseNotes.length}</span></button>
          {notesOpen && <NotesEditor notes={caseNotes} testId="case-notes" />}
        </section>
        <div className="findings-filter field-row" role="group" aria-label="Filter findings">
          <select data-testid="findings-filter-tag" aria-label="Filter by tag" value={filter.tag ?? ''} onChange={(e) => void findings.getState().setFilter({ ...filter, tag: e.target.value || undefined })}>
            <option value="">All tags</option>
            {tags.map((t) => <option key={t.id} value={t.name}>{t.name}</option>)}
          </select>
          <select data-testid="findings-filter-severity" aria-label="Filter by severity" value={filter.severity ?? ''} onChange={(e) => void findings.getState().setFilter({ ...filter, severity: (e.target.value || undefined) as Severity | undefined })}>
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        {list.length === 0 && <p className="muted pad" data-testid="findings-empty">{filter.tag || filter.severity ? 'No finding matches the filter.' : 'No findings yet. Select rows in a result and press “Make finding”.'}</p>}
        <ul className="finding-list" aria-label="Findings">
          {list.map((f) => (
            <li key={f.id} className={`finding-entry${open?.id === f.id ? ' open' : ''}`}>
              <button type="button" className="finding-item" data-testid="finding-item" data-finding-id={f.id} aria-expanded={open?.id === f.id}
                onClick={() => void findings.getState().openFinding(open?.id === f.id ? null : f.id)}>
                <span className="finding-line"><SeverityBadge severity={f.severity} /><span className="finding-title">{f.title}</span></span>
                <span className="finding-sub muted">#{f.id} · {formatCount(f.rowCount)} row{f.rowCount === 1 ? '' : 's'}{f.attack ? ` · ${f.attack}` : ''}
                  {f.rowsWithoutProvenance > 0 && <span className="warn" title="These rows' query did not select _evidence_id and _ordinal: they cannot be traced to evidence bytes"> · {f.rowsWithoutProvenance} without provenance</span>}</span>
                {f.tags.length > 0 && <span className="finding-tags">{f.tags.map((t) => <TagChip key={t.id} tag={t} />)}</span>}
                {f.description && <span className="finding-desc muted">{plainText(f.description, 140)}</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <section className="findings-scroll finding-detail-pane" aria-label="Finding">
        {open ? <FindingDetail finding={open} /> : <p className="muted pad">Pick a finding on the left to see its queries, rows and notes.</p>}
      </section>
      </div>
    </div>
  );
}
