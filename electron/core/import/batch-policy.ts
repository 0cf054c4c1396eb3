/**
 * Whether a batch is big enough to import now. A small batch costs up to twice as much per row (DuckDB
 * compresses partly filled row groups at COMMIT, on one thread: decision 0011). So a full batch goes
 * only when the rest of the import (`bytesLeft`, staged bytes still to come, estimated) fills a batch of
 * its own; otherwise the rest joins it, and an import does not end on a small batch. The last batch can
 * so reach twice the limit; three times is the bound when the estimate is wrong.
 */
export function batchIsDue(bytes: number, files: number, maxBytes: number, maxFiles: number, bytesLeft: number): boolean {
  if (bytes >= 3 * maxBytes || files >= 3 * maxFiles) return true;
  if (bytes < maxBytes && files < maxFiles) return false;
  return bytesLeft >= maxBytes;
}
