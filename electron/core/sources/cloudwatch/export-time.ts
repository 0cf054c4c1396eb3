// The time at the start of a CloudWatch export line (`2024-03-05T10:00:00.123Z `), read from its bytes as
// Date.parse reads the text: computed directly for an ordinary date and time, Date.parse itself for the rest
// (days 29-31 roll over, 24:00:00 is midnight next: V8's rules), so both agree by construction (decision 0019).

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
const num = (b: Buffer, at: number, len: number): number => { let v = 0; for (let i = at; i < at + len; i++) v = v * 10 + b[i]! - 48; return v; };
const SHAPE = '0000-00-00T00:00:00';

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * For a line that starts with an ISO-8601 UTC time and a space (EXPORT_LINE's shape: seconds, an optional
 * fraction of 1-9 digits, `Z`): [epoch milliseconds, length of the time and its space]. Null when the line
 * does not start so, or Date.parse finds no time in it.
 */
export function exportTime(b: Buffer): [number, number] | null {
  if (b.length < 21) return null;
  for (let i = 0; i < SHAPE.length; i++) {
    const want = SHAPE.charCodeAt(i);
    if (want === 48 ? !isDigit(b[i]) : b[i] !== want) return null;
  }
  let at = 19;
  let frac = 0;
  if (b[at] === 46) {
    let k = at + 1;
    while (k < b.length && isDigit(b[k]) && k - at <= 9) k++;
    const digits = k - at - 1;
    if (digits === 0 || isDigit(b[k])) return null;
    frac = num(b, at + 1, Math.min(digits, 3)) * [100, 10, 1][Math.min(digits, 3) - 1]!;
    at = k;
  }
  if (b[at] !== 90 || b[at + 1] !== 32) return null;
  const y = num(b, 0, 4), mo = num(b, 5, 2), d = num(b, 8, 2), h = num(b, 11, 2), mi = num(b, 14, 2), s = num(b, 17, 2);
  if (mo >= 1 && mo <= 12 && d >= 1 && d <= 28 && h <= 23 && mi <= 59 && s <= 59) {
    return [((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + frac, at + 2];
  }
  const ms = Date.parse(b.toString('latin1', 0, at + 1));
  return Number.isNaN(ms) ? null : [ms, at + 2];
}
