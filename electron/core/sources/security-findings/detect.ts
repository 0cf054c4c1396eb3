// What a findings detector reads: JSON text (an object or array first) and how it is laid out.
import { jsonHeadText, jsonLayout } from '../probe-text';
import type { Probe } from '../source';

export function findingsText(probe: Probe): { text: string; layout: string } | null {
  const text = jsonHeadText(probe.head);
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  const layout = jsonLayout(text);
  return { text, layout };
}
