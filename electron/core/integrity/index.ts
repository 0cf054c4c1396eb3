// CloudTrail log file integrity validation, offline. See README.md in this folder.
export { verifyCloudTrailIntegrity, allValid } from './verify';
export { renderIntegrityText, renderIntegrityJson, INTEGRITY_JSON_VERSION } from './render';
export { signingString } from './digest-file';
export type {
  IntegrityInput, IntegrityReport, IntegrityStatus, DigestResult, LogFileResult, IgnoredInput, SignatureOutcome, Authentication,
} from './types';
export { INTEGRITY_STATUSES } from './types';
export { verifyCaseDigests, verifyManifestDigests, manifestInputs, type ManifestEntry } from './case-digests';
