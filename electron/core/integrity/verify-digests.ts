// Authenticates digests and checks the links between them.
// A digest is authentic when a signature verifies under the AWS key it names: where the signature text came
// from (saved metadata or the next digest) does not matter, only the key does. A digest whose key or
// signature is not at hand is still authentic when an authentic later digest records its exact SHA-256.
import type { Classified, LoadedDigest } from './classify';
import { chainId, verifyDigestSignature } from './digest-file';
import { idOf, missingResult, newState, s3Id, type DigestState } from './digest-state';
import type { PublicKey } from './public-keys';
import type { SavedSignature } from './signature-metadata';
import { inputTail, layoutTail } from './s3-paths';
import type { DigestResult, IgnoredInput } from './types';

export interface DigestCheck { states: DigestState[]; missing: DigestResult[]; ignored: IgnoredInput[] }

const ALGORITHM = 'SHA256withRSA';
const time = (iso: string): number => Date.parse(iso);

export function checkDigests(c: Classified): DigestCheck {
  const ignored: IgnoredInput[] = [];
  const byId = new Map<string, DigestState>();
  const states: DigestState[] = [];
  for (const loaded of c.digests) {
    const s = newState(loaded);
    const same = byId.get(idOf(s));
    if (same && same.loaded.sha256 === loaded.sha256) { ignored.push({ relPath: loaded.input.relPath, reason: `a copy of ${same.loaded.input.relPath}` }); continue; }
    if (same) s.problems.push({ status: 'modified', text: `${same.loaded.input.relPath} holds different content under the same S3 key` });
    else byId.set(idOf(s), s);
    states.push(s);
    checkLocation(s);
  }
  const nexts = nextDigests(states, byId);
  attachSignatures(states, c.signatures, c.keys, nexts, byId, ignored);
  authenticateThroughChain(states, nexts);
  const missing = checkLinks(states, byId, nexts);
  return { states, missing, ignored };
}

/** The AWS CLI refuses a digest not at the key it names; offline, the evidence's AWSLogs layout stands in. */
function checkLocation(s: DigestState): void {
  const at = inputTail(s.loaded.input);
  const named = layoutTail(s.loaded.digest.digestS3Object);
  if (at && named && at !== named) {
    s.problems.push({ status: 'chain-broken', text: `the file sits at ${at} but is the digest for ${named}: moved from its original location` });
  }
}

/** For each digest, the digests that name it as their previous one. */
function nextDigests(states: DigestState[], byId: Map<string, DigestState>): Map<DigestState, DigestState[]> {
  const nexts = new Map<DigestState, DigestState[]>();
  for (const s of states) {
    const d = s.loaded.digest;
    const prev = d.previousDigestS3Object ? byId.get(s3Id(d.previousDigestS3Bucket, d.previousDigestS3Object)) : undefined;
    if (prev) nexts.set(prev, [...(nexts.get(prev) ?? []), s]);
  }
  return nexts;
}

function attachSignatures(states: DigestState[], saved: SavedSignature[], keys: PublicKey[], nexts: Map<DigestState, DigestState[]>,
  byId: Map<string, DigestState>, ignored: IgnoredInput[]): void {
  const keyed = new Map<DigestState, SavedSignature[]>();
  const loose: SavedSignature[] = [];
  for (const sig of saved) {
    const target = sig.key ? states.find((s) => s.loaded.digest.digestS3Object === sig.key && (!sig.bucket || s.loaded.digest.digestS3Bucket === sig.bucket)) : undefined;
    if (target) keyed.set(target, [...(keyed.get(target) ?? []), sig]);
    else if (sig.key && byId.size) ignored.push({ relPath: sig.relPath, reason: `signature metadata for ${sig.key}, which is not in the evidence` });
    else loose.push(sig);
  }
  const usedLoose = new Set<SavedSignature>();
  for (const s of states) {
    const d = s.loaded.digest;
    const key = keys.find((k) => k.fingerprint === d.digestPublicKeyFingerprint);
    const candidates: Array<{ hex: string; source: 'metadata' | 'next-digest'; from: string; algorithm: string | null }> = [
      ...(keyed.get(s) ?? []).map((m) => ({ hex: m.signature, source: 'metadata' as const, from: m.relPath, algorithm: m.algorithm })),
      ...(nexts.get(s) ?? []).filter((n) => n.loaded.digest.previousDigestSignature)
        .map((n) => ({ hex: n.loaded.digest.previousDigestSignature!, source: 'next-digest' as const, from: n.loaded.input.relPath, algorithm: null })),
    ];
    if (d.digestSignatureAlgorithm !== ALGORITHM) { s.signature = 'not-checked'; s.problems.push({ status: 'unverifiable', text: `signature algorithm ${d.digestSignatureAlgorithm} is not ${ALGORITHM}` }); continue; }
    const verifies = (hex: string): boolean => !!key && verifyDigestSignature(d, s.loaded.content, hex, key.key);
    let ok = candidates.find((c) => (c.algorithm ?? ALGORITHM) === ALGORITHM && verifies(c.hex));
    if (!ok && key) {
      // Signatures saved without their key are tried only where nothing else verified (usually the newest
      // digest of a chain): each verifies over one digest at most.
      const m = loose.find((l) => !usedLoose.has(l) && verifies(l.signature));
      if (m) { usedLoose.add(m); ok = { hex: m.signature, source: 'metadata', from: m.relPath, algorithm: m.algorithm }; candidates.unshift(ok); }
    }
    if (!candidates.length) { s.signature = 'no-signature'; continue; }
    if (!key) { s.signature = 'no-key'; s.signatureSource = candidates[0]!.source; continue; }
    if (ok) {
      Object.assign(s, { signature: 'verified', signatureSource: ok.source, authenticatedBy: 'signature' });
      s.proof = `signature verified with key ${key.fingerprint} (signature from ${ok.source === 'metadata' ? `saved metadata ${ok.from}` : `the next digest ${ok.from}`})`;
      if (key.validFrom && key.validTo && (time(d.digestEndTime) < time(key.validFrom) || time(d.digestEndTime) > time(key.validTo))) {
        s.notes.push(`the key's validity (${key.validFrom} to ${key.validTo}) does not include the digest's end time`);
      }
    } else {
      Object.assign(s, { signature: 'failed', signatureSource: candidates[0]!.source });
      s.problems.push({ status: 'modified', text: `signature from ${candidates.map((c) => c.from).join(', ')} does not verify with key ${key.fingerprint}: the digest is not the one CloudTrail signed` });
    }
  }
  for (const m of loose) if (!usedLoose.has(m)) ignored.push({ relPath: m.relPath, reason: 'a saved signature that verifies over no digest in the evidence' });
}

function authenticateThroughChain(states: DigestState[], nexts: Map<DigestState, DigestState[]>): void {
  const newestFirst = [...states].sort((a, b) => time(b.loaded.digest.digestEndTime) - time(a.loaded.digest.digestEndTime));
  for (const s of newestFirst) {
    for (const n of nexts.get(s) ?? []) {
      if (!n.authenticatedBy) continue;
      if (n.loaded.digest.previousDigestHashValue === s.loaded.sha256) {
        if (!s.authenticatedBy && s.signature !== 'failed') { s.authenticatedBy = 'chain'; s.proof = `its SHA-256 is the one the authenticated digest ${n.loaded.input.relPath} records`; }
      } else {
        s.problems.push({ status: 'modified', text: `the authenticated digest ${n.loaded.input.relPath} records SHA-256 ${n.loaded.digest.previousDigestHashValue} for it; its content hashes to ${s.loaded.sha256}` });
      }
    }
    if (!s.authenticatedBy && !s.problems.some((p) => p.status === 'modified' || p.status === 'unverifiable')) s.problems.push({ status: 'unverifiable', text: whyUnverified(s) });
  }
}

function whyUnverified(s: DigestState): string {
  const d = s.loaded.digest;
  if (s.signature === 'no-key') return `no saved public key has fingerprint ${d.digestPublicKeyFingerprint} (save list-public-keys for region ${s.name?.region ?? '?'} around ${d.digestEndTime})`;
  if (s.signature === 'no-signature') return `its signature is in the S3 metadata of ${d.digestS3Object}, which was not saved, and no later digest in the evidence links to it`;
  return 'not authenticated';
}

/** Previous-digest links: present and matching, absent at the edge of the evidence, or broken. */
function checkLinks(states: DigestState[], byId: Map<string, DigestState>, nexts: Map<DigestState, DigestState[]>): DigestResult[] {
  const missing = new Map<string, DigestResult>();
  const oldestEnd = new Map<string, number>();
  for (const s of states) {
    const id = chainId(s.loaded.digest);
    oldestEnd.set(id, Math.min(oldestEnd.get(id) ?? Infinity, time(s.loaded.digest.digestEndTime)));
  }
  for (const s of states) {
    const d = s.loaded.digest;
    if (!d.previousDigestS3Object) { s.notes.push('starting digest: validation or logging was (re)started here, so it links to no earlier digest'); continue; }
    const prevId = s3Id(d.previousDigestS3Bucket, d.previousDigestS3Object);
    const prev = byId.get(prevId);
    if (prev) {
      if (prev.loaded.sha256 !== d.previousDigestHashValue) s.problems.push({ status: 'chain-broken', text: `previous digest ${prev.loaded.input.relPath} hashes to ${prev.loaded.sha256}, not the ${d.previousDigestHashValue} recorded here` });
      // Backfill digests list late deliveries for hours already digested, so their times overlap by design.
      if (!s.name?.backfill && time(prev.loaded.digest.digestEndTime) > time(d.digestStartTime)) s.problems.push({ status: 'chain-broken', text: `previous digest ${prev.loaded.input.relPath} ends at ${prev.loaded.digest.digestEndTime}, after this one starts: the chain is re-ordered` });
      const siblings = (nexts.get(prev) ?? []).filter((n) => n !== s && !n.name?.backfill);
      if (siblings.length && !s.name?.backfill) s.problems.push({ status: 'chain-broken', text: `${siblings.map((n) => n.loaded.input.relPath).join(', ')} also links to ${prev.loaded.input.relPath}: the chain forks` });
      continue;
    }
    const older = (oldestEnd.get(chainId(d)) ?? Infinity) < time(d.digestStartTime);
    if (older) {
      s.problems.push({ status: 'chain-broken', text: `previous digest ${d.previousDigestS3Object} is not in the evidence, though older digests of this trail are` });
      if (!missing.has(prevId)) missing.set(prevId, missingResult(d.previousDigestS3Bucket ?? '', d.previousDigestS3Object, s.loaded.input.relPath));
    } else {
      s.notes.push(`previous digest ${d.previousDigestS3Object} is not in the evidence (the evidence starts here)`);
    }
  }
  return [...missing.values()];
}

export type { LoadedDigest };
