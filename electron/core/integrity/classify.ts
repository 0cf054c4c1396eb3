// Sorts the inputs by what their content is: digests, public-key lists, saved signature metadata, or other
// files (log files among them). Only small JSON documents are read whole; log files are hashed later, streamed.
import { parseJson, readDocument, sha256Hex, uncompressedHead } from './content';
import { looksLikeDigest, parseDigest, type Digest } from './digest-file';
import { isPublicKeyList, parsePublicKeys, type PublicKey } from './public-keys';
import { parseSignatureMetadata, type SavedSignature } from './signature-metadata';
import type { IgnoredInput, IntegrityInput } from './types';

export interface LoadedDigest {
  input: IntegrityInput;
  /** The uncompressed bytes: their SHA-256 is what the signature and the next digest's hash cover. */
  content: Buffer;
  sha256: string;
  digest: Digest;
}

export interface UnreadableDigest { input: IntegrityInput; reason: string }

export interface Classified {
  digests: LoadedDigest[];
  unreadableDigests: UnreadableDigest[];
  keys: PublicKey[];
  signatures: SavedSignature[];
  others: IntegrityInput[];
  ignored: IgnoredInput[];
}

// Key names that only these documents use, looked for in the first bytes before a whole read.
const DOC_HINT = /"(digestS3Object|digestPublicKeyFingerprint|PublicKeyList|publicKeyList|signature|x-amz-meta-signature|Metadata)"\s*:/i;

export async function classifyInputs(inputs: IntegrityInput[]): Promise<Classified> {
  const out: Classified = { digests: [], unreadableDigests: [], keys: [], signatures: [], others: [], ignored: [] };
  for (const input of inputs) {
    const manifestSaysDigest = input.format === 'cloudtrail-digest';
    // The importer already read these as CloudTrail records: no digest, key list or metadata among them.
    if (input.format === 'cloudtrail') { out.others.push(input); continue; }
    let head: Buffer;
    try { head = await uncompressedHead(input, 8192); } catch (e) { out.ignored.push({ relPath: input.relPath, reason: `cannot be read: ${(e as Error).message}` }); continue; }
    const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (!manifestSaysDigest && (!/^[{[]/.test(text) || !DOC_HINT.test(text))) { out.others.push(input); continue; }
    let content: Buffer;
    try { content = await readDocument(input); } catch (e) {
      if (manifestSaysDigest || /"digestS3Object"/.test(text)) out.unreadableDigests.push({ input, reason: `cannot be read: ${(e as Error).message}` });
      else out.others.push(input);
      continue;
    }
    const doc = parseJson(content);
    if (looksLikeDigest(doc) || manifestSaysDigest || (doc === undefined && /"digestS3Object"/.test(text))) {
      const digest = doc === undefined ? 'not valid JSON' : parseDigest(doc);
      if (typeof digest === 'string') out.unreadableDigests.push({ input, reason: `not a well-formed digest: ${digest}` });
      else out.digests.push({ input, content, sha256: sha256Hex(content), digest });
    } else if (isPublicKeyList(doc)) {
      const parsed = parsePublicKeys(doc, input.relPath);
      out.keys.push(...parsed.keys);
      out.ignored.push(...parsed.problems.map((reason) => ({ relPath: input.relPath, reason })));
    } else {
      const sigs = parseSignatureMetadata(doc, input.relPath);
      if (sigs.length) out.signatures.push(...sigs);
      else out.others.push(input);
    }
  }
  return out;
}
