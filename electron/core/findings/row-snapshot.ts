import { createHash } from 'node:crypto';
import type { QueryColumn } from '../../../shared/types';
import type { RowSnapshot } from '../../../shared/findings';

/**
 * The canonical text of a row snapshot, which its SHA-256 covers: JSON with no whitespace, object keys
 * sorted at every depth, `{"columns":[{"name","type"}...],"values":[...]}`. Values are the JSON-safe form
 * the query engine hands out (BIGINT as text, timestamps as ISO text), so the same row always gives the
 * same text. Changing this breaks every stored hash: don't.
 */
export function canonicalSnapshot(s: RowSnapshot): string {
  return canonicalJson({ columns: s.columns.map((c) => ({ name: c.name, type: c.type })), values: s.values });
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v === undefined ? null : v;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function snapshotHash(s: RowSnapshot): string {
  return sha256Hex(canonicalSnapshot(s));
}

/** Column positions of the provenance columns, when the query selected them. */
export function provenanceColumns(columns: QueryColumn[]): { evidence: number; ordinal: number } | null {
  const evidence = columns.findIndex((c) => c.name.toLowerCase() === '_evidence_id');
  const ordinal = columns.findIndex((c) => c.name.toLowerCase() === '_ordinal');
  return evidence >= 0 && ordinal >= 0 ? { evidence, ordinal } : null;
}

/** The row's evidence id and record ordinal, or null when absent or not whole numbers (never guessed). */
export function rowProvenance(values: unknown[], at: { evidence: number; ordinal: number } | null): { evidenceId: number; ordinal: number } | null {
  if (!at) return null;
  const evidenceId = Number(values[at.evidence]);
  const ordinal = Number(values[at.ordinal]);
  if (values[at.evidence] === null || values[at.ordinal] === null) return null;
  if (!Number.isSafeInteger(evidenceId) || !Number.isSafeInteger(ordinal)) return null;
  return { evidenceId, ordinal };
}
