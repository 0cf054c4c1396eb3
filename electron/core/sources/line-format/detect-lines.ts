// Detection of a line format from the probe: the first record line and most sampled lines must match the
// format's own pattern (pattern.ts), so what is detected is what the import will parse.
import type { Detection, Probe } from '../source';
import { headLines, probeIsWhole } from '../probe-text';
import { compile, type LineFormat } from './pattern';

const SAMPLE_LINES = 50;
/** Share of sampled lines that must match for the format to be decided without the analyst. */
const DECISIVE_SHARE = 0.8;

const compiled = new Map<LineFormat, RegExp>();

export function lineRegExp(format: LineFormat): RegExp {
  let re = compiled.get(format);
  if (!re) { re = new RegExp(`^(?:${compile(format).pattern})$`); compiled.set(format, re); }
  return re;
}

/**
 * Decisive when the first record line and >= 80 % of the sampled lines match; tentative (a candidate for the
 * analyst) when the first line matches but fewer do, or when it does not but >= 80 % of at least 3 do; else null.
 * `describe` states the reason from the first matching line's fields.
 */
export function detectLines(probe: Probe, format: LineFormat, describe: (m: RegExpExecArray) => string, isHeader?: (line: string) => boolean): Detection | null {
  if (probe.head.length === 0 || probe.head[0] === 0x7b || probe.head[0] === 0x5b) return null;
  const all = headLines(probe.head, probeIsWhole(probe));
  const lines = all.filter((l) => l.length > 0 && !isHeader?.(l)).slice(0, SAMPLE_LINES);
  const re = lineRegExp(format);
  const first = lines[0] !== undefined ? re.exec(lines[0]) : null;
  const matching = lines.filter((l) => re.test(l)).length;
  const share = matching / lines.length;
  if (!first) {
    // A damaged first line: offered to the analyst (never decided) when most sampled lines are the format's,
    // so `--as` can read the file and reject that line with its reason.
    const next = lines.length >= 3 && share >= DECISIVE_SHARE ? lines.map((l) => re.exec(l)).find((m) => m !== null) : undefined;
    return next ? { format: format.id, confidence: 0.5, importable: true, tentative: true,
      note: `${describe(next)}; the first line does not match, ${matching} of ${lines.length} sampled lines do` } : null;
  }
  const note = `${describe(first)}; ${matching} of ${lines.length} sampled lines match`;
  return share >= DECISIVE_SHARE
    ? { format: format.id, confidence: 0.95, importable: true, note }
    : { format: format.id, confidence: 0.5, importable: true, tentative: true, note };
}

/** Space-separated fields, a quoted run (spaces and all) being part of its field, for the stated reason. */
export function countFields(line: string): number {
  return line.match(/(?:"(?:[^"\\]|\\.)*"|[^ "])+/g)?.length ?? 0;
}
