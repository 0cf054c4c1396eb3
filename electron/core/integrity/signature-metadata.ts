// Saved S3 object metadata carrying a digest's own signature (CloudTrail puts it in the object's metadata,
// not in the file). Accepted shapes, one object or an array of them:
//   {"bucket": "...", "key": "AWSLogs/.../x.json.gz", "Metadata": {"signature": "...", "signature-algorithm": "SHA256withRSA"}}
//   the whole `aws s3api head-object` output ({"Metadata": {...}, ...}), or just its Metadata
//   ({"signature": ..., "signature-algorithm": ...}), or header names ({"x-amz-meta-signature": ...}).
// Without a key the signature is matched by trying it: it verifies over exactly one digest.

export interface SavedSignature {
  /** S3 key (and bucket) the metadata was read from, when the collector saved them. */
  key: string | null;
  bucket: string | null;
  signature: string;
  algorithm: string | null;
  relPath: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX = /^[0-9a-fA-F]+$/;

function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

function one(entry: unknown, relPath: string): SavedSignature | null {
  if (!isRecord(entry)) return null;
  const top = lowerKeys(entry);
  const meta = isRecord(top.metadata) ? lowerKeys(top.metadata) : top;
  const signature = meta.signature ?? meta['x-amz-meta-signature'];
  if (typeof signature !== 'string' || !HEX.test(signature.trim()) || signature.trim().length < 64) return null;
  const algorithm = meta['signature-algorithm'] ?? meta['x-amz-meta-signature-algorithm'];
  const key = top.key ?? top.s3key ?? top.digests3object;
  const bucket = top.bucket ?? top.s3bucket ?? top.digests3bucket;
  return {
    signature: signature.trim().toLowerCase(), algorithm: typeof algorithm === 'string' ? algorithm : null,
    key: typeof key === 'string' ? key.replace(/^\/+/, '') : null, bucket: typeof bucket === 'string' ? bucket : null, relPath,
  };
}

/** The saved signatures in a JSON document; empty when it holds none (content decides, not the name). */
export function parseSignatureMetadata(doc: unknown, relPath: string): SavedSignature[] {
  const entries = Array.isArray(doc) ? doc : [doc];
  const found = entries.map((e) => one(e, relPath));
  return found.every((s) => s !== null) ? (found as SavedSignature[]) : [];
}
