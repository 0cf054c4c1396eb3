// Matching S3 keys named in digests with evidence files. The evidence path is relative to whatever folder
// the analyst chose, so the shared part is the layout from `AWSLogs/` on; files copied out of that layout
// are matched by file name, which CloudTrail makes unique (account, region, time and a random suffix).
import type { IntegrityInput } from './types';

const segments = (p: string): string[] => p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');

/** The key from `AWSLogs/` on, without a `.gz` ending (collectors may unpack); null without that layout. */
export function layoutTail(path: string): string | null {
  const parts = segments(path);
  const at = parts.lastIndexOf('AWSLogs');
  return at < 0 ? null : stripGz(parts.slice(at).join('/'));
}

export const stripGz = (p: string): string => p.replace(/\.gz$/i, '');
export const baseName = (p: string): string => stripGz(segments(p).pop() ?? p);

/** The evidence file's `AWSLogs/...` layout, from its relative path or else its absolute one. */
export function inputTail(input: IntegrityInput): string | null {
  return layoutTail(input.relPath) ?? (input.path ? layoutTail(input.path) : null);
}

/** Evidence files by layout and by name, to look up the keys digests list. */
export class EvidenceIndex<T extends IntegrityInput> {
  private readonly byTail = new Map<string, T[]>();
  private readonly byName = new Map<string, T[]>();

  constructor(inputs: T[]) {
    for (const i of inputs) {
      const tail = inputTail(i);
      if (tail) this.byTail.set(tail, [...(this.byTail.get(tail) ?? []), i]);
      const name = baseName(i.relPath);
      this.byName.set(name, [...(this.byName.get(name) ?? []), i]);
    }
  }

  /**
   * The evidence files for an S3 key (an object and its unpacked copy are both checked), and whether they
   * were found by their layout or only by their name.
   */
  find(key: string): { inputs: T[]; by: 'layout' | 'name' } | null {
    const tail = layoutTail(key);
    const exact = tail ? this.byTail.get(tail) : undefined;
    if (exact) return { inputs: exact, by: 'layout' };
    // A file in its own AWSLogs layout under another key is a different object, not a renamed copy.
    const named = (this.byName.get(baseName(key)) ?? []).filter((i) => !inputTail(i));
    return named.length === 1 ? { inputs: named, by: 'name' } : null;
  }
}

// <account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<random>.json[.gz]: the name CloudTrail delivers under.
const LOG_NAME = /^(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]+\.json$/;

/** Account, region and delivery time (to the minute) from a CloudTrail log file's name. */
export function parseLogName(path: string): { account: string; region: string; time: string } | null {
  const m = LOG_NAME.exec(baseName(path));
  if (!m) return null;
  return { account: m[1]!, region: m[2]!, time: `${m[3]}-${m[4]}-${m[5]}T${m[6]}:${m[7]}:00Z` };
}
