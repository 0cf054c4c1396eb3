// Log files against the digests that list them, and CloudTrail log files no digest lists.
import { uncompressedSha256 } from './content';
import type { DigestState } from './digest-state';
import { EvidenceIndex, parseLogName } from './s3-paths';
import type { IntegrityInput, LogFileResult } from './types';

/** Hashes are cached per input: a log file listed by a digest and its backfill is read once. */
type HashOf = (input: IntegrityInput) => Promise<{ sha256: string } | { error: string }>;

function hasher(): HashOf {
  const cache = new Map<IntegrityInput, Promise<{ sha256: string } | { error: string }>>();
  return (input) => {
    let p = cache.get(input);
    if (!p) {
      p = uncompressedSha256(input).then((sha256) => ({ sha256 }), (e: Error) => ({ error: e.message }));
      cache.set(input, p);
    }
    return p;
  };
}

export async function checkLogFiles(states: DigestState[], others: IntegrityInput[]): Promise<LogFileResult[]> {
  const index = new EvidenceIndex(others);
  const hashOf = hasher();
  const covered = new Set<IntegrityInput>();
  const out: LogFileResult[] = [];
  for (const s of states) {
    const d = s.loaded.digest;
    const base = { digestKey: d.digestS3Object, account: d.awsAccountId, region: s.name?.region ?? null, startTime: d.digestStartTime, endTime: d.digestEndTime };
    const trusted = s.authenticatedBy !== null && !s.problems.some((p) => p.status === 'modified');
    const distrust = trusted ? '' : '; the digest itself is not authenticated';
    for (const entry of d.logFiles) {
      const found = index.find(entry.s3Object);
      if (!found) {
        out.push({ ...base, relPath: null, evidenceId: null, s3Key: entry.s3Object, status: 'missing', expectedSha256: entry.hashValue, actualSha256: null,
          reason: `listed in digest ${s.loaded.input.relPath} for ${d.digestStartTime} to ${d.digestEndTime}; not in the evidence${distrust}` });
        continue;
      }
      for (const input of found.inputs) {
        covered.add(input);
        const h = await hashOf(input);
        const row = { ...base, relPath: input.relPath, evidenceId: input.evidenceId ?? null, s3Key: entry.s3Object, expectedSha256: entry.hashValue };
        const by = found.by === 'name' ? ' (matched by file name only)' : '';
        if ('error' in h) {
          out.push({ ...row, actualSha256: null, status: 'modified', reason: `cannot be read or decompressed (${h.error})${by}${distrust}` });
        } else if (h.sha256 !== entry.hashValue) {
          out.push({ ...row, actualSha256: h.sha256, status: 'modified', reason: `uncompressed content hashes to ${h.sha256}, digest records ${entry.hashValue}${by}${distrust}` });
        } else {
          out.push({ ...row, actualSha256: h.sha256, status: trusted ? 'valid' : 'unverifiable', reason: `SHA-256 matches digest ${s.loaded.input.relPath}${by}${distrust}` });
        }
      }
    }
  }
  // Not spread: a large case's file list overflows the call stack (decision 0019).
  for (const r of uncovered(others, covered, states)) out.push(r);
  return out;
}

/** CloudTrail log files (by manifest format or by delivery name) that no digest in the evidence lists. */
function uncovered(others: IntegrityInput[], covered: Set<IntegrityInput>, states: DigestState[]): LogFileResult[] {
  const out: LogFileResult[] = [];
  for (const input of others) {
    if (covered.has(input)) continue;
    const name = parseLogName(input.relPath) ?? (input.path ? parseLogName(input.path) : null);
    if (!name && input.format !== 'cloudtrail') continue;
    const reason = !name
      ? 'a CloudTrail file not named as CloudTrail delivers to S3 (an export or a renamed file): digests never list it'
      : spanReason(name, states);
    out.push({ relPath: input.relPath, evidenceId: input.evidenceId ?? null, s3Key: null, digestKey: null, account: name?.account ?? null,
      region: name?.region ?? null, startTime: name?.time ?? null, endTime: null, status: 'not-covered', reason, expectedSha256: null, actualSha256: null });
  }
  return out;
}

/** Whether digests for the file's account and region cover its delivery time: then its absence from them is telling. */
function spanReason(name: { account: string; region: string; time: string }, states: DigestState[]): string {
  const same = states.filter((s) => s.loaded.digest.awsAccountId === name.account && s.name?.region === name.region);
  if (!same.length) return `no digest in the evidence covers ${name.account} ${name.region}`;
  const t = Date.parse(name.time);
  const inside = same.some((s) => Date.parse(s.loaded.digest.digestStartTime) <= t && t < Date.parse(s.loaded.digest.digestEndTime) + 60 * 60 * 1000);
  return inside
    ? `digests for ${name.account} ${name.region} cover its delivery time (${name.time}) but none lists it: not delivered by CloudTrail to this trail, or listed in a digest missing from the evidence`
    : `outside the hours the digests in the evidence cover for ${name.account} ${name.region}`;
}
