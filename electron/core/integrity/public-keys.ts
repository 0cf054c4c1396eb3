// Saved `aws cloudtrail list-public-keys` output. The CLI prints `PublicKeyList` (the docs' example shows
// `publicKeyList`), times as epoch seconds (CLI v1, sometimes quoted) or ISO-8601 (CLI v2), and `Value` as
// base64 DER: PKCS#1 RSAPublicKey as the docs say, though one docs example is an X.509 SubjectPublicKeyInfo.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export interface PublicKey {
  fingerprint: string;
  key: KeyObject;
  validFrom: string | null;
  validTo: string | null;
  relPath: string;
}

export interface ParsedKeys { keys: PublicKey[]; problems: string[] }

/** True when the JSON is a list-public-keys result (content decides, not the file name). */
export function isPublicKeyList(doc: unknown): boolean {
  const list = keyListOf(doc);
  return Array.isArray(list) && list.length > 0 && list.every((k) => isRecord(k) && typeof k.Value === 'string');
}

function keyListOf(doc: unknown): unknown {
  if (!isRecord(doc)) return undefined;
  return doc.PublicKeyList ?? doc.publicKeyList;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys by fingerprint. The fingerprint is recomputed as the MD5 of the DER bytes (it is, for every key in
 * the AWS docs), so a key list edited to pair a foreign key with AWS's fingerprint is refused, not trusted.
 */
export function parsePublicKeys(doc: unknown, relPath: string): ParsedKeys {
  const out: ParsedKeys = { keys: [], problems: [] };
  const list = keyListOf(doc);
  if (!Array.isArray(list)) return { keys: [], problems: [`${relPath}: no PublicKeyList`] };
  list.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.Value !== 'string') { out.problems.push(`${relPath}: key ${i + 1} has no Value`); return; }
    const der = Buffer.from(entry.Value, 'base64');
    const fingerprint = createHash('md5').update(der).digest('hex');
    const claimed = typeof entry.Fingerprint === 'string' ? entry.Fingerprint.toLowerCase() : null;
    if (claimed && claimed !== fingerprint) {
      out.problems.push(`${relPath}: key ${i + 1} claims fingerprint ${claimed} but its value's MD5 is ${fingerprint}; not used`);
      return;
    }
    const key = loadRsaKey(der);
    if (!key) { out.problems.push(`${relPath}: key ${i + 1} (${fingerprint}) is not a DER RSA public key`); return; }
    out.keys.push({ fingerprint, key, validFrom: isoTime(entry.ValidityStartTime), validTo: isoTime(entry.ValidityEndTime), relPath });
  });
  return out;
}

function loadRsaKey(der: Buffer): KeyObject | null {
  for (const type of ['pkcs1', 'spki'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch { /* try the other encoding */ }
  }
  return null;
}

/** Epoch seconds (number or numeric string) or an ISO-8601 string, as ISO-8601 UTC. */
export function isoTime(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString();
  if (typeof v !== 'string' || v.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return new Date(Number(v) * 1000).toISOString();
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
