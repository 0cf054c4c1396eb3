// Plain data in and out of the CloudTrail integrity check: no classes, so callers (case, CLI, report, tests)
// can build inputs from anything and serialise results as they are.

/** One file handed to the check: where it sits in the evidence, and its bytes or a path to read them from. */
export interface IntegrityInput {
  /** Path relative to the evidence root, `/`- or `\`-separated; matched against S3 keys from the `AWSLogs/` part. */
  relPath: string;
  /** Absolute path, read only. Also searched for an `AWSLogs/` layout when relPath has none. */
  path?: string;
  bytes?: Uint8Array;
  /** The manifest's detected format, when known ('cloudtrail', 'cloudtrail-digest', ...): skips sniffing. */
  format?: string | null;
  /** The manifest id, carried into the results. */
  evidenceId?: number;
}

export {
  INTEGRITY_STATUSES, type IntegrityStatus, type SignatureOutcome, type Authentication, type DigestResult, type LogFileResult, type IgnoredInput,
  type IntegrityReport,
} from '../../../shared/integrity-types';
