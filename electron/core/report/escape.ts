import { visible, visibleLine } from './visible-text';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute. */
export function escapeHtml(s: string): string {
  return visible(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

// Every ASCII punctuation character that Markdown (CommonMark + GFM: tables, autolinks, strikethrough, math
// in some viewers) gives a meaning to; CommonMark guarantees a backslash before any of them makes it literal.
// Escaping ':' '.' and '@' also stops GFM's bare-URL and e-mail autolinks, so no value becomes a live link.
const MD_PUNCT = /[\\`*_{}[\]()<>#+\-=.!|~:@&$^]/g;

/** Free text (titles, names) as literal Markdown inline text, on one line. */
export function mdText(s: string): string {
  return visibleLine(s).replace(MD_PUNCT, (c) => `\\${c}`);
}

/**
 * A value as a Markdown code span: nothing inside is interpreted (no emphasis, links, HTML). The fence is
 * longer than any backtick run inside. `inTable` escapes '|', which GFM splits cells on even in code spans.
 */
export function mdCode(s: string, inTable = false): string {
  let text = visibleLine(s);
  if (inTable) text = text.replace(/\|/g, '\\|');
  if (text === '') return '';
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block (SQL); the fence is longer than any backtick run in the text. */
export function mdCodeBlock(s: string, info = ''): string {
  const text = visible(s.replace(/\r\n?/g, '\n'));
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}
