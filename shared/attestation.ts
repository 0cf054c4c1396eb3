// What proves a case's record holds: the examiner's key, signed audit-chain heads, and the coverage of the
// evidence. Kept apart from report.ts so the report can carry it as one block (ReportModel.attestation).
import type { CoverageSummary } from './coverage';

/** The examiner's public key as a case and a report carry it. */
export interface PublicExaminerKey {
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
  /** sha256 of the raw 32-byte public key, hex: short enough to read aloud and compare. */
  fingerprint: string;
}

export const ANCHOR_FORMAT = 'cairn-audit-anchor/1';

/** A recorded audit-chain head: the log had `entries` entries and the last one's hash was `head`. */
export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  caseId: string;
  entries: number;
  /** The hash of entry `entries` (64 zeros for none). */
  head: string;
  at: string;
  fingerprint: string;
  publicKey: string;
  /** Ed25519, base64, over the anchor's text (examiner/audit-trail.ts anchorText); absent when taken from an unsigned report. */
  signature?: string;
}

export interface AnchorCheck {
  /** Where the anchor came from: the case's own latest anchor, or the report given to --against. */
  source: string;
  entries: number;
  head: string;
  fingerprint: string | null;
  /** null: the anchor carries no signature (an older, unsigned report). */
  signatureOk: boolean | null;
  /** The case's log still has this entry with this hash, and the chain verifies. */
  extended: boolean;
  problem: string | null;
}

export interface AuditTrailCheck {
  ok: boolean;
  /** The chain's own length and head as it verifies now (head null when it does not). */
  entries: number;
  head: string | null;
  brokenAt: number | null;
  /** Every reason the trail does not hold; empty when ok. */
  problems: string[];
  anchors: AnchorCheck[];
  examinerKeys: PublicExaminerKey[];
}

/** The report's attestation block: who signed, the chain head it records, and what the evidence covers. */
export interface ReportAttestation {
  examinerKey: PublicExaminerKey | null;
  /** Why there is no key (the report is then unsigned). */
  examinerKeyProblem: string | null;
  auditTrail: AuditTrailCheck;
  /** The chain head this report records, signed; `cairn verify --against REPORT` checks the case still extends it. */
  auditAnchor: AuditAnchor | null;
  coverage: CoverageSummary | null;
}

export const REPORT_SIGNATURE_FORMAT = 'cairn-report-signature/1';

/** REPORT.sig beside every report: the report file's hash and the chain head, signed with the examiner's key. */
export interface ReportSignature {
  format: typeof REPORT_SIGNATURE_FORMAT;
  file: string;
  sha256: string;
  bytes: number;
  signedAt: string;
  examinerKey: PublicExaminerKey;
  auditAnchor: AuditAnchor | null;
  signature: string;
}
