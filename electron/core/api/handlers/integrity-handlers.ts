import type { IntegrityStatus } from '../../../../shared/integrity-types';
import type { AuditChain, CaseIntegrity } from '../../../../shared/types';
import { CairnError } from '../../errors';
import { verifyManifestDigests } from '../../integrity';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type IntegrityMethods = 'case.tables' | 'case.integrity' | 'case.verify' | 'audit.verify';

/** Digest results that mean a log or the digest chain was altered; the others (missing, not covered, unverifiable) are shown. */
const DIGEST_FAILURES: IntegrityStatus[] = ['modified', 'chain-broken'];

/** The case's integrity: tables and their seals, the audit chain, and the CloudTrail digests. */
export function integrityHandlers(s: CoreSession): Pick<Handlers, IntegrityMethods> {
  return {
    'case.tables': () => s.need().tables(),
    'case.integrity': async () => {
      const running = s.imports.runningId();
      if (running !== null) throw new CairnError('BUSY', `import run ${running} is running; integrity is checked when it ends`);
      const c = s.need();
      return { audit: flatAudit(c.verifyAudit()), seals: await c.verifySeals(), checkedAt: new Date().toISOString() };
    },
    'case.verify': async () => {
      const c = s.need();
      const audit = c.verifyAudit();
      const seals = await c.verifySeals();
      const evidence = c.manifest.evidence();
      const digests = evidence.some((e) => e.format === 'cloudtrail-digest') ? await verifyManifestDigests(evidence) : null;
      const digestsOk = !digests || DIGEST_FAILURES.every((x) => digests.summary[x] === 0);
      c.audit('case.verified', {
        seals: { ok: seals.ok, problems: seals.problems.length, rows: seals.rowsChecked },
        audit: audit.ok ? { ok: true, head: audit.head, entries: audit.entries } : { ok: false },
        ...(digests ? { cloudtrailDigests: digests.summary } : {}),
      });
      return { ok: audit.ok && seals.ok && digestsOk, audit, seals, cloudtrailDigests: digests };
    },
    'audit.verify': () => flatAudit(s.need().verifyAudit()),
  };
}

/** The audit check as the contract carries it: every field present, null where it does not apply. */
export function flatAudit(v: AuditChain): CaseIntegrity['audit'] {
  return v.ok ? { ok: true, entries: v.entries, head: v.head, brokenAt: null, reason: null } : { ok: false, entries: 0, head: null, brokenAt: v.brokenAt, reason: v.reason };
}
