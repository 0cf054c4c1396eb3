// CloudFront standard logs: a #Version/#Fields header, then one TAB-separated line per request. The header
// decides the columns file by file; a file whose later #Fields header differs is refused whole.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../duck/evidence-db';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../source';
import { PROBE_BYTES } from '../../intake/stage';
import { headLines, probeIsWhole } from '../probe-text';
import { detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { formatFor, readHeader, unknownFields, type CloudFrontHeader } from './fields';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
const isHeader = (line: Buffer | string): boolean => line[0] === 0x23 || line[0] === '#';

export const cloudFrontSource: LogSource = {
  id: 'cloudfront',
  label: 'CloudFront standard logs',
  detect(probe) {
    if (probe.head[0] !== 0x23) return null; // '#'
    const header = readHeader(headLines(probe.head, probeIsWhole(probe)));
    if (!header) return null;
    return detectLines(probe, formatFor(header),
      () => `CloudFront standard log: #Version ${header.version} header naming ${header.fields.length} TAB-separated fields (date, time, ...)`, (l) => isHeader(l));
  },
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    const specs = new Map<number, LineImport>();
    const results = new Map<number, FileImportResult>();
    for (const file of files) {
      const header = readHeader(firstLines(file.stagedPath));
      if (!header) results.set(file.evidenceId, { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['cloudfront_logs'], error: 'no CloudFront #Version/#Fields header at the top of the file' });
      else specs.set(file.evidenceId, specFor(header, file));
    }
    // Files with the same #Fields header share one format and are read together (import-lines.ts).
    const readable = files.filter((f) => specs.has(f.evidenceId));
    for (const r of await importLineFiles(ctx, readable, (f) => specs.get(f.evidenceId)!)) results.set(r.evidenceId, r);
    return files.map((f) => results.get(f.evidenceId)!);
  },
};

function specFor(header: CloudFrontHeader, file: StagedFile): LineImport {
  return {
    format: formatFor(header),
    isHeader: (l) => isHeader(l),
    checkHeaders: (headers) => differentFields(header, headers),
    constants: () => [
      { name: 'request_ts', sql: requestTs(header) },
      literal('distribution_id', /^([A-Z0-9]{6,20})\.\d{4}-\d{2}-\d{2}-\d{2}\./.exec(basename(file.originalPath))?.[1] ?? null),
      { name: '_unknown_fields', sql: unknownJson(header) },
    ],
  };
}

/** Blocking: one small read per file of a batch of thousands (decision 0026). */
function firstLines(path: string): readonly string[] {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.allocUnsafe(PROBE_BYTES);
    const bytesRead = readSync(fd, b, 0, PROBE_BYTES, 0);
    return headLines(b.subarray(0, bytesRead), false);
  } finally { closeSync(fd); }
}

/** A concatenation of files written with different field lists cannot be read with one header. */
function differentFields(header: CloudFrontHeader, headers: string[]): string | null {
  const other = headers.filter((h) => h.startsWith('#Fields:')).find((h) => h.slice(8).split(/[\s\u200b]+/).filter(Boolean).join('\t') !== header.fields.join('\t'));
  return other ? `a later #Fields header names other fields than the first (${JSON.stringify(other.slice(0, 80))}): import the parts separately` : null;
}

function requestTs(header: CloudFrontHeader): string {
  const d = header.fields.indexOf('date');
  const t = header.fields.indexOf('time');
  return `TRY_CAST(g.f${d} || ' ' || g.f${t} AS TIMESTAMP)`;
}

function unknownJson(header: CloudFrontHeader): string {
  const unknown = unknownFields(header);
  if (unknown.length === 0) return 'NULL';
  return `json_object(${unknown.map((u) => `${quoteLiteral(u.name)}, g.${u.group}`).join(', ')})`;
}
