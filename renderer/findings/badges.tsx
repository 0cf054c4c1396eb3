// Severity badge and tag chip. Tag colours come from the case database (validated #rrggbb by the core);
// anything else falls back to a neutral colour rather than reaching the style attribute.
import type { Severity, Tag } from '../../shared/types';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`severity severity-${severity}`} data-testid="severity" data-severity={severity}>{severity}</span>;
}

export function TagChip({ tag }: { tag: Pick<Tag, 'name' | 'colour'> }) {
  const colour = /^#[0-9a-f]{6}$/i.test(tag.colour) ? tag.colour : '#9aa0a6';
  return <span className="tag-chip small" data-testid="tag-chip" data-tag={tag.name} style={{ borderColor: colour }}><span className="tag-dot" style={{ background: colour }} />{tag.name}</span>;
}
