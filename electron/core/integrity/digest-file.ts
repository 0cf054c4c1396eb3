// A CloudTrail digest file: its fields, the names in its S3 key, and the string CloudTrail signs.
import { createVerify, type KeyObject } from 'node:crypto';
import { sha256Hex } from './content';

export interface DigestLogEntry { s3Bucket: string; s3Object: string; hashValue: string }

export interface Digest {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogEntry[];
}

/** True when parsed JSON has the fields that identify a digest (content decides, not the file name). */
export function looksLikeDigest(doc: unknown): boolean {
  return isRecord(doc) && typeof doc.digestS3Object === 'string' && 'digestPublicKeyFingerprint' in doc && Array.isArray(doc.logFiles);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The digest, or the reason it is not a well-formed one. */
export function parseDigest(doc: unknown): Digest | string {
  if (!isRecord(doc)) return 'not a JSON object';
  const required = ['awsAccountId', 'digestStartTime', 'digestEndTime', 'digestS3Bucket', 'digestS3Object', 'digestPublicKeyFingerprint', 'digestSignatureAlgorithm'];
  const absent = required.filter((k) => typeof doc[k] !== 'string');
  if (absent.length) return `field(s) ${absent.join(', ')} missing or not text`;
  if (!Array.isArray(doc.logFiles)) return 'logFiles is not an array';
  const logFiles: DigestLogEntry[] = [];
  for (const [i, f] of doc.logFiles.entries()) {
    if (!isRecord(f) || typeof f.s3Object !== 'string' || typeof f.hashValue !== 'string') return `logFiles[${i}] lacks s3Object or hashValue`;
    logFiles.push({ s3Bucket: str(f.s3Bucket) ?? '', s3Object: f.s3Object, hashValue: f.hashValue.toLowerCase() });
  }
  return {
    awsAccountId: doc.awsAccountId as string, digestStartTime: doc.digestStartTime as string, digestEndTime: doc.digestEndTime as string,
    digestS3Bucket: doc.digestS3Bucket as string, digestS3Object: doc.digestS3Object as string,
    digestPublicKeyFingerprint: (doc.digestPublicKeyFingerprint as string).toLowerCase(), digestSignatureAlgorithm: doc.digestSignatureAlgorithm as string,
    previousDigestS3Bucket: str(doc.previousDigestS3Bucket), previousDigestS3Object: str(doc.previousDigestS3Object),
    previousDigestHashValue: str(doc.previousDigestHashValue)?.toLowerCase() ?? null, previousDigestSignature: str(doc.previousDigestSignature),
    logFiles,
  };
}

export interface DigestName { organisationId: string | null; account: string; region: string; trail: string; homeRegion: string; backfill: boolean }

// <account>_CloudTrail-Digest_<region>_<trail>_<home-region>_<end>[_backfill].json.gz; trail names may hold
// underscores, region names never do, so the trail is whatever lies between the two regions.
const DIGEST_NAME = /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(_backfill)?\.json(?:\.gz)?$/;

export function parseDigestKey(key: string): DigestName | null {
  const parts = key.split('/');
  const m = DIGEST_NAME.exec(parts[parts.length - 1] ?? '');
  if (!m) return null;
  const at = parts.lastIndexOf('AWSLogs');
  const org = at >= 0 && /^o-[a-z0-9]+$/.test(parts[at + 1] ?? '') ? parts[at + 1]! : null;
  return { organisationId: org, account: m[1]!, region: m[2]!, trail: m[3]!, homeRegion: m[4]!, backfill: !!m[6] };
}

/** Digests of one trail, one delivering region, one bucket and prefix form one chain. */
export function chainId(d: Digest): string {
  const dir = d.digestS3Object.split('/').slice(0, -4).join('/'); // drop YYYY/MM/DD/name
  const name = parseDigestKey(d.digestS3Object);
  return `${d.digestS3Bucket}/${dir}|${name?.trail ?? ''}|${name?.homeRegion ?? ''}`;
}

/**
 * The string CloudTrail signs: end time, bucket/key, the hex SHA-256 of the uncompressed digest, and the
 * previous digest's signature, joined by newlines. A starting digest signs the text `null` there, as the
 * AWS CLI's validator does to match the Java implementation.
 */
export function signingString(d: Digest, contentSha256: string): string {
  return `${d.digestEndTime}\n${d.digestS3Bucket}/${d.digestS3Object}\n${contentSha256}\n${d.previousDigestSignature ?? 'null'}`;
}

/** SHA256withRSA (PKCS#1 v1.5) over the signing string. */
export function verifyDigestSignature(d: Digest, content: Uint8Array, signatureHex: string, key: KeyObject): boolean {
  if (!/^[0-9a-fA-F]+$/.test(signatureHex) || signatureHex.length % 2) return false;
  const v = createVerify('RSA-SHA256');
  v.update(signingString(d, sha256Hex(content)), 'utf8');
  try { return v.verify(key, Buffer.from(signatureHex, 'hex')); } catch { return false; }
}
