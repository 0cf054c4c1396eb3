// A hunt over the open case: the shipped Sigma rules (resources/sigma) and any analyst folders, run on the
// read-only analyst view; the run and its counts go into the audit log, so a report can say what was hunted.
import { join } from 'node:path';
import type { Case } from '../case/case';
import { loadTechniqueNames, named, type Technique } from './attack';
import { readRuleFiles, runSigmaRules, type HuntRuleResult } from './run-sigma';

export interface HuntSummary {
  rules: number;
  runnable: number;
  notRunnable: number;
  rulesWithHits: number;
  hits: number;
  results: Array<HuntRuleResult & { techniqueNames: Technique[] }>;
  elapsedMs: number;
}

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
  c.store.audit('hunt.run', {
    ruleDirs: opts.ruleDirs ?? [], shipped: opts.shipped !== false, rules: summary.rules, runnable: summary.runnable, hits: summary.hits,
    perRule: results.filter((r) => r.hits > 0 || !r.runnable).map((r) => ({ file: r.file, id: r.id, hits: r.hits, ...(r.runnable ? {} : { reason: r.reason }) })),
  });
  return summary;
}
