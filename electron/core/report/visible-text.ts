// Log values are attacker-controlled. Characters that change how text *looks* without being seen (ANSI
// escapes, bidi overrides, zero-width and other invisible characters) are shown as visible \uXXXX text in
// every report format, so a reviewer sees exactly what the evidence holds.

// C0 controls except tab and newline, DEL and C1 controls (ESC starts ANSI sequences), soft hyphen, Arabic
// letter mark, Hangul fillers, Mongolian vowel separator, zero-width and bidi marks/overrides/isolates,
// word joiner and invisible operators, line/paragraph separators, variation selectors, BOM, interlinear
// annotation controls and the Unicode tag characters.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

export function codeOf(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** The text with invisible and control characters (tab and newline kept) shown as \uXXXX. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, codeOf);
}

/** As visible(), and on one line: CR, LF and tab shown as \r, \n, \t. */
export function visibleLine(s: string): string {
  return visible(s).replace(/[\r\n\t]/g, (ch) => (ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t'));
}

/** Any cell value (string, number, object) as display text: JSON for structures, NULL for null. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function clipText(s: string, max: number): { text: string; clipped: boolean } {
  // Counted in code points so a surrogate pair is never split.
  const cps = Array.from(s);
  return cps.length <= max ? { text: s, clipped: false } : { text: cps.slice(0, max).join(''), clipped: true };
}
