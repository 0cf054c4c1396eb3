// What a findings detector reads: JSON text (an object or array first) and how it is laid out.
import type { Probe } from '../source';

export function findingsText(probe: Probe): { text: string; layout: string } | null {
  let text = probe.head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  const layout = text.startsWith('[') ? 'a JSON array' : /^\{[^\n]*\}\s*(\n|$)/.test(text) ? 'JSON lines' : 'a JSON document';
  return { text, layout };
}
