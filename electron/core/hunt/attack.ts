// ATT&CK technique IDs from Sigma tags (attack.t1078.004) and library tags (T1078.004), with their names from
// the offline table resources/attack/techniques.json; an ID the table lacks keeps no name rather than a guess.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Technique } from '../../../shared/hunt';

export type { Technique };

/** Technique IDs among the tags, upper-cased, in order, without repeats. */
export function techniquesOf(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const m = /^(?:attack\.)?(t\d{4}(?:\.\d{3})?)$/i.exec(t.trim());
    if (m && !out.includes(m[1]!.toUpperCase())) out.push(m[1]!.toUpperCase());
  }
  return out;
}

export function loadTechniqueNames(resourcesDir: string): Map<string, string> {
  const doc = JSON.parse(readFileSync(join(resourcesDir, 'attack', 'techniques.json'), 'utf8')) as { techniques: Record<string, string> };
  return new Map(Object.entries(doc.techniques));
}

export function named(ids: readonly string[], names: ReadonlyMap<string, string>): Technique[] {
  return ids.map((id) => ({ id, name: names.get(id) ?? null }));
}
