// The case's ATT&CK techniques as a MITRE ATT&CK Navigator layer (format 4.5): one entry per technique its
// findings carry, scored by how many findings and rows show it, so another team sees the case on the matrix.
import type { FindingSummary } from '../../../shared/findings';
import type { Technique } from './attack';

export interface TechniqueCount extends Technique { findings: number; rows: number; titles: string[] }

/** Findings (not deleted) per technique, most findings first; the order is stable for equal counts. */
export function techniqueCounts(findings: readonly FindingSummary[], names: ReadonlyMap<string, string>): TechniqueCount[] {
  const by = new Map<string, TechniqueCount>();
  for (const f of findings) {
    if (f.deleted || !f.attack) continue;
    const t = by.get(f.attack) ?? { id: f.attack, name: names.get(f.attack) ?? null, findings: 0, rows: 0, titles: [] };
    t.findings++;
    t.rows += f.rowCount;
    t.titles.push(`#${f.id} ${f.title}`);
    by.set(f.attack, t);
  }
  return [...by.values()].sort((a, b) => b.findings - a.findings || a.id.localeCompare(b.id));
}

export function navigatorLayer(caseName: string, counts: readonly TechniqueCount[]): Record<string, unknown> {
  const max = Math.max(1, ...counts.map((c) => c.findings));
  return {
    name: `Cairn case: ${caseName}`,
    versions: { layer: '4.5', navigator: '4.9.1' },
    domain: 'enterprise-attack',
    description: 'Techniques of the case\'s findings; score = number of findings. Exported by Cairn.',
    sorting: 3,
    hideDisabled: false,
    techniques: counts.map((c) => ({ techniqueID: c.id, score: c.findings, enabled: true, comment: `${c.findings} finding(s), ${c.rows} row(s): ${c.titles.join('; ')}` })),
    gradient: { colors: ['#ffe766', '#ff6666'], minValue: 0, maxValue: max },
    legendItems: [],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
  };
}
