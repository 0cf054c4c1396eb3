// The report's ATT&CK section (#27): each technique the findings carry, with its name from Cairn's offline table
// (an id the table lacks is shown as such, never with a guessed name), and the findings and rows behind it.
// Built here for the model and rendered as plain blocks, so HTML, Markdown and the PDF show the same table and
// the renderers' escaping covers every finding title.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../shared/findings';
import type { ReportModel } from '../../../shared/report';
import type { TechniqueCount } from '../../../shared/hunt';
import { loadTechniqueNames } from '../hunt/attack';
import { libraryTechniques, techniqueCounts } from '../hunt/finding-techniques';
import { loadQueryLibrary } from '../query/query-library';
import type { Block, Cell } from './report-document';
import { clipText } from './visible-text';

/** Titles listed per technique in the human formats; the JSON report lists all. */
const TITLES_SHOWN = 20;

export function reportTechniques(findings: readonly Finding[], resourcesDir: string): TechniqueCount[] {
  const table = join(resourcesDir, 'attack', 'techniques.json');
  const names = existsSync(table) ? loadTechniqueNames(resourcesDir) : new Map<string, string>();
  return techniqueCounts(findings, names, libraryTechniques(loadQueryLibrary(join(resourcesDir, 'queries'))));
}

export function techniquesSection(m: ReportModel): Block[] {
  const head: Block[] = [
    { t: 'h2', text: `ATT&CK techniques (${m.techniques.length})`, id: 'techniques' },
    { t: 'p', dim: true, spans: ['Per MITRE ATT&CK technique: the findings that carry it (their technique, their technique tags, or a shipped hunting query that produced their rows) and those findings\' rows. A finding with several techniques counts under each. Names are from Cairn\'s offline table (resources/attack/techniques.json).'] },
  ];
  if (!m.techniques.length) return [...head, { t: 'p', dim: true, spans: ['No finding carries an ATT&CK technique.'] }];
  return [...head, {
    t: 'table', numeric: [2, 3], head: ['Technique', 'Name', 'Findings', 'Rows', 'Findings (#id title)'],
    rows: m.techniques.map((t): Cell[] => [
      { mono: t.id }, t.name ?? { bad: 'not in the offline table' }, t.findings, t.rows,
      clipText(t.titles.slice(0, TITLES_SHOWN).join('; ') + (t.titles.length > TITLES_SHOWN ? `; and ${t.titles.length - TITLES_SHOWN} more (JSON report)` : ''), 1000).text,
    ]),
  }];
}
