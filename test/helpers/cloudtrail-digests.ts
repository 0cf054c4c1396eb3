// Generates CloudTrail log files and digest files in AWS's exact format and S3 layout, signed with a key
// pair of our own, so the integrity check runs over real files and real RSA signatures. The signing string
// is written out here again, from the AWS docs, rather than imported from the code under test.
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface GeneratedFile { relPath: string; bytes: Buffer }
export interface GeneratedLog extends GeneratedFile { key: string; uncompressed: Buffer }
export interface GeneratedDigest extends GeneratedFile {
  key: string; uncompressed: Buffer; signature: string; endTime: string; doc: Record<string, unknown>;
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
// CloudTrail's digests escape '/' as '\/' (compare the real sample): hashing the bytes, not re-serialised
// JSON, is what the check must get right.
const awsJson = (v: unknown): string => JSON.stringify(v).replace(/\//g, '\\/');
const stamp = (d: Date, seconds: boolean): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').slice(0, seconds ? 16 : 13) + (seconds ? '' : 'Z');
const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');
const ymd = (d: Date): string => iso(d).slice(0, 10).replace(/-/g, '/');

export interface KeyPair { privateKey: KeyObject; publicKey: KeyObject; fingerprint: string; der: Buffer }

export function makeKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ format: 'der', type: 'pkcs1' });
  return { privateKey, publicKey, der, fingerprint: createHash('md5').update(der).digest('hex') };
}

/** `aws cloudtrail list-public-keys` output (CLI v1 shape: epoch seconds) for the given key pairs. */
export function publicKeyList(pairs: KeyPair[], from = new Date('2024-01-01T00:00:00Z'), to = new Date('2024-12-31T00:00:00Z')): string {
  return JSON.stringify({ PublicKeyList: pairs.map((p) => ({
    ValidityStartTime: from.getTime() / 1000, ValidityEndTime: to.getTime() / 1000, Value: p.der.toString('base64'), Fingerprint: p.fingerprint,
  })) }, null, 4);
}

export interface TrailOptions { bucket?: string; account?: string; trail?: string; homeRegion?: string; orgId?: string; prefix?: string; keys?: KeyPair }

/** One trail's deliveries: log files and one digest chain per region. */
export class TrailFactory {
  readonly bucket: string; readonly account: string; readonly trail: string; readonly homeRegion: string;
  readonly keys: KeyPair;
  private readonly root: string;
  private readonly last = new Map<string, GeneratedDigest>();
  private seq = 0;

  constructor(o: TrailOptions = {}) {
    this.bucket = o.bucket ?? 'acme-trail-bucket';
    this.account = o.account ?? '111122223333';
    this.trail = o.trail ?? 'org_audit-trail';
    this.homeRegion = o.homeRegion ?? 'us-east-1';
    this.keys = o.keys ?? makeKeyPair();
    this.root = `${o.prefix ? `${o.prefix}/` : ''}AWSLogs/${o.orgId ? `${o.orgId}/` : ''}${this.account}`;
  }

  /** A gzipped {"Records":[...]} log file delivered at the given time. */
  log(region: string, at: Date, events = 2): GeneratedLog {
    const id = `r${(++this.seq).toString().padStart(15, '0')}`.slice(0, 16);
    const key = `${this.root}/CloudTrail/${region}/${ymd(at)}/${this.account}_CloudTrail_${region}_${stamp(at, false)}_${id}.json.gz`;
    const records = Array.from({ length: events }, (_, i) => ({
      eventVersion: '1.09', eventTime: iso(new Date(at.getTime() - 60_000 * (i + 1))), eventSource: 's3.amazonaws.com', eventName: 'GetObject',
      awsRegion: region, sourceIPAddress: '198.51.100.7', eventID: `${id}-${i}`, eventType: 'AwsApiCall', recipientAccountId: this.account,
    }));
    const uncompressed = Buffer.from(JSON.stringify({ Records: records }));
    return { key, relPath: key, uncompressed, bytes: gzipSync(uncompressed) };
  }

  /**
   * The digest for the hour ending at `end`, listing `logs`, linked to the region's previous digest unless
   * `start` is set (a starting digest) or `previous` overrides the link. Signed with `signWith` (default: the trail's keys).
   */
  digest(region: string, end: Date, logs: GeneratedLog[], o: { start?: boolean; backfill?: boolean; previous?: GeneratedDigest | null; signWith?: KeyPair } = {}): GeneratedDigest {
    const prev = o.start ? null : o.previous !== undefined ? o.previous : (this.last.get(region) ?? null);
    const signer = o.signWith ?? this.keys;
    const key = `${this.root}/CloudTrail-Digest/${region}/${ymd(end)}/${this.account}_CloudTrail-Digest_${region}_${this.trail}_${this.homeRegion}_${stamp(end, true)}${o.backfill ? '_backfill' : ''}.json.gz`;
    const times = logs.flatMap((l) => (JSON.parse(l.uncompressed.toString()) as { Records: Array<{ eventTime: string }> }).Records.map((r) => r.eventTime)).sort();
    const doc = {
      awsAccountId: this.account, digestStartTime: iso(new Date(end.getTime() - 3600_000)), digestEndTime: iso(end),
      digestS3Bucket: this.bucket, digestS3Object: key, digestPublicKeyFingerprint: this.keys.fingerprint, digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: times.at(-1) ?? null, oldestEventTime: times[0] ?? null,
      previousDigestS3Bucket: prev ? this.bucket : null, previousDigestS3Object: prev?.key ?? null,
      previousDigestHashValue: prev ? sha256(prev.uncompressed) : null, previousDigestHashAlgorithm: prev ? 'SHA-256' : null,
      previousDigestSignature: prev?.signature ?? null,
      logFiles: logs.map((l) => ({ s3Bucket: this.bucket, s3Object: l.key, hashValue: sha256(l.uncompressed), hashAlgorithm: 'SHA-256', newestEventTime: iso(end), oldestEventTime: iso(end) })),
    };
    const uncompressed = Buffer.from(awsJson(doc));
    const toSign = `${doc.digestEndTime}\n${doc.digestS3Bucket}/${doc.digestS3Object}\n${sha256(uncompressed)}\n${doc.previousDigestSignature ?? 'null'}`;
    const signature = createSign('RSA-SHA256').update(toSign, 'utf8').sign(signer.privateKey).toString('hex');
    const made: GeneratedDigest = { key, relPath: key, uncompressed, bytes: gzipSync(uncompressed), signature, endTime: doc.digestEndTime, doc };
    if (!o.backfill) this.last.set(region, made);
    return made;
  }

  /** What `aws s3api head-object --query` saves for a digest, in the shape docs/collecting-evidence.md asks for. */
  metadata(d: GeneratedDigest, withKey = true): string {
    const Metadata = { signature: d.signature, 'signature-algorithm': 'SHA256withRSA' };
    return JSON.stringify(withKey ? { bucket: this.bucket, key: d.key, Metadata } : Metadata, null, 4);
  }
}

/** Writes files under dir (the evidence root); returns dir. */
export function writeEvidence(dir: string, files: Array<{ relPath: string; bytes: Buffer | string }>): string {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.relPath)), { recursive: true });
    writeFileSync(join(dir, f.relPath), f.bytes);
  }
  return dir;
}

/** Every file under dir as an integrity input: relative path, absolute path (read from disk, not held in memory). */
export function inputsUnder(dir: string, root = dir): Array<{ relPath: string; path: string }> {
  const out: Array<{ relPath: string; path: string }> = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...inputsUnder(p, root));
    else out.push({ relPath: relative(root, p), path: p });
  }
  return out;
}

/**
 * Two hours of one region's trail, signed, in a fresh evidence folder with the public keys and the newest digest's
 * saved metadata: four files a case verifies as valid (two logs, two digests).
 */
export function signedTrailEvidence(root: string): { f: TrailFactory; l1: GeneratedLog; l2: GeneratedLog; d1: GeneratedDigest; d2: GeneratedDigest } {
  const f = new TrailFactory();
  const start = new Date('2024-05-02T06:10:00Z');
  const l1 = f.log('us-west-2', new Date(start.getTime() - 30 * 60_000));
  const l2 = f.log('us-west-2', new Date(start.getTime() + 30 * 60_000));
  const d1 = f.digest('us-west-2', start, [l1], { start: true });
  const d2 = f.digest('us-west-2', new Date(start.getTime() + 3600_000), [l2]);
  writeEvidence(root, [l1, l2, d1, d2, { relPath: 'saved/keys-us-west-2.json', bytes: publicKeyList([f.keys]) }, { relPath: 'saved/d2-metadata.json', bytes: f.metadata(d2) }]);
  return { f, l1, l2, d1, d2 };
}
