import { cloudTrailSource } from './cloudtrail';
import { csvSource } from './csv';
import { vpcFlowSource } from './vpc-flow';
import type { Detection, LogSource, Probe } from './source';

// Every log source Cairn knows, in one list. Adding a source: a folder under sources/ and a line here.
export const SOURCES: LogSource[] = [cloudTrailSource, vpcFlowSource, csvSource];

export interface Detected { source: LogSource; detection: Detection }

/** Asks the sources about the content; the most confident answer wins. Catch-alls are asked last, if at all. */
export function detectSource(probe: Probe, sources: LogSource[] = SOURCES): Detected | { unsupported: string } {
  if (probe.size === 0) return { unsupported: 'empty file (0 bytes)' };
  const best = mostConfident(probe, sources.filter((s) => !s.catchAll)) ?? mostConfident(probe, sources.filter((s) => s.catchAll));
  return best ?? { unsupported: describeUnknown(probe.head) };
}

function mostConfident(probe: Probe, sources: LogSource[]): Detected | undefined {
  let best: Detected | undefined;
  for (const source of sources) {
    let d: Detection | null = null;
    try { d = source.detect(probe); } catch { d = null; } // a detector must never sink the import
    if (d && (!best || d.confidence > best.detection.confidence)) best = { source, detection: d };
  }
  return best;
}

function describeUnknown(head: Buffer): string {
  const sample = head.subarray(0, 512);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32)) control++;
  if (sample.length > 0 && control / sample.length > 0.1) return 'binary content that matches no supported log format';
  const first = head.toString('utf8', 0, Math.min(head.length, 80)).split(/\r?\n/)[0] ?? '';
  return `content matches no supported log format (starts with ${JSON.stringify(first.slice(0, 60))})`;
}
