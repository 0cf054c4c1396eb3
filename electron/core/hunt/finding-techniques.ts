// The case's ATT&CK techniques, per finding and counted: a finding carries its technique field, its technique
// tags (T1078.004 or attack.t1078.004; an accepted Sigma rule's further techniques are kept so), and the
// technique tags of the shipped hunting queries whose text produced its rows. Names come from the offline
// table only (attack.ts); `cairn attack`, the Navigator layer and the report count the same way.
import type { FindingQuery, FindingSummary } from '../../../shared/findings';
import type { TechniqueCount } from '../../../shared/hunt';
import type { LibraryQuery } from '../../../shared/api';
import { techniquesOf } from './attack';

export type { TechniqueCount };

/** Query text with runs of white space as one space, trimmed: how a finding's query is matched to the library. */
const normalisedSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/** The library queries' techniques by their normalised text (queries without a technique tag are left out). */
export function libraryTechniques(queries: readonly LibraryQuery[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const q of queries) {
    const ids = techniquesOf(q.tags);
    if (ids.length) out.set(normalisedSql(q.sql), ids);
  }
  return out;
}

/** A finding's techniques, upper-case, in order: its field, its tags, then its library queries'. */
export function findingTechniques(f: FindingSummary & { queries?: readonly FindingQuery[] }, library: ReadonlyMap<string, string[]> = new Map()): string[] {
  const fromQueries = (f.queries ?? []).flatMap((q) => library.get(normalisedSql(q.sql)) ?? []);
  return techniquesOf([...(f.attack ? [f.attack] : []), ...f.tags.map((t) => t.name), ...fromQueries]);
}

/** Findings (not deleted) and their rows per technique, most findings first, then by id. */
export function techniqueCounts(
  findings: ReadonlyArray<FindingSummary & { queries?: readonly FindingQuery[] }>, names: ReadonlyMap<string, string>, library: ReadonlyMap<string, string[]> = new Map(),
): TechniqueCount[] {
  const by = new Map<string, TechniqueCount>();
  for (const f of findings) {
    if (f.deleted) continue;
    for (const id of findingTechniques(f, library)) {
      const t = by.get(id) ?? { id, name: names.get(id) ?? null, findings: 0, rows: 0, findingIds: [], titles: [] };
      t.findings++;
      t.rows += f.rowCount;
      t.findingIds.push(f.id);
      t.titles.push(`#${f.id} ${f.title}`);
      by.set(id, t);
    }
  }
  return [...by.values()].sort((a, b) => b.findings - a.findings || a.id.localeCompare(b.id));
}
