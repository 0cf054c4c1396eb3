// Schema drift: keys of a CloudTrail record that the `cloudtrail` table has no column for (newer fields such as
// userIdentity.inScopeOf or sessionContext.ec2IssuedInVpc). They stay in _raw; the import lists them per file
// so they are seen. Collected by the duplicate-key scan that already reads every record (duplicate-keys.ts),
// for the record itself and the objects the table holds as structs (userIdentity and what it nests).
import { EVENT_STRUCT } from './event-struct';

/** An object whose keys are columns or struct fields: its known keys' hashes, and the struct keys' own nodes. */
export interface KeyNode { path: string; known: Set<number>; children: Map<number, KeyNode> }

/**
 * What one file's scan has found so far (`userIdentity.inScopeOf`, `someNewTopLevelKey`), and the hashes of the
 * unknown keys already found per object, so a key is decoded once per file, not once per record.
 */
export interface DriftScan { root: KeyNode; found: Set<string>; seen: Map<KeyNode, Set<number>> }

export function driftScan(found: Set<string>): DriftScan {
  return { root: CLOUDTRAIL_KEYS, found, seen: new Map() };
}

/** FNV-1a over a key as written (the exact spelling: DuckDB matches keys case-sensitively). */
export function hashKeyBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

/** The same hash over a decoded key's UTF-16 code units (equal to the bytes' hash for ASCII keys). */
export function hashKeyText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function node(path: string, struct: Record<string, unknown>): KeyNode {
  const n: KeyNode = { path, known: new Set(), children: new Map() };
  for (const [key, type] of Object.entries(struct)) {
    const h = hashKeyText(key);
    n.known.add(h);
    // Nested structs are watched too; lists of structs (resources) and JSON or MAP values are free-form here.
    if (type !== null && typeof type === 'object' && !Array.isArray(type)) n.children.set(h, node(`${path}${key}.`, type as Record<string, unknown>));
  }
  return n;
}

/** The table's columns and struct fields as CloudTrail spells them (event-struct.ts). */
export const CLOUDTRAIL_KEYS: KeyNode = node('', EVENT_STRUCT);

/** The drift of a parsed record: for the rare records the byte scan stops early on (a duplicate key). */
export function driftOfValue(value: unknown, at: KeyNode, found: Set<string>): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const h = hashKeyText(key);
    if (!at.known.has(h)) { found.add(at.path + key); continue; }
    const child = at.children.get(h);
    if (child) driftOfValue(v, child, found);
  }
}
