// Objects that hold the same key twice, or two keys that differ only in letter case (`userName` / `username`).
// DuckDB keeps the first exact-case match of a key (json_transform, ->>) where JSON.parse and jq keep the
// last, so such a record reads differently in different tools: it is flagged (cairn_record_flags) with every
// key as written and every value, and its exact text stays in _raw. Decision 0030.
//
// Every record is scanned once by a byte scanner that compares case-folded key hashes per object (no string
// is made for plain ASCII keys); only a record with a matching pair is read again exactly (findDuplicateKeys).

export interface DuplicateKeyGroup {
  /** JSON path of the object holding the keys: `$`, `$.userIdentity`, `$.resources[0]`. */
  path: string;
  /** The keys as written, in order. */
  keys: string[];
  /** Each key's value as JSON text (cut to VALUE_CHARS), in the same order. */
  values: string[];
}

const VALUE_CHARS = 512;
/** Past this many keys an object's hashes go in a Set, so a hostile object of 100,000 keys stays linear. */
const LINEAR_KEYS = 32;

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_ARRAY = 0x5b, OPEN_OBJECT = 0x7b, CLOSE_ARRAY = 0x5d, CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c, COLON = 0x3a;

/** Offset of the quote that closes a string whose text starts at `from` (native search; escapes honoured), or end. */
function stringEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let q = bytes.indexOf(QUOTE, from); q >= 0 && q < end; q = bytes.indexOf(QUOTE, q + 1)) {
    let slashes = 0;
    while (q - 1 - slashes >= from && bytes[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
  }
  return end;
}

function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A key's text decoded (escapes resolved), or its raw bytes when the escapes are not valid JSON. */
function decodeKey(bytes: Uint8Array, start: number, end: number): string {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  if (raw.indexOf('\\') < 0) return raw;
  try { return JSON.parse(`"${raw}"`) as string; } catch { return raw; }
}

/**
 * Whether bytes[start, end) may hold an object with two keys equal ignoring case. False is exact; true is
 * confirmed by findDuplicateKeys (a hash collision says true too). Malformed text never throws. Frames live
 * in typed arrays, not an object per frame (decision 0030).
 */
// Scratch space reused by every call (the scan is synchronous): two arrays per record were GC work.
let FRAME_START = new Int32Array(64);
let HASHES = new Int32Array(256);

export function mayHaveDuplicateKeys(bytes: Uint8Array, start: number, end: number): boolean {
  let frameStart = FRAME_START;  // per open frame: where its key hashes start, or -1 for an array
  let depth = 0;
  let hashes = HASHES;
  let top = 0;
  let sets: Map<number, Set<number>> | null = null; // frames past LINEAR_KEYS keys, by depth
  let expectKey = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      if (!expectKey) { i = stringEnd(bytes, i + 1, end); continue; }
      expectKey = false;
      const s = i + 1;
      let h = 0x811c9dc5;
      let plain = true;
      for (i++; i < end; i++) {
        const b = bytes[i]!;
        if (b === QUOTE) break;
        if (b === BACKSLASH) { plain = false; i++; continue; }
        if (b >= 0x80) plain = false;
        h = Math.imul(h ^ (b >= 0x41 && b <= 0x5a ? b | 0x20 : b), 0x01000193);
      }
      if (!plain) h = hashText(decodeKey(bytes, s, i).toLowerCase());
      if (depth === 0) continue;
      const set = sets?.get(depth);
      if (set) {
        if (set.has(h)) return true;
        set.add(h);
        continue;
      }
      const from = frameStart[depth - 1]!;
      for (let k = from; k < top; k++) if (hashes[k] === h) return true;
      if (top === hashes.length) { const grown = new Int32Array(hashes.length * 2); grown.set(hashes); hashes = HASHES = grown; }
      hashes[top++] = h;
      if (top - from > LINEAR_KEYS) {
        (sets ??= new Map()).set(depth, new Set(hashes.subarray(from, top)));
        top = from;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === frameStart.length) { const grown = new Int32Array(depth * 2); grown.set(frameStart); frameStart = FRAME_START = grown; }
      frameStart[depth++] = c === OPEN_OBJECT ? top : -1;
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) {
        const from = frameStart[--depth]!;
        if (from >= 0) top = from;
        sets?.delete(depth + 1);
      }
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = depth > 0 && frameStart[depth - 1]! >= 0;
    }
  }
  return false;
}

interface Entry { key: string; valueStart: number; valueEnd: number }
interface ExactFrame { object: boolean; path: string; index: number; entries: Entry[]; pendingKey: string | null }

/**
 * The objects in bytes[start, end) that hold keys equal ignoring case, with each key and value as written.
 * For the rare records mayHaveDuplicateKeys picks; assumes well-formed JSON (a malformed record is rejected anyway).
 */
export function findDuplicateKeys(bytes: Uint8Array, start: number, end: number): DuplicateKeyGroup[] {
  const out: DuplicateKeyGroup[] = [];
  const frames: ExactFrame[] = [];
  const text = (a: number, b: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + a, b - a).toString('utf8');
  const trimEnd = (a: number, b: number): number => { while (b > a && (bytes[b - 1] === 0x20 || bytes[b - 1] === 0x0a || bytes[b - 1] === 0x0d || bytes[b - 1] === 0x09)) b--; return b; };
  const childPath = (f: ExactFrame | undefined): string => {
    if (!f) return '$';
    if (!f.object) return `${f.path}[${f.index}]`;
    const k = f.pendingKey ?? '';
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${f.path}.${k}` : `${f.path}[${JSON.stringify(k)}]`;
  };
  const closeEntry = (f: ExactFrame, at: number): void => {
    const e = f.entries[f.entries.length - 1];
    if (e && e.valueEnd < 0) e.valueEnd = trimEnd(e.valueStart, at);
  };
  let expectKey = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const s = i + 1;
      for (i++; i < end && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      const f = frames[frames.length - 1];
      if (expectKey && f?.object) {
        f.pendingKey = decodeKey(bytes, s, i);
        expectKey = false;
      }
    } else if (c === COLON) {
      const f = frames[frames.length - 1];
      if (f?.object && f.pendingKey !== null) {
        let v = i + 1;
        while (v < end && (bytes[v] === 0x20 || bytes[v] === 0x0a || bytes[v] === 0x0d || bytes[v] === 0x09)) v++;
        f.entries.push({ key: f.pendingKey, valueStart: v, valueEnd: -1 });
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const parent = frames[frames.length - 1];
      frames.push({ object: c === OPEN_OBJECT, path: childPath(parent), index: 0, entries: [], pendingKey: null });
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      const f = frames.pop();
      if (f?.object) {
        closeEntry(f, i);
        const groups = new Map<string, Entry[]>();
        for (const e of f.entries) {
          const k = e.key.toLowerCase();
          const g = groups.get(k);
          if (g) g.push(e); else groups.set(k, [e]);
        }
        for (const g of groups.values()) {
          if (g.length < 2) continue;
          out.push({ path: f.path, keys: g.map((e) => e.key), values: g.map((e) => text(e.valueStart, Math.max(e.valueStart, e.valueEnd)).slice(0, VALUE_CHARS)) });
        }
      }
      expectKey = false;
    } else if (c === COMMA) {
      const f = frames[frames.length - 1];
      if (f?.object) { closeEntry(f, i); expectKey = true; } else if (f) { f.index++; expectKey = false; }
    }
  }
  return out;
}

/** The flag's text: `$.userIdentity: "userName" = "alice"; "username" = "mallory"`. */
export function describeDuplicateKeys(g: DuplicateKeyGroup): string {
  return `${g.path}: ${g.keys.map((k, i) => `${JSON.stringify(k)} = ${g.values[i]}`).join('; ')}`;
}
