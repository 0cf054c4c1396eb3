// What a findings detector reads: JSON text (an object or array first) and how it is laid out.
import { jsonHeadText } from '../probe-text';
import type { Probe } from '../source';

export function findingsText(probe: Probe): { text: string; layout: string } | null {
  const text = jsonHeadText(probe.head);
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  const layout = text.startsWith('[') ? 'a JSON array' : /^\{[^\n]*\}\s*(\n|$)/.test(text) ? 'JSON lines' : 'a JSON document';
  return { text, layout };
}
