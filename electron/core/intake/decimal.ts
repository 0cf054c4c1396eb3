// Line numbers written as ASCII decimals straight into a buffer: the staged forms (record-lines.ts,
// numbered-lines.ts) and the flow-log numbered copy write one per line, millions per import.
// Loaded by the staging thread: Node's own modules only (see stage-worker.ts and electron-builder.yml).

/** How many decimal digits a non-negative integer has. */
export function decimalDigits(v: number): number {
  let d = 1;
  while (v >= 10) { v = Math.floor(v / 10); d++; }
  return d;
}

/** Writes `v` (a non-negative integer) at `pos`; returns the position after its last digit. */
export function writeDecimal(buf: Buffer, pos: number, v: number): number {
  const end = pos + decimalDigits(v);
  for (let k = end - 1; k >= pos; k--, v = Math.floor(v / 10)) buf[k] = 48 + (v % 10);
  return end;
}
