// CIDR literals parsed at translate time, so contains('10.0.0.0/8', ip) costs one key and one shift per row
// instead of re-parsing a constant CIDR in SQL on every row (DuckDB does not fold lambda macros: measured
// 3.7 s per 1M rows). Same rules as ip-macros.sql: strict dotted quads, IPv6 with optional IPv4 tail.

const V4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
const MAPPED = 0xffff00000000n;

function v4Bits(s: string): bigint | undefined {
  if (!V4.test(s)) return undefined;
  return s.split('.').reduce((acc, o) => acc * 256n + BigInt(o), 0n);
}

function v6Bits(s: string): bigint | undefined {
  let text = s.toLowerCase();
  if (text.includes('.')) {
    const cut = text.lastIndexOf(':');
    const tail = v4Bits(text.slice(cut + 1));
    if (cut < 0 || tail === undefined) return undefined;
    text = `${text.slice(0, cut + 1)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2 || text.includes(':::')) return undefined;
  const groupsOf = (p: string) => (p === '' ? [] : p.split(':'));
  let groups: string[];
  if (halves.length === 2) {
    const head = groupsOf(halves[0]!);
    const tail = groupsOf(halves[1]!);
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  } else {
    groups = text.split(':');
  }
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => acc * 65536n + BigInt(`0x${g}`), 0n);
}

/** 128-bit key of an address (IPv4 mapped into ::ffff:0:0/96), undefined when s is not one. */
export function ipKey(s: string): bigint | undefined {
  const v4 = v4Bits(s);
  if (v4 !== undefined) return v4 + MAPPED;
  return s.includes(':') ? v6Bits(s) : undefined;
}

/** Prefix length (on the 128-bit key) and the network's prefix value, or undefined for an invalid CIDR. */
export function parseCidr(cidr: string): { bits: number; prefix: bigint } | undefined {
  const m = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(cidr);
  if (!m) return undefined;
  const key = ipKey(m[1]!);
  let bits = Number(m[2]);
  if (key === undefined) return undefined;
  if (v4Bits(m[1]!) !== undefined) { if (bits > 32) return undefined; bits += 96; } else if (bits > 128) return undefined;
  return { bits, prefix: bits === 0 ? 0n : key >> BigInt(128 - bits) };
}
