// The probe's text, decoded once per file however many detectors read it: every detector of the registry
// reads each file's 64 KiB probe, and a batch detects thousands of files (decision 0027).
import { PROBE_BYTES } from '../intake/stage';
import type { Probe } from './source';

/** Whether the probe holds the whole content, so its last line is complete (not cut off by the probe's size). */
export const probeIsWhole = (probe: Probe): boolean => probe.size <= probe.head.length || probe.head.length < PROBE_BYTES;
const jsonTexts = new WeakMap<Buffer, string>();
const lineLists = new WeakMap<Buffer, { complete?: readonly string[]; cut?: readonly string[] }>();

/** The content after a UTF-8 BOM and leading whitespace, as UTF-8 text (what the JSON detectors read). */
export function jsonHeadText(head: Buffer): string {
  let text = jsonTexts.get(head);
  if (text !== undefined) return text;
  text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  jsonTexts.set(head, text);
  return text;
}

/** The complete lines at the start of `head`, read as latin-1 (a last line cut off by the probe size is dropped). */
export function headLines(head: Buffer, complete: boolean): readonly string[] {
  const cached = lineLists.get(head) ?? {};
  const key = complete ? 'complete' : 'cut';
  const hit = cached[key];
  if (hit) return hit;
  let text = head.toString('latin1');
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3); // UTF-8 BOM read as latin-1
  const lines = text.split('\n');
  if (!complete && lines.length > 1) lines.pop();
  const out = Object.freeze(lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
  cached[key] = out;
  lineLists.set(head, cached);
  return out;
}

/**
 * How JSON text (jsonHeadText) is laid out, for a detector's note: what `^\{[^\n]*\}\s*(\n|$)` said, without
 * the regex's backtracking over a one-line document (decision 0027).
 */
export function jsonLayout(text: string): 'a JSON array' | 'JSON lines' | 'a JSON document' {
  if (text.startsWith('[')) return 'a JSON array';
  const nl = text.indexOf('\n');
  return text.startsWith('{') && (nl < 0 ? text : text.slice(0, nl)).trimEnd().endsWith('}') ? 'JSON lines' : 'a JSON document';
}

const keyPatterns = new Map<string, RegExp>();

/** `"key":` (whitespace allowed before the colon) anywhere in the text; `key` is a plain name. */
export function hasJsonKey(text: string, key: string): boolean {
  // Most files lack most keys: a plain search rules them out before any regex runs over the probe.
  if (!text.includes(`"${key}"`)) return false;
  let re = keyPatterns.get(key);
  if (!re) keyPatterns.set(key, (re = new RegExp(`"${key}"\\s*:`)));
  return re.test(text);
}
