// The CloudTrail digest check's results (electron/core/integrity): plain data, so the contract can carry them
// (case.verify) and the CLI and the UI can show them. A leaf: imports nothing.

export type IntegrityStatus = 'valid' | 'modified' | 'missing' | 'not-covered' | 'chain-broken' | 'unverifiable';

export const INTEGRITY_STATUSES: readonly IntegrityStatus[] = ['valid', 'modified', 'missing', 'not-covered', 'chain-broken', 'unverifiable'];

/** How the digest's own signature check went. */
export type SignatureOutcome =
  | 'verified'       // a signature verified under the public key the digest names
  | 'failed'         // a signature was found but does not verify over this content
  | 'no-key'         // no saved public key has the digest's fingerprint
  | 'no-signature'   // neither saved metadata nor a later digest carries this digest's signature
  | 'not-checked';   // the digest could not be read

/** Where the digest's authenticity comes from, when it has any. */
export type Authentication = 'signature' | 'chain' | null;

export interface DigestResult {
  /** Evidence path of the digest file; null for a digest that is referenced but absent. */
  relPath: string | null;
  evidenceId: number | null;
  bucket: string;
  s3Key: string;
  account: string;
  organisationId: string | null;
  /** The region that delivered the digest (and whose logs it lists). */
  region: string;
  homeRegion: string;
  trail: string;
  backfill: boolean;
  /** The hour the digest covers (log-file delivery times, UTC); null when the digest is absent or unreadable. */
  startTime: string | null;
  endTime: string | null;
  status: IntegrityStatus;
  reason: string;
  signature: SignatureOutcome;
  /** Where the checked signature came from: the saved S3 metadata, or the next digest's previousDigestSignature. */
  signatureSource: 'metadata' | 'next-digest' | null;
  authenticatedBy: Authentication;
  fingerprint: string | null;
  logFileCount: number;
}

export interface LogFileResult {
  /** Evidence path; null for a log file listed in a digest but absent from the evidence. */
  relPath: string | null;
  evidenceId: number | null;
  /** The S3 key the digest lists; null for a file no digest lists. */
  s3Key: string | null;
  /** The digest that lists the file. */
  digestKey: string | null;
  account: string | null;
  region: string | null;
  /** The covering digest's hour; for an uncovered file, the delivery time in its name when it has one. */
  startTime: string | null;
  endTime: string | null;
  status: IntegrityStatus;
  reason: string;
  expectedSha256: string | null;
  /** SHA-256 of the uncompressed content, when the file was read. */
  actualSha256: string | null;
}

/** A saved input that was not used, and why (unreadable key list, metadata matching no digest, ...). */
export interface IgnoredInput { relPath: string; reason: string }

export interface IntegrityReport {
  /** Counts per status, over digests and log files together. */
  summary: Record<IntegrityStatus, number>;
  digests: DigestResult[];
  logFiles: LogFileResult[];
  publicKeys: Array<{ fingerprint: string; relPath: string; validFrom: string | null; validTo: string | null }>;
  signatureFiles: number;
  ignored: IgnoredInput[];
}
