// The working record of one digest while it is checked; turned into a DigestResult at the end.
import type { LoadedDigest } from './classify';
import { parseDigestKey, type DigestName } from './digest-file';
import type { DigestResult, IntegrityStatus, SignatureOutcome } from './types';

export interface DigestState {
  loaded: LoadedDigest;
  name: DigestName | null;
  signature: SignatureOutcome;
  signatureSource: 'metadata' | 'next-digest' | null;
  authenticatedBy: 'signature' | 'chain' | null;
  /** Why the digest cannot be trusted or is out of place, with the status each finding implies. */
  problems: Array<{ status: IntegrityStatus; text: string }>;
  /** Context that changes no status (starting digest, start of the evidence, ...). */
  notes: string[];
  /** What authenticated it, for the reason text of a valid digest. */
  proof: string | null;
}

export const s3Id = (bucket: string | null, key: string | null): string => `${bucket ?? ''}/${key ?? ''}`;
export const idOf = (s: DigestState): string => s3Id(s.loaded.digest.digestS3Bucket, s.loaded.digest.digestS3Object);

export function newState(loaded: LoadedDigest): DigestState {
  return { loaded, name: parseDigestKey(loaded.digest.digestS3Object), signature: 'not-checked', signatureSource: null, authenticatedBy: null, problems: [], notes: [], proof: null };
}

// The most serious finding decides: altered content over a broken chain over a check that could not be made.
const SEVERITY: IntegrityStatus[] = ['modified', 'missing', 'chain-broken', 'unverifiable', 'not-covered', 'valid'];

export function worst(statuses: IntegrityStatus[]): IntegrityStatus {
  return SEVERITY.find((s) => statuses.includes(s)) ?? 'valid';
}

export function toResult(s: DigestState): DigestResult {
  const d = s.loaded.digest;
  const statuses = s.problems.map((p) => p.status);
  const status = s.authenticatedBy ? worst(statuses) : worst([...statuses, 'unverifiable']);
  const ranked = [...s.problems].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status));
  const lead = status === 'valid' ? [s.proof ?? 'authenticated'] : ranked.map((p) => p.text);
  return {
    relPath: s.loaded.input.relPath, evidenceId: s.loaded.input.evidenceId ?? null, bucket: d.digestS3Bucket, s3Key: d.digestS3Object,
    account: d.awsAccountId, organisationId: s.name?.organisationId ?? null, region: s.name?.region ?? '', homeRegion: s.name?.homeRegion ?? '',
    trail: s.name?.trail ?? '', backfill: s.name?.backfill ?? false, startTime: d.digestStartTime, endTime: d.digestEndTime,
    status, reason: [...lead, ...s.notes].join('; '), signature: s.signature, signatureSource: s.signatureSource, authenticatedBy: s.authenticatedBy,
    fingerprint: d.digestPublicKeyFingerprint, logFileCount: d.logFiles.length,
  };
}

/** A digest row for a file that could not be read or parsed as a digest. */
export function unreadableResult(relPath: string, evidenceId: number | null, reason: string): DigestResult {
  const name = parseDigestKey(relPath.replace(/\\/g, '/'));
  return {
    relPath, evidenceId, bucket: '', s3Key: '', account: name?.account ?? '', organisationId: name?.organisationId ?? null, region: name?.region ?? '',
    homeRegion: name?.homeRegion ?? '', trail: name?.trail ?? '', backfill: name?.backfill ?? false, startTime: null, endTime: null,
    status: 'modified', reason: `digest file ${reason}`, signature: 'not-checked', signatureSource: null, authenticatedBy: null, fingerprint: null, logFileCount: 0,
  };
}

/** A digest row for a digest a later one links to but the evidence lacks. */
export function missingResult(bucket: string, key: string, referencedBy: string): DigestResult {
  const name = parseDigestKey(key);
  return {
    relPath: null, evidenceId: null, bucket, s3Key: key, account: name?.account ?? '', organisationId: name?.organisationId ?? null,
    region: name?.region ?? '', homeRegion: name?.homeRegion ?? '', trail: name?.trail ?? '', backfill: name?.backfill ?? false,
    startTime: null, endTime: endTimeFromKey(key), status: 'missing',
    reason: `the digest ${referencedBy} links to is not in the evidence; the log files it listed cannot be checked`,
    signature: 'not-checked', signatureSource: null, authenticatedBy: null, fingerprint: null, logFileCount: 0,
  };
}

function endTimeFromKey(key: string): string | null {
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:_backfill)?\.json(?:\.gz)?$/.exec(key);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}
