// A collapsible JSON tree. Every key and value is a React text child — never HTML — because it is log data.
import { useState } from 'react';

export function JsonTree({ value, types }: { value: Record<string, unknown>; types?: Record<string, string> }) {
  return (
    <ul className="json-tree" role="tree" aria-label="Record">
      {Object.entries(value).map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={0} type={types?.[k]} />)}
    </ul>
  );
}

function JsonNode({ name, value, depth, type }: { name: string; value: unknown; depth: number; type?: string }) {
  const nested = value !== null && typeof value === 'object';
  const entries = nested ? (Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>)) : [];
  const [open, setOpen] = useState(depth < 1 && entries.length <= 50);
  if (!nested) {
    return (
      <li role="treeitem" aria-selected={false} className="json-leaf">
        <span className="json-key" title={type}>{name}</span>
        <span className={`json-value json-${value === null ? 'null' : typeof value}`}>{value === null ? 'null' : typeof value === 'string' ? value : String(value)}</span>
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
          {entries.map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}
