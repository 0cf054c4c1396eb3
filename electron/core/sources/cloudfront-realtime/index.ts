// CloudFront real-time logs (Kinesis Data Streams, often landed in S3 by Firehose): TAB-separated records of
// the fields the analyst chose in AWS, with no header. The field list comes from the analyst (`cairn import
// --as cloudfront-realtime --fields a,b,...`), from a #Fields header when a file has one, or from the default
// full field list when every sampled line fits it; otherwise the file needs a decision, never a guess.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../duck/evidence-db';
import type { Detection, FileImportResult, ImportContext, LogSource, Probe, StagedFile } from '../source';
import { detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { headLines, probeIsWhole } from '../probe-text';
import { checkFieldList, DEFAULT_FIELDS, formatFor, isKnownField } from './fields';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
const ID = 'cloudfront-realtime';
const isHeader = (line: Buffer | string): boolean => line[0] === 0x23 || line[0] === '#';
/** Epoch seconds with milliseconds, then an address: how a record of the default field list starts. */
const DEFAULT_START = /^\d{10}\.\d{3}\t[0-9A-Fa-f.:]+\t/;
const HOW = `--as ${ID} --fields f1,f2,... (the fields of the real-time log configuration, in the order the developer guide lists them)`;

function headerFields(lines: readonly string[]): string[] | null {
  if (!/^#Version:/.test(lines[0] ?? '')) return null;
  const fields = /^#Fields:\s*(.*)$/.exec(lines[1] ?? '')?.[1]?.split(/[\s\u200b]+/).filter(Boolean);
  return fields && fields.includes('timestamp') && !fields.includes('date') ? fields : null;
}

/** A reading that the analyst must complete (the field list), offered as a candidate, never imported as it is. */
function undecided(why: string): Detection {
  return { format: ID, confidence: 0.5, importable: true, tentative: true, needs: `${why}; give the field list: ${HOW}`, note: `CloudFront real-time log? ${why}; its field list must be given (--fields)` };
}

function detect(probe: Probe): Detection | null {
  if (probe.head.length === 0 || probe.head[0] === 0x7b || probe.head[0] === 0x5b) return null;
  const lines = headLines(probe.head, probeIsWhole(probe));
  const first = lines.find((l) => l.length > 0 && !isHeader(l));
  if (first === undefined || !first.includes('\t')) return null;
  const n = first.split('\t').length;
  const read = (fields: readonly string[], why: string): Detection | null => {
    const d = detectLines(probe, formatFor(fields), () => `CloudFront real-time log: ${why}`, isHeader);
    return d ? { ...d, fields: [...fields] } : null;
  };
  if (probe.fields) {
    const bad = checkFieldList(probe.fields);
    if (bad) return undecided(bad);
    if (probe.fields.length !== n) return undecided(`the given field list names ${probe.fields.length} fields, the first record has ${n}`);
    return read(probe.fields, `${n} TAB-separated fields as the analyst listed them (${probe.fields.slice(0, 3).join(', ')}, ...)`);
  }
  const header = headerFields(lines);
  if (header) return read(header, `a #Fields header names ${header.length} TAB-separated fields (${header.slice(0, 3).join(', ')}, ...)`);
  if (!DEFAULT_START.test(first)) return null;
  if (n !== DEFAULT_FIELDS.length) return undecided(`${n} TAB-separated fields starting with an epoch time and an address, but the field list is not in the file and is not the default full list (${DEFAULT_FIELDS.length})`);
  const d = read(DEFAULT_FIELDS, `${n} TAB-separated fields, no header; the default full field list (timestamp, c-ip, ... cs-headers-count) fits: an epoch time, then an address`);
  return d && !d.tentative ? d : undecided(`${n} TAB-separated fields, but not every sampled line fits the default full field list`);
}

export const cloudFrontRealtimeSource: LogSource = {
  id: ID,
  label: 'CloudFront real-time logs',
  detect,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    const results = new Map<number, FileImportResult>();
    for (const file of files) {
      if (!file.detection.fields) results.set(file.evidenceId, { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['cloudfront_realtime_logs'], error: `no field list for this file: ${HOW}` });
    }
    // Files with the same field list share one format and are read together (import-lines.ts).
    const readable = files.filter((f) => f.detection.fields);
    for (const r of await importLineFiles(ctx, readable, (f) => specFor(f.detection.fields!))) results.set(r.evidenceId, r);
    return files.map((f) => results.get(f.evidenceId)!);
  },
};

function specFor(fields: readonly string[]): LineImport {
  const ts = fields.indexOf('timestamp');
  const unknown = fields.map((name, i) => ({ name, group: `f${i}` })).filter((f) => !isKnownField(f.name));
  return {
    format: formatFor(fields),
    isHeader: (l) => isHeader(l),
    constants: () => [
      { name: 'request_ts', sql: ts < 0 ? 'NULL' : `make_timestamp(CAST(round(TRY_CAST(g.f${ts} AS DOUBLE) * 1000000) AS BIGINT))` },
      { name: '_unknown_fields', sql: unknown.length ? `json_object(${unknown.map((u) => `${quoteLiteral(u.name)}, g.${u.group}`).join(', ')})` : 'NULL' },
      literal('_field_list', fields.join(',')),
    ],
  };
}
