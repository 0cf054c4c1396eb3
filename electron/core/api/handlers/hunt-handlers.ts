import type { HuntSummary } from '../../../../shared/hunt';
import { CairnError } from '../../errors';
import { acceptHits, huntCase } from '../../hunt/hunt-case';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

/** Sigma hunting on the open case; the last hunt's results are kept so a rule's hits can become a finding. */
export function huntHandlers(s: CoreSession): Pick<Handlers, 'hunt.run' | 'hunt.accept'> {
  let last: { caseDir: string; summary: HuntSummary } | null = null;
  return {
    'hunt.run': async ({ ruleDirs }) => {
      const c = s.need();
      const summary = await huntCase(c, { resourcesDir: s.host.resourcesDir, ruleDirs });
      last = { caseDir: c.dir, summary };
      return summary;
    },
    'hunt.accept': ({ file }) => {
      const c = s.need();
      const r = last?.caseDir === c.dir ? last.summary.results.find((x) => x.file === file) : undefined;
      if (!r) throw new CairnError('BAD_REQUEST', `no rule ${JSON.stringify(file)} in this case's last hunt; run the hunt first`);
      return { findingId: acceptHits(c, r) };
    },
  };
}
