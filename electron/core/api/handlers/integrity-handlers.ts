import type { IntegrityReport, IntegrityStatus } from '../../../../shared/integrity-types';
import { digestRows, emptyCounts, pageDigests, type DigestKind, type DigestRow } from '../../../../shared/digest-page';
import type { AuditChain, CaseIntegrity } from '../../../../shared/types';
import type { AuditTrailCheck } from '../../../../shared/attestation';
import { CairnError } from '../../errors';
import { verifyManifestDigests } from '../../integrity';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type IntegrityMethods = 'case.tables' | 'case.integrity' | 'case.integrityStatus' | 'case.verify' | 'audit.verify' | 'coverage.get' | 'evidence.digests';

/** The last digest check of a case's manifest as it stood (its files per status): pages are read from it, not rechecked. */
interface DigestCheck { key: string; checkedAt: string; report: IntegrityReport; sorted: Map<DigestKind, DigestRow[]> }

/** Digest results that mean a log or the digest chain was altered; the others (missing, not covered, unverifiable) are shown. */
const DIGEST_FAILURES: IntegrityStatus[] = ['modified', 'chain-broken'];

/** The case's integrity: tables and their seals, the audit chain, and the CloudTrail digests. */
export function integrityHandlers(s: CoreSession): Pick<Handlers, IntegrityMethods> {
  // The last check, until the manifest changes (Manifest.changeMark) or a recheck is asked for; null: no digest files.
  let digestCheck: { key: string; check: Promise<DigestCheck | null> } | null = null;
  const checkDigests = (refresh: boolean): Promise<DigestCheck | null> => {
    const c = s.need();
    const key = `${c.dir}\u0000${c.manifest.changeMark()}`;
    if (digestCheck && digestCheck.key === key && !refresh) return digestCheck.check;
    const evidence = c.manifest.evidence();
    const check = evidence.some((e) => e.format === 'cloudtrail-digest')
      ? verifyManifestDigests(evidence).then((report) => ({ key, checkedAt: new Date().toISOString(), report, sorted: new Map<DigestKind, DigestRow[]>() }))
      : Promise.resolve(null);
    digestCheck = { key, check };
    check.catch(() => { if (digestCheck?.check === check) digestCheck = null; }); // a failed check is not kept
    return check;
  };
  return {
    'case.tables': () => s.need().tables(),
    'case.integrity': async () => {
      const running = s.imports.runningId();
      if (running !== null) throw new CairnError('BUSY', `import run ${running} is running; integrity is checked when it ends`);
      const c = s.need();
      // The whole trail (chain, signed heads, signatures): a cut or recomputed log shows red too.
      return { audit: flatTrail(c.auditTrail()), seals: await c.verifySeals(), checkedAt: new Date().toISOString() };
    },
    'case.integrityStatus': () => {
      const c = s.need();
      // While an import writes, the state moves under any check: none starts until it ends (its end asks again).
      return { audit: flatTrail(c.auditTrail()), seals: c.sealStatus({ canStart: s.imports.runningId() === null }), checkedAt: new Date().toISOString() };
    },
    'case.verify': async ({ against }) => {
      const c = s.need();
      const audit = c.verifyAudit();
      const trail = c.auditTrail(against ?? []);
      const seals = await c.verifySeals();
      const evidence = c.manifest.evidence();
      const digests = evidence.some((e) => e.format === 'cloudtrail-digest') ? await verifyManifestDigests(evidence) : null;
      const digestsOk = !digests || DIGEST_FAILURES.every((x) => digests.summary[x] === 0);
      c.audit('case.verified', {
        seals: { ok: seals.ok, problems: seals.problems.length, rows: seals.rowsChecked },
        audit: trail.ok ? { ok: true, head: trail.head, entries: trail.entries } : { ok: false, problems: trail.problems },
        ...(against?.length ? { against: trail.anchors.filter((a) => a.source !== 'case').map((a) => ({ source: a.source, entries: a.entries, head: a.head, extended: a.extended })) } : {}),
        ...(digests ? { cloudtrailDigests: digests.summary } : {}),
      });
      // The head is signed only when the trail held: a tampered log must not get a fresh signature.
      const signedHead = trail.ok ? c.signHead({ keep: true }) : null;
      return { ok: trail.ok && seals.ok && digestsOk, audit, auditTrail: trail, signedHead, seals, cloudtrailDigests: digests };
    },
    'audit.verify': () => flatTrail(s.need().auditTrail()),
    'coverage.get': () => s.need().coverage(),
    'evidence.digests': async ({ refresh, ...q }) => {
      const d = await checkDigests(refresh ?? false);
      if (!d) return { available: false, checkedAt: null, files: emptyCounts(), digests: emptyCounts(), regions: [], total: 0, rows: [], publicKeys: 0, ignored: [] };
      let sorted = d.sorted.get(q.kind);
      if (!sorted) d.sorted.set(q.kind, sorted = digestRows(d.report, q.kind));
      return pageDigests(d.report, sorted, q, d.checkedAt);
    },
  };
}

/** The whole trail's check in the contract's flat audit fields; `reason` names every problem. */
export function flatTrail(t: AuditTrailCheck): CaseIntegrity['audit'] {
  return { ok: t.ok, entries: t.entries, head: t.ok ? t.head : null, brokenAt: t.brokenAt, reason: t.ok ? null : t.problems.join('; ') };
}

/** The audit check as the contract carries it: every field present, null where it does not apply. */
export function flatAudit(v: AuditChain): CaseIntegrity['audit'] {
  return v.ok ? { ok: true, entries: v.entries, head: v.head, brokenAt: null, reason: null } : { ok: false, entries: 0, head: null, brokenAt: v.brokenAt, reason: v.reason };
}
