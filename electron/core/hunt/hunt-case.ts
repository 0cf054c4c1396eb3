// A hunt over the open case: the shipped Sigma rules (resources/sigma) and any analyst folders, run on the
// read-only analyst view; the run and its counts go into the audit log, so a report can say what was hunted.
import { join } from 'node:path';
import type { Case } from '../case/case';
import { loadTechniqueNames, named } from './attack';
import { libraryTechniques, techniqueCounts, type TechniqueCount } from './finding-techniques';
import { loadQueryLibrary } from '../query/query-library';
import type { HuntSummary } from '../../../shared/hunt';

export type { HuntSummary };
import { readRuleFiles, runSigmaRules, type HuntHit, type HuntRuleResult } from './run-sigma';
import type { Severity } from '../../../shared/findings';
import { CairnError } from '../errors';

export async function huntCase(c: Case, opts: { resourcesDir: string; ruleDirs?: string[]; shipped?: boolean }): Promise<HuntSummary> {
  const started = Date.now();
  const dirs = [...(opts.shipped === false ? [] : [join(opts.resourcesDir, 'sigma')]), ...(opts.ruleDirs ?? [])];
  const files = readRuleFiles(dirs);
  const names = loadTechniqueNames(opts.resourcesDir);
  const results = (await c.queries.generated((conn) => runSigmaRules(conn, files)))
    .map((r) => ({ ...r, techniqueNames: named(r.techniques, names) }));
  const summary: HuntSummary = {
    rules: results.length,
    runnable: results.filter((r) => r.runnable).length,
    notRunnable: results.filter((r) => !r.runnable).length,
    rulesWithHits: results.filter((r) => r.hits > 0).length,
    hits: results.reduce((n, r) => n + r.hits, 0),
    results,
    elapsedMs: Date.now() - started,
  };
  c.audit('hunt.run', {
    ruleDirs: opts.ruleDirs ?? [], shipped: opts.shipped !== false, rules: summary.rules, runnable: summary.runnable, hits: summary.hits,
    perRule: results.filter((r) => r.hits > 0 || !r.runnable).map((r) => ({ file: r.file, id: r.id, hits: r.hits, ...(r.runnable ? {} : { reason: r.reason }) })),
  });
  return summary;
}

const SEVERITY: Record<string, Severity> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };
const HIT_FIELDS: Array<[keyof HuntHit, string, string]> = [
  ['evidenceId', '_evidence_id', 'INTEGER'], ['ordinal', '_ordinal', 'BIGINT'], ['eventTime', 'eventtime', 'VARCHAR'], ['eventName', 'eventname', 'VARCHAR'],
  ['principal', 'principal', 'VARCHAR'], ['sourceIp', 'sourceipaddress', 'VARCHAR'], ['eventId', 'eventid', 'VARCHAR'],
];

/**
 * Accepts a rule's hits as a finding: the rule's title and level, its first ATT&CK technique, tags `sigma` and
 * the rule id, its SQL as the finding's query, and the hits (with provenance) as the finding's rows.
 */
export function acceptHits(c: Case, r: HuntRuleResult): number {
  if (!r.runnable || r.hits === 0) throw new CairnError('BAD_REQUEST', `rule ${r.title ?? r.file} has no hits to accept`);
  const columns = HIT_FIELDS.map(([, name, type]) => ({ name, type }));
  const rows = r.rows.map((h) => HIT_FIELDS.map(([k]) => h[k] ?? null));
  const description = `Sigma rule ${r.id ?? ''} (${r.file}) by ${r.author ?? 'unknown author'}: ${r.hits} hit(s)` +
    (r.hits > r.rows.length ? `; the first ${r.rows.length} are recorded` : '') + '.';
  // The finding's field holds one technique; the rule's others are kept as technique tags, which the counts read.
  return c.findings.create(
    { title: r.title ?? r.file, severity: SEVERITY[r.level ?? ''] ?? 'medium', description, attack: r.techniques[0], tags: ['sigma', ...(r.id ? [`sigma:${r.id}`] : []), ...r.techniques.slice(1)] },
    { sql: r.sql ?? '', params: {}, columns, rows },
  );
}

/** The case's techniques with their findings and rows (findings read whole, so their queries match the library). */
export function caseTechniqueCounts(c: Case, resourcesDir: string): TechniqueCount[] {
  const findings = c.findings.list().filter((f) => !f.deleted).map((f) => c.findings.get(f.id));
  return techniqueCounts(findings, loadTechniqueNames(resourcesDir), libraryTechniques(loadQueryLibrary(join(resourcesDir, 'queries'))));
}
