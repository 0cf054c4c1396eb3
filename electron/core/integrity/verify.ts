// Offline CloudTrail log file integrity validation: what `aws cloudtrail validate-logs` checks, from saved
// files only (digests, log files, saved public keys and signature metadata), with Node's crypto.
import { classifyInputs } from './classify';
import { toResult, unreadableResult } from './digest-state';
import { checkDigests } from './verify-digests';
import { checkLogFiles } from './verify-logs';
import { INTEGRITY_STATUSES, type DigestResult, type IntegrityInput, type IntegrityReport, type IntegrityStatus, type LogFileResult } from './types';

/**
 * Verifies every digest's signature and chain link and every log file's SHA-256 against the digest that
 * lists it. Inputs are sorted by content: digests, key lists and signature metadata may sit anywhere among
 * the evidence files, under any name. Nothing is written.
 */
export async function verifyCloudTrailIntegrity(inputs: IntegrityInput[]): Promise<IntegrityReport> {
  const c = await classifyInputs(inputs);
  const checked = checkDigests(c);
  const logFiles = await checkLogFiles(checked.states, c.others);
  const digests = [
    ...checked.states.map(toResult),
    ...c.unreadableDigests.map((u) => unreadableResult(u.input.relPath, u.input.evidenceId ?? null, u.reason)),
    ...checked.missing,
  ].sort(byPlaceAndTime);
  logFiles.sort(byPlaceAndTime);
  return {
    summary: summarise(digests, logFiles),
    digests,
    logFiles,
    publicKeys: c.keys.map((k) => ({ fingerprint: k.fingerprint, relPath: k.relPath, validFrom: k.validFrom, validTo: k.validTo })),
    signatureFiles: new Set(c.signatures.map((s) => s.relPath)).size,
    ignored: [...c.ignored, ...checked.ignored],
  };
}

function summarise(digests: DigestResult[], logFiles: LogFileResult[]): Record<IntegrityStatus, number> {
  const counts = Object.fromEntries(INTEGRITY_STATUSES.map((s) => [s, 0])) as Record<IntegrityStatus, number>;
  for (const r of [...digests, ...logFiles]) counts[r.status]++;
  return counts;
}

type Placed = { account: string | null; region: string | null; endTime: string | null; startTime: string | null; relPath: string | null };

function byPlaceAndTime(a: Placed, b: Placed): number {
  return (a.account ?? '').localeCompare(b.account ?? '') || (a.region ?? '').localeCompare(b.region ?? '')
    || (a.endTime ?? a.startTime ?? '').localeCompare(b.endTime ?? b.startTime ?? '') || (a.relPath ?? '').localeCompare(b.relPath ?? '');
}

/** True when every digest and log file verified: nothing modified, missing, uncovered, broken or unverifiable. */
export function allValid(report: IntegrityReport): boolean {
  return INTEGRITY_STATUSES.every((s) => s === 'valid' || report.summary[s] === 0);
}
