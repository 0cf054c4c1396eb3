import { writeFileSync } from 'node:fs';
import type { HuntSummary } from '../../../../shared/hunt';
import { CairnError } from '../../errors';
import { navigatorLayer } from '../../hunt/attack-layer';
import { acceptHits, caseTechniqueCounts, huntCase } from '../../hunt/hunt-case';
import { caseFileTarget } from '../../policy/export-path';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

/** Sigma hunting on the open case; the last hunt's results are kept so a rule's hits can become a finding. */
export function huntHandlers(s: CoreSession): Pick<Handlers, 'hunt.run' | 'hunt.accept' | 'attack.techniques' | 'attack.layer'> {
  let last: { caseDir: string; summary: HuntSummary } | null = null;
  return {
    'hunt.run': async ({ ruleDirs, shipped }) => {
      const c = s.need();
      const summary = await huntCase(c, { resourcesDir: s.host.resourcesDir, ruleDirs, shipped });
      last = { caseDir: c.dir, summary };
      return summary;
    },
    'hunt.accept': ({ file }) => {
      const c = s.need();
      const r = last?.caseDir === c.dir ? last.summary.results.find((x) => x.file === file) : undefined;
      if (!r) throw new CairnError('BAD_REQUEST', `no rule ${JSON.stringify(file)} in this case's last hunt; run the hunt first`);
      return { findingId: acceptHits(c, r) };
    },
    'attack.techniques': () => caseTechniqueCounts(s.need(), s.host.resourcesDir),
    'attack.layer': ({ path: requested }) => {
      const c = s.need();
      const counts = caseTechniqueCounts(c, s.host.resourcesDir);
      const { path, chosenByCaller } = caseFileTarget(s.host.reportPaths, { caseDir: c.dir, folder: 'exports', requested, ext: 'json', noun: 'ATT&CK layer', defaultStem: 'attack-layer' });
      // 'wx': an existing file is never overwritten, whoever named it.
      writeFileSync(path, JSON.stringify(navigatorLayer(c.info().name, counts), null, 2) + '\n', { flag: 'wx' });
      c.audit('attack.layer.exported', { path, techniques: counts.length, chosenByCaller });
      return { path, techniques: counts.length };
    },
  };
}
