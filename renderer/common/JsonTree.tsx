// A collapsible JSON tree. Every key and value is a React text child — never HTML — because it is log data.
// Branches deeper than `openDepth` start collapsed; `leafExtra` may add a note after a leaf (IP owners).
import { useState, type ReactNode } from 'react';

export interface JsonTreeProps {
  value: Record<string, unknown>;
  types?: Record<string, string>;
  /** Levels shown open at first (1: the top entries' children). */
  openDepth?: number;
  leafExtra?: (value: unknown) => ReactNode;
  label?: string;
}

export function JsonTree({ value, types, openDepth = 1, leafExtra, label = 'Record' }: JsonTreeProps) {
  return (
    <ul className="json-tree" role="tree" aria-label={label}>
      {Object.entries(value).map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={0} type={types?.[k]} openDepth={openDepth} leafExtra={leafExtra} />)}
    </ul>
  );
}

function JsonNode({ name, value, depth, type, openDepth, leafExtra }: { name: string; value: unknown; depth: number; type?: string; openDepth: number; leafExtra?: JsonTreeProps['leafExtra'] }) {
  const nested = value !== null && typeof value === 'object';
  const entries = nested ? (Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>)) : [];
  const [open, setOpen] = useState(depth < openDepth && entries.length <= 50);
  if (!nested) {
    return (
      <li role="treeitem" aria-selected={false} className="json-leaf">
        <span className="json-key" title={type}>{name}</span>
        <span className={`json-value json-${value === null ? 'null' : typeof value}`}>{value === null ? 'null' : typeof value === 'string' ? value : String(value)}</span>
        {leafExtra?.(value)}
      </li>
    );
  }
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <li role="treeitem" aria-expanded={open} aria-selected={false} className="json-branch">
      <button type="button" className="json-toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}>
        <span className="twisty">{open ? '▾' : '▸'}</span>
        <span className="json-key" title={type}>{name}</span>
        <span className="json-summary muted">{summary}</span>
      </button>
      {open && (
        <ul role="group">
          {entries.map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} leafExtra={leafExtra} />)}
        </ul>
      )}
    </li>
  );
}
