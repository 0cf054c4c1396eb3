// Detection of a JSON record format from the probe: JSON (an object or array first), and every one of the
// format's signature keys present as a key ("name":) in the first bytes. Other JSON formats lack them.
import { hasJsonKey, jsonHeadText, jsonLayout } from '../probe-text';
import type { Detection, Probe } from '../source';

export function detectJson(probe: Probe, id: string, signature: string[], describe: string): Detection | null {
  const text = jsonHeadText(probe.head);
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  if (!signature.every((k) => hasJsonKey(text, k))) return null;
  const layout = jsonLayout(text);
  return { format: id, confidence: 0.95, importable: true, note: `${describe}: ${layout} with the keys ${signature.join(', ')}` };
}
