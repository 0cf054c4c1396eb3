import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { REPORT_SIGNATURE_FORMAT, type AuditAnchor, type AuditTrailCheck, type PublicExaminerKey, type ReportAttestation, type ReportSignature } from '../../../shared/attestation';
import type { CoverageLedger } from '../../../shared/coverage';
import { summariseCoverage } from '../coverage/ledger';
import { GENESIS_HASH } from '../case/case-store';
import { CairnError } from '../errors';
import { fingerprintOf, publicPart, verifySignature, type ExaminerKey } from './examiner-key';

/** What a case offers for attestation; Case satisfies it. */
export interface AttestingCase {
  examinerKey: ExaminerKey | null;
  examinerKeyError: string | null;
  coverage(): Promise<CoverageLedger>;
  auditTrail(against?: Array<{ source: string; anchor: AuditAnchor }>): AuditTrailCheck;
  signHead(opts: { keep: boolean }): AuditAnchor | null;
}

/**
 * The report's attestation block: the examiner key, the audit trail's check and the chain head signed now,
 * and the coverage summary. The report records it; REPORT.sig then signs the report's bytes and this head.
 */
export async function reportAttestation(c: AttestingCase): Promise<ReportAttestation> {
  const trail = auditTrail(c);
  let coverage: ReportAttestation['coverage'] = null;
  try { coverage = summariseCoverage(await c.coverage()); } catch { coverage = null; }
  return { examinerKey: examinerKeyOf(c), examinerKeyProblem: c.examinerKey ? null : c.examinerKeyError, auditTrail: trail, auditAnchor: trail.ok ? c.signHead({ keep: false }) : null, coverage };
}

/** The audit trail as a whole (chain, start, the case's signed anchor, and anchors given from outside). */
export function auditTrail(c: AttestingCase, against: Array<{ source: string; anchor: AuditAnchor }> = []): AuditTrailCheck {
  return c.auditTrail(against);
}

export function examinerKeyOf(c: AttestingCase): PublicExaminerKey | null {
  return c.examinerKey ? publicPart(c.examinerKey) : null;
}

function reportSignatureText(s: Omit<ReportSignature, 'signature'>): string {
  return [s.format, s.file, s.sha256, String(s.bytes), s.signedAt, s.examinerKey.fingerprint, s.auditAnchor?.signature ?? ''].join('\n');
}

/** Writes REPORT.sig: the report's hash and the chain head it records, signed. Null when there is no key. */
export function signReportFile(c: AttestingCase, path: string, sha256: string, bytes: number, anchor: AuditAnchor | null): string | null {
  if (!c.examinerKey) return null;
  const body = { format: REPORT_SIGNATURE_FORMAT, file: basename(path), sha256, bytes, signedAt: new Date().toISOString(), examinerKey: publicPart(c.examinerKey), auditAnchor: anchor } as const;
  const sig: ReportSignature = { ...body, signature: c.examinerKey.sign(reportSignatureText(body)) };
  const sigPath = `${path}.sig`;
  writeFileSync(sigPath, JSON.stringify(sig, null, 2) + '\n');
  return sigPath;
}

export interface AgainstReport {
  anchors: Array<{ source: string; anchor: AuditAnchor }>;
  /** Problems with the report file itself: changed since signed, a signature that does not verify. */
  problems: string[];
  signature: { path: string; ok: boolean; fingerprint: string } | null;
}

/**
 * The chain head a report recorded, for `cairn verify --against`: from REPORT.sig when there is one (checking
 * the report's bytes and the signature), else from a JSON report's attestation (or, for a report made before
 * anchors existed, its audit summary's head and entry count).
 */
export function readAgainst(path: string): AgainstReport {
  const sigPath = path.endsWith('.sig') ? path : `${path}.sig`;
  const reportPath = path.endsWith('.sig') ? path.slice(0, -4) : path;
  const source = `report ${basename(reportPath)}`;
  const problems: string[] = [];
  const anchors: AgainstReport['anchors'] = [];
  let signature: AgainstReport['signature'] = null;
  if (!existsSync(reportPath) && !existsSync(sigPath)) throw new CairnError('BAD_REQUEST', `--against: ${path} does not exist`);
  if (existsSync(sigPath)) {
    let sig: ReportSignature;
    try { sig = JSON.parse(readFileSync(sigPath, 'utf8')) as ReportSignature; } catch { throw new CairnError('BAD_REQUEST', `--against: ${sigPath} is not a report signature`); }
    let ok = false;
    try {
      const { signature: s, ...body } = sig;
      ok = sig.format === REPORT_SIGNATURE_FORMAT && fingerprintOf(sig.examinerKey.publicKey) === sig.examinerKey.fingerprint && verifySignature(sig.examinerKey.publicKey, reportSignatureText(body), s);
    } catch { ok = false; }
    signature = { path: sigPath, ok, fingerprint: sig.examinerKey?.fingerprint ?? '' };
    if (!ok) problems.push(`${source}: its signature (${basename(sigPath)}) does not verify`);
    if (existsSync(reportPath)) {
      const bytes = readFileSync(reportPath);
      if (createHash('sha256').update(bytes).digest('hex') !== sig.sha256) problems.push(`${source}: the report changed after it was signed`);
    } else problems.push(`${source}: the report itself is missing beside its signature`);
    if (sig.auditAnchor) anchors.push({ source, anchor: sig.auditAnchor });
  }
  if (anchors.length === 0 && existsSync(reportPath)) {
    const fromJson = anchorFromJsonReport(readFileSync(reportPath, 'utf8'));
    if (fromJson) anchors.push({ source, anchor: fromJson });
  }
  if (anchors.length === 0) throw new CairnError('BAD_REQUEST', `--against: ${path} records no audit chain head (give a JSON report, or a report with its .sig)`);
  return { anchors, problems, signature };
}

function anchorFromJsonReport(text: string): AuditAnchor | null {
  let m: { case?: { id?: string }; attestation?: { auditAnchor?: AuditAnchor | null }; audit?: { head?: string | null; entries?: number } };
  try { m = JSON.parse(text) as typeof m; } catch { return null; }
  if (m.attestation?.auditAnchor) return m.attestation.auditAnchor;
  if (typeof m.audit?.head === 'string' && typeof m.audit.entries === 'number') {
    // A report from before signed heads: its head, unsigned (entries 0 has the genesis head).
    return { format: 'cairn-audit-anchor/1', caseId: m.case?.id ?? '', entries: m.audit.entries, head: m.audit.entries === 0 ? GENESIS_HASH : m.audit.head, at: '', fingerprint: '', publicKey: '' };
  }
  return null;
}
