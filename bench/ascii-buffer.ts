// Builds large ASCII text straight into a Buffer. Flow-log lines made as template strings become V8 cons
// strings (dozens of heap objects per line) and the garbage collector then dominates generation; writing
// bytes directly keeps generating 5M lines to a couple of seconds.
export class AsciiBuffer {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes: number) { this.buf = Buffer.allocUnsafe(Math.max(1024, initialBytes)); }

  text(s: string): this {
    this.room(s.length);
    if (s.length > 32) { this.pos += this.buf.write(s, this.pos, 'latin1'); return this; }
    // Short strings: a plain loop beats Buffer.write's per-call overhead.
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
    return this;
  }

  /** A non-negative integer in decimal. */
  int(n: number): this {
    this.room(20);
    if (n === 0) { this.buf[this.pos++] = 0x30; return this; }
    let digits = 0;
    for (let x = n; x >= 1; x /= 10) digits++;
    let x = n;
    for (let i = this.pos + digits - 1; i >= this.pos; i--) { const d = x % 10; this.buf[i] = 0x30 + d; x = (x - d) / 10; }
    this.pos += digits;
    return this;
  }

  byte(b: number): this {
    this.room(1);
    this.buf[this.pos++] = b;
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer { return this.buf.subarray(0, this.pos); }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
