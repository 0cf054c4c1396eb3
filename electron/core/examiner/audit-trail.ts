import { GENESIS_HASH, type CaseStore } from '../case/case-store';
import { ANCHOR_FORMAT, type AnchorCheck, type AuditAnchor, type AuditTrailCheck, type PublicExaminerKey } from '../../../shared/attestation';
import { fingerprintOf, publicPart, verifySignature, type ExaminerKey } from './examiner-key';

// The audit chain proves its entries link up, but not that nothing was cut off or rewritten: anyone who can
// write case.sqlite can truncate it or recompute every hash. A signed anchor (entry count + head hash, signed
// with the examiner's key, kept outside the database in reports and their .sig files, and the latest copy in
// the case) pins the chain: a later log must still have that entry with that hash.

const META_KEYS = 'examiner_keys';
const META_ANCHOR = 'audit_anchor';

export function anchorText(a: Pick<AuditAnchor, 'caseId' | 'entries' | 'head' | 'at' | 'fingerprint'>): string {
  return [ANCHOR_FORMAT, a.caseId, String(a.entries), a.head, a.at, a.fingerprint].join('\n');
}

/** The examiner keys that have worked on this case (public parts only). */
export function caseExaminerKeys(store: CaseStore): PublicExaminerKey[] {
  const raw = store.getMeta(META_KEYS);
  if (!raw) return [];
  try { return JSON.parse(raw) as PublicExaminerKey[]; } catch { return []; }
}

/** Records the examiner's public key in the case (audited) the first time that key works on it. */
export function registerExaminerKey(store: CaseStore, key: ExaminerKey): void {
  const keys = caseExaminerKeys(store);
  if (keys.some((k) => k.fingerprint === key.fingerprint)) return;
  store.transaction(() => {
    store.setMeta(META_KEYS, JSON.stringify([...keys, publicPart(key)]));
    store.audit('examiner.key', { algorithm: key.algorithm, fingerprint: key.fingerprint, publicKey: key.publicKey });
  });
}

/** Signs the chain's current head. Only call it on a trail that checked ok, or a tampered head gets signed. */
export function signAuditHead(store: CaseStore, caseId: string, key: ExaminerKey): AuditAnchor {
  const v = store.verifyAudit();
  if (!v.ok) throw new Error(`the audit chain is broken at entry ${v.brokenAt}; its head is not signed`);
  const base = { caseId, entries: v.entries, head: v.head, at: new Date().toISOString(), fingerprint: key.fingerprint };
  return { format: ANCHOR_FORMAT, ...base, publicKey: key.publicKey, signature: key.sign(anchorText(base)) };
}

/** Signs the current head and keeps it as the case's latest anchor. */
export function anchorAuditHead(store: CaseStore, caseId: string, key: ExaminerKey): AuditAnchor {
  const a = signAuditHead(store, caseId, key);
  store.setMeta(META_ANCHOR, JSON.stringify(a));
  return a;
}

export function storedAnchor(store: CaseStore): AuditAnchor | null {
  const raw = store.getMeta(META_ANCHOR);
  if (!raw) return null;
  try { return JSON.parse(raw) as AuditAnchor; } catch { return null; }
}

/**
 * The audit trail as a whole: the hash chain, that it starts where every case starts, the case's own latest
 * signed anchor, and any anchors from outside (`--against REPORT`).
 */
export function checkAuditTrail(store: CaseStore, caseId: string, against: Array<{ source: string; anchor: AuditAnchor }> = []): AuditTrailCheck {
  const chain = store.verifyAudit();
  const problems: string[] = [];
  if (!chain.ok) problems.push(`the audit chain is broken at entry ${chain.brokenAt}: ${chain.reason}`);
  else if (chain.entries === 0) problems.push('the audit log is empty, but every case\'s log starts with case.created: its entries were deleted');
  else if (store.auditEntryAt(1)?.action !== 'case.created') problems.push('entry 1 is not case.created: the log was rewritten from its start');
  const keys = caseExaminerKeys(store);
  const anchors: AnchorCheck[] = [];
  const own = storedAnchor(store);
  const all = [...(own ? [{ source: 'case', anchor: own }] : []), ...against];
  for (const { source, anchor } of all) {
    const c = checkAnchor(store, caseId, anchor, source, keys, chain.ok ? chain.entries : null);
    anchors.push(c);
    if (c.problem) problems.push(`${source}: ${c.problem}`);
  }
  return {
    ok: problems.length === 0, entries: chain.ok ? chain.entries : 0, head: chain.ok ? chain.head : null,
    brokenAt: chain.ok ? null : chain.brokenAt, problems, anchors, examinerKeys: keys,
  };
}

function checkAnchor(store: CaseStore, caseId: string, a: AuditAnchor, source: string, keys: PublicExaminerKey[], entries: number | null): AnchorCheck {
  const out: AnchorCheck = { source, entries: a.entries, head: a.head, fingerprint: a.fingerprint ?? null, signatureOk: null, extended: false, problem: null };
  const fail = (p: string): AnchorCheck => { out.problem ??= p; return out; };
  if (a.signature !== undefined) {
    let fp: string | null = null;
    try { fp = fingerprintOf(a.publicKey); } catch { /* not a key */ }
    out.signatureOk = fp === a.fingerprint && verifySignature(a.publicKey, anchorText(a), a.signature);
    if (!out.signatureOk) fail(`the signature over the recorded chain head (${a.entries} entries) does not verify`);
    else if (!keys.some((k) => k.fingerprint === a.fingerprint)) fail(`the chain head was signed by key ${a.fingerprint}, which this case does not list`);
  }
  if (a.caseId && a.caseId !== caseId) fail(`recorded for case ${a.caseId}, not this case (${caseId})`);
  if (!Number.isInteger(a.entries) || a.entries < 0) return fail('the recorded entry count is not a count');
  const now = a.entries === 0 ? GENESIS_HASH : store.auditEntryAt(a.entries)?.hash;
  if (now === undefined) return fail(`recorded ${a.entries} entries, the log now has ${entries ?? 'fewer'}: entries were deleted`);
  if (now !== a.head) return fail(`entry ${a.entries} no longer has the recorded hash ${a.head.slice(0, 16)}…: the log was rewritten`);
  if (entries === null) return out; // the chain itself is broken: reported above
  out.extended = true;
  return out;
}

/** One line for `info`/`verify`. */
export function describeAuditTrail(t: AuditTrailCheck, headChars = 64): string {
  if (!t.ok) return `BROKEN${t.brokenAt !== null ? ` at entry ${t.brokenAt}` : ''}: ${t.problems.join('; ')}`;
  const head = `${t.head!.slice(0, headChars)}${headChars < 64 ? '…' : ''}`;
  const anchored = t.anchors.filter((a) => a.extended);
  const signed = anchored.filter((a) => a.signatureOk).length;
  return `${t.entries} entries, chain verified, head ${head}` +
    (anchored.length ? `; extends ${anchored.length} recorded head${anchored.length === 1 ? '' : 's'} (${anchored.map((a) => `${a.source}: ${a.entries}`).join(', ')}; ${signed} signed)` : '; no signed head recorded yet');
}
