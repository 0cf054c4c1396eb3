// Detection of a JSON record format from the probe: JSON (an object or array first), and every one of the
// format's signature keys present as a key ("name":) in the first bytes. Other JSON formats lack them.
import type { Detection, Probe } from '../source';

function jsonStart(head: Buffer): string {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trimStart();
}

export function detectJson(probe: Probe, id: string, signature: string[], describe: string): Detection | null {
  const text = jsonStart(probe.head);
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  const found = signature.filter((k) => text.includes(`"${k}"`) && new RegExp(`"${k}"\\s*:`).test(text));
  if (found.length < signature.length) return null;
  const layout = text.startsWith('[') ? 'a JSON array' : /^\{[^\n]*\}\s*(\n|$)/.test(text) ? 'JSON lines' : 'a JSON document';
  return { format: id, confidence: 0.95, importable: true, note: `${describe}: ${layout} with the keys ${signature.join(', ')}` };
}
