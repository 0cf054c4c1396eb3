// CloudWatch Logs: export-to-S3 objects (`time message` lines, gzip) and subscription-filter envelopes
// (gzip or not) into one table, cloudwatch_logs. An export's lines are generic text with a time in front,
// so that claim is weaker than any specific format's: an ELB log (also time-first) stays an ELB log.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Detection, FileImportResult, ImportContext, LogSource, Probe, StagedFile } from '../source';
import { headLines, probeIsWhole } from '../probe-text';
import { detectJson } from '../json-records/detect-json';
import { importJsonFiles } from '../json-records/import-json';
import { CLOUDWATCH_FORMAT } from './format';
import { insertExportSql } from './export-sql';
import { envelopeRecords, EXPORT_LINE, exportRecords } from './records';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
const ENVELOPE_KEYS = ['logGroup', 'logStream', 'logEvents'];
/** Below a specific format's 0.95 by more than the registry's rival margin. */
const EXPORT_CONFIDENCE = 0.7;

export const cloudWatchSource: LogSource = {
  id: CLOUDWATCH_FORMAT.id,
  label: 'CloudWatch Logs (exports and subscription envelopes)',
  detect: (probe) => detectJson(probe, CLOUDWATCH_FORMAT.id, ENVELOPE_KEYS, 'CloudWatch Logs subscription envelope') ?? detectExport(probe),
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    const envelope = new Set<number>();
    for (const file of files) if (startsWithJson(file.stagedPath)) envelope.add(file.evidenceId);
    // Envelopes and exports each read together (json-records/import-json.ts).
    const results = new Map<number, FileImportResult>();
    const envelopes = files.filter((f) => envelope.has(f.evidenceId));
    const exports = files.filter((f) => !envelope.has(f.evidenceId));
    for (const r of [
      ...(envelopes.length ? await importJsonFiles(ctx, envelopes, { format: CLOUDWATCH_FORMAT, records: envelopeRecords }) : []),
      ...(exports.length ? await importJsonFiles(ctx, exports, { format: CLOUDWATCH_FORMAT, records: (staged, copy) => exportRecords(staged, copy), directSql: insertExportSql }) : []),
    ]) results.set(r.evidenceId, r);
    return files.map((f) => results.get(f.evidenceId)!);
  },
};

/** Envelopes are JSON; an export's lines start with a time. Blocking: one small read per file of a batch of thousands (decision 0026). */
function startsWithJson(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.allocUnsafe(4096);
    const bytesRead = readSync(fd, b, 0, b.length, 0);
    const text = b.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return text.startsWith('{') || text.startsWith('[');
  } finally { closeSync(fd); }
}

function detectExport(probe: Probe): Detection | null {
  const lines = headLines(probe.head, probeIsWhole(probe)).filter((l) => l.length > 0).slice(0, 50);
  // A time within the first lines: a file cut from a longer export may start inside a message.
  const at = lines.slice(0, 5).findIndex((l) => EXPORT_LINE.test(l));
  if (at < 0) return null;
  const first = EXPORT_LINE.exec(lines[at]!)!;
  const timed = lines.filter((l) => EXPORT_LINE.test(l)).length;
  const note = `CloudWatch Logs export: lines start with an ISO-8601 time (${first[1]}) and a space; ${timed} of ${lines.length} sampled lines do (the others continue a message)`;
  return at === 0 && timed / lines.length >= 0.5
    ? { format: CLOUDWATCH_FORMAT.id, confidence: EXPORT_CONFIDENCE, importable: true, note }
    : { format: CLOUDWATCH_FORMAT.id, confidence: 0.4, importable: true, tentative: true, note };
}
