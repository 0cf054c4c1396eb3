// Tables and views with row counts; columns with types; struct fields expandable. Click inserts the name
// (qualified path for nested fields) at the editor's cursor. Names come from data: text only.
import { useState } from 'react';
import type { SchemaColumn, SchemaTable } from '../../shared/api';
import { useCatalog, useStores } from '../stores/context';
import { insertIntoEditor } from '../monaco/editor-bridge';
import { formatCount } from '../common/cell-text';
import { quoteName } from '../monaco/sql-complete';

export function SchemaPanel() {
  const { catalog } = useStores();
  const tables = useCatalog((s) => s.tables);
  const loading = useCatalog((s) => s.loading);
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const shown = f ? tables.filter((t) => t.name.toLowerCase().includes(f) || t.columns.some((c) => c.name.toLowerCase().includes(f))) : tables;
  return (
    <div className="side-panel" data-testid="schema-panel">
      <header className="panel-header">
        <h2>Schema</h2>
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label="Refresh schema" title="Refresh" onClick={() => void catalog.getState().refresh()}>⟳</button>
      </header>
      <input className="panel-filter" type="search" aria-label="Filter tables and columns" placeholder="Filter tables / columns" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="schema-filter" />
      {loading && <p className="muted pad">Loading…</p>}
      {!loading && tables.length === 0 && <p className="muted pad">No tables yet — import evidence first.</p>}
      <ul className="tree" role="tree" aria-label="Tables and views">
        {shown.map((t) => <TableNode key={t.name} table={t} open={f !== '' && !t.name.toLowerCase().includes(f)} />)}
      </ul>
    </div>
  );
}

function TableNode({ table, open }: { table: SchemaTable; open: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const isOpen = expanded || open;
  return (
    <li role="treeitem" aria-expanded={isOpen} aria-selected={false} className="tree-item" data-testid="schema-table" data-table={table.name}>
      <div className="tree-row">
        <button type="button" className="twisty" aria-label={`${isOpen ? 'Collapse' : 'Expand'} ${table.name}`} onClick={() => setExpanded(!isOpen)}>{isOpen ? '▾' : '▸'}</button>
        <button type="button" className={`tree-label kind-${table.kind}`} title={`Insert ${table.name}`} onClick={() => insertIntoEditor(quoteName(table.name))}>
          <span className="icon" aria-hidden="true">{table.kind === 'view' ? '◇' : '▦'}</span>{table.name}
        </button>
        <span className="tree-meta">{table.rows !== null ? formatCount(table.rows) : table.kind}</span>
      </div>
      {isOpen && (
        <ul role="group">
          {table.columns.map((c) => <ColumnNode key={c.name} column={c} path={[c.name]} />)}
        </ul>
      )}
    </li>
  );
}

function ColumnNode({ column, path }: { column: SchemaColumn; path: string[] }) {
  const [expanded, setExpanded] = useState(false);
  const nested = (column.children?.length ?? 0) > 0;
  const shortType = column.type.length > 40 ? `${column.type.split('(')[0]}(…)` : column.type;
  return (
    <li role="treeitem" aria-expanded={nested ? expanded : undefined} aria-selected={false} className="tree-item" data-testid="schema-column">
      <div className="tree-row">
        {nested ? <button type="button" className="twisty" aria-label={`${expanded ? 'Collapse' : 'Expand'} ${column.name}`} onClick={() => setExpanded(!expanded)}>{expanded ? '▾' : '▸'}</button> : <span className="twisty" />}
        <button type="button" className="tree-label" title={`Insert ${path.join('.')}`} onClick={() => insertIntoEditor(path.map(quoteName).join('.'))}>{column.name}</button>
        <span className="tree-meta type" title={column.type}>{shortType}</span>
      </div>
      {nested && expanded && (
        <ul role="group">
          {column.children!.map((c) => <ColumnNode key={c.name} column={c} path={[...path, c.name]} />)}
        </ul>
      )}
    </li>
  );
}
