// The shipped hunting queries: searchable list; selecting one shows its description and parameter form;
// Run opens it in a new tab and runs it with the parameters bound (never spliced into the SQL).
import { useState } from 'react';
import type { LibraryQuery } from '../../shared/api';
import { useCatalog, useStores } from '../stores/context';
import { ParamForm, boundParams, initialParams, invalidParams, missingParams } from './ParamForm';
import { useEvidenceEnd } from './evidence-end';

export function LibraryPanel() {
  const library = useCatalog((s) => s.library);
  const tables = useCatalog((s) => s.tables);
  const [filter, setFilter] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const f = filter.trim().toLowerCase();
  const shown = f ? library.filter((q) => [q.title, q.description, q.id, ...q.tags, ...q.tables].some((s) => s.toLowerCase().includes(f))) : library;
  const have = new Set(tables.map((t) => t.name));
  return (
    <div className="side-panel" data-testid="library-panel">
      <header className="panel-header"><h2>Query library</h2><span className="muted">{library.length}</span></header>
      <input className="panel-filter" type="search" aria-label="Filter library queries" placeholder="Filter by title, tag, table" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {library.length === 0 && <p className="muted pad">No library queries are installed (resources/queries is empty).</p>}
      <ul className="library-list" aria-label="Library queries">
        {shown.map((q) => (
          <li key={q.id} className={`library-entry${openId === q.id ? ' open' : ''}`}>
            <button type="button" className="library-item" data-testid="library-item" data-query-id={q.id} aria-expanded={openId === q.id} onClick={() => setOpenId(openId === q.id ? null : q.id)}>
              <span className="library-title">{q.title}</span>
              <span className="library-tags">
                {q.tables.map((t) => <span key={t} className={`tag${have.has(t) ? '' : ' tag-missing'}`} title={have.has(t) ? `reads ${t}` : `${t} is not in this case`}>{t}</span>)}
              </span>
            </button>
            {openId === q.id && <LibraryDetail query={q} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LibraryDetail({ query }: { query: LibraryQuery }) {
  const { queries } = useStores();
  const anchor = useEvidenceEnd();
  const [params, setParams] = useState(() => initialParams(query.params));
  const missing = missingParams(query.params, params);
  const invalid = invalidParams(query.params, params);
  const blocked = [...missing.map((l) => `fill in ${l}`), ...invalid.map((l) => `${l} is not a UTC time`)];
  const open = (run: boolean) => {
    const bound = invalid.length === 0 ? boundParams(query.params, params) : params;
    const id = queries.getState().newTab({ sql: `${query.sql}\n`, title: query.title, params: bound });
    if (run) void queries.getState().run(id, { sql: query.sql, params: bound, base: 0 });
  };
  return (
    <div className="library-detail">
      <p className="library-desc">{query.description}</p>
      {query.params.length > 0 && <ParamForm params={query.params} values={params} onChange={setParams} anchor={anchor} />}
      <div className="actions">
        <button type="button" className="btn btn-primary btn-small" data-testid="library-run" disabled={blocked.length > 0} title={blocked.length ? blocked.join('; ') : 'Open in a new tab and run'} onClick={() => open(true)}>Run</button>
        <button type="button" className="btn btn-small" data-testid="library-open" onClick={() => open(false)}>Open in editor</button>
      </div>
    </div>
  );
}
