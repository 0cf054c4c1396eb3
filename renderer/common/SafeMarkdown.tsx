// Notes and descriptions rendered from our own Markdown tree into React elements: every string is a text
// child (React escapes it), links and images are shown as text with their target, nothing is ever live.
import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from '../../shared/markdown-lite';

export function SafeMarkdown({ source, testId }: { source: string; testId?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <div className="markdown" data-testid={testId}>
      {blocks.map((b, k) => {
        switch (b.t) {
          case 'para': return <p key={k}>{inlines(b.c)}</p>;
          case 'heading': return <p key={k} className={`md-h md-h${Math.min(b.level, 3)}`} role="heading" aria-level={Math.min(b.level + 2, 6)}>{inlines(b.c)}</p>;
          case 'code': return <pre key={k} className="md-code"><code>{b.v}</code></pre>;
          case 'list': {
            const items = b.items.map((it, j) => <li key={j}>{inlines(it)}</li>);
            return b.ordered ? <ol key={k}>{items}</ol> : <ul key={k}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}

function inlines(c: Inline[]): ReactNode[] {
  return c.map((n, k) => {
    switch (n.t) {
      case 'text': return n.v;
      case 'code': return <code key={k}>{n.v}</code>;
      case 'em': return <em key={k}>{inlines(n.c)}</em>;
      case 'strong': return <strong key={k}>{inlines(n.c)}</strong>;
      case 'link': return <span key={k} className="md-link" title="links in notes are not followed">{n.image ? `[image: ${n.label}]` : n.label}{n.url ? <span className="md-url"> ({n.url})</span> : null}</span>;
    }
  });
}
