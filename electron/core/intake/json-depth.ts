// How deep JSON text nests, found without parsing it. DuckDB walks a parsed JSON value recursively in places
// (read_json's unstructured reader at import; json_structure and others at query time): a record nested
// 100,000 deep killed the process with a segfault. So no record nested deeper than MAX_JSON_DEPTH reaches it:
// such a record is rejected (with its offset and reason) and the rest of its file imports.
//
// Loaded by the staging thread: Node's own modules only (see stage-worker.ts and electron-builder.yml).

/**
 * Deepest nesting of arrays and objects a record may have, counting the record itself as level 1. Real
 * CloudTrail records nest about 10 deep; DuckDB survived 30,000 in the cases tried
 * (docs/decisions/0004-hostile-evidence-limits.md), so this leaves a wide margin on smaller thread stacks.
 */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_ARRAY = 0x5b, OPEN_OBJECT = 0x7b, CLOSE_ARRAY = 0x5d, CLOSE_OBJECT = 0x7d;

/**
 * Whether text this long can hold valid JSON nested deeper than `limit`: that takes limit+1 openers and as
 * many closers. Shorter text is never scanned (most records; the scan costs ~1.1 ns per byte). Invalid text
 * never becomes a value DuckDB walks, whatever its brackets.
 */
export function mayNestDeeperThan(length: number, limit: number = MAX_JSON_DEPTH): boolean {
  return length >= 2 * (limit + 1);
}

/**
 * Offset of the first `[` or `{` (outside strings) that opens level limit+1 in bytes[start, end), or -1 when
 * the text nests no deeper than limit. Strings are skipped with their escapes, so brackets inside them never
 * count.
 */
export function depthExceededAt(bytes: Uint8Array, start: number, end: number, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      for (i++; i < end; i++) {
        const s = bytes[i]!;
        if (s === QUOTE) break;
        if (s === BACKSLASH) i++;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return -1;
}

/** depthExceededAt for a JavaScript string (a JSON line already decoded); the offset is in UTF-16 units. */
export function depthExceededAtText(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < end; i++) {
        const s = text.charCodeAt(i);
        if (s === QUOTE) break;
        if (s === BACKSLASH) i++;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return -1;
}

/** Nesting depth of a parsed value, without recursion; stops counting once it passes limit. */
export function valueDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

/**
 * Offset of a `\uD800`-`\uDFFF` escape that is not half of a surrogate pair, or -1. JavaScript accepts such
 * an escape; DuckDB's JSON reader refuses the whole text ("Malformed JSON"), so the record is rejected first.
 */
export function loneSurrogateEscapeAt(text: string): number {
  if (!/\\u[dD]/.test(text)) return -1;
  const re = /(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?|(?<!\\)((?:\\\\)*)\\u[dD][c-fC-F][0-9a-fA-F]{2}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[2] !== undefined && m[3] !== undefined) continue; // a well-formed pair
    return m.index + (m[1] ?? m[4] ?? '').length;
  }
  return -1;
}
