// The case's ATT&CK techniques as a MITRE ATT&CK Navigator layer (format 4.5): one entry per technique its
// findings carry, scored by how many findings and rows show it, so another team sees the case on the matrix.
import type { TechniqueCount } from './finding-techniques';

export { techniqueCounts, type TechniqueCount } from './finding-techniques';

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
