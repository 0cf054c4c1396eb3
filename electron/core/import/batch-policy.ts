/**
 * Whether a batch is big enough to import now. DuckDB compresses the rows that do not fill a whole row
 * group per thread at COMMIT, on one thread (import-cloudtrail.ts), so a small batch costs up to twice as
 * much per row: a last CloudTrail batch of 235k events ran at 1.4 cores against 1.9. So a full batch goes
 * only when the rest of the import (`bytesLeft`, staged bytes still to come, estimated) fills a batch of
 * its own; otherwise the rest joins it, and an import does not end on a small batch. The last batch can
 * so reach twice the limit; three times is the bound when the estimate is wrong.
 */
export function batchIsDue(bytes: number, files: number, maxBytes: number, maxFiles: number, bytesLeft: number): boolean {
  if (bytes >= 3 * maxBytes || files >= 3 * maxFiles) return true;
  if (bytes < maxBytes && files < maxFiles) return false;
  return bytesLeft >= maxBytes;
}
