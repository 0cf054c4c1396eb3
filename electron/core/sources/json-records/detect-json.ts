// Detection of a JSON record format from the probe: JSON (an object or array first), and every one of the
// format's signature keys present as a key ("name":) in the first bytes. Other JSON formats lack them.
import { jsonHeadText, jsonLayout } from '../probe-text';
import type { Detection, Probe } from '../source';

const keyPatterns = new Map<string, RegExp>();
const keyPattern = (k: string): RegExp => {
  let re = keyPatterns.get(k);
  if (!re) { re = new RegExp(`"${k}"\\s*:`); keyPatterns.set(k, re); }
  return re;
};

export function detectJson(probe: Probe, id: string, signature: string[], describe: string): Detection | null {
  const text = jsonHeadText(probe.head);
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  if (!signature.every((k) => text.includes(`"${k}"`) && keyPattern(k).test(text))) return null;
  const layout = jsonLayout(text);
  return { format: id, confidence: 0.95, importable: true, note: `${describe}: ${layout} with the keys ${signature.join(', ')}` };
}
