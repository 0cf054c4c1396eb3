// Imports one text flow-log file (S3 delivery with header, header-less default format, CloudWatch export).
// Accounting: lines = header + imported + rejected, checked for every file; a mismatch fails the file.
import { promises as fsp } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeRejects, type RejectRecord } from '../../duck/rejects';
import { PROBE_BYTES } from '../../intake/stage';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { parseLayout, type TextLayout } from './layout';
import { scanLines, TooManyRejects, type LineReject } from './line-scan';
import { dateFromPath } from './path-date';
import { readRawLines } from './raw-lines';
import {
  buildTextInsert, COUNT_DUCK_REJECTS, CREATE_BAD_LINES, DROP_BAD_LINES, DROP_DUCK_REJECTS, DUCK_REJECTS_LIMIT, SELECT_DUCK_REJECTS, SHIFT_ORDINALS,
} from './text-sql';

export const SOURCE_ID = 'vpcflow';

export async function importTextFile(ctx: ImportContext, file: StagedFile): Promise<FileImportResult> {
  const base = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['vpc_flow_logs'] };
  const head = await readHead(file.stagedPath);
  const layout = parseLayout(head, head.length < PROBE_BYTES);
  if (!layout) return { ...base, error: 'the file does not start with a flow-log header line or default-format (v2) records' };
  const duplicate = layout.fields.find((f, i) => layout.fields.indexOf(f) !== i);
  if (duplicate) return { ...base, error: `the header names the field "${duplicate}" twice` };

  let scan;
  try {
    scan = await scanLines(file.stagedPath, ctx.tmpDir, `vpcflow-${file.evidenceId}.txt`);
  } catch (e) {
    if (e instanceof TooManyRejects) return { ...base, error: e.message };
    throw e;
  }
  try {
    return await importScanned(ctx, file, layout, scan.lines, scan.readPath, scan.rejects);
  } finally {
    }
}

async function importScanned(ctx: ImportContext, file: StagedFile, layout: TextLayout, lines: number, readPath: string, lineRejects: LineReject[]): Promise<FileImportResult> {
  const base = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['vpc_flow_logs'] };
  const headerLines = layout.hasHeader ? 1 : 0;
  const recordsRead = Math.max(0, lines - headerLines);
  const pathDate = dateFromPath(file.relPath, file.originalPath);

  const imported = await insertRows(ctx.conn, readPath, layout, file.evidenceId, pathDate);
  const reasons = new Map<number, string>();
  for (const r of lineRejects) if (r.line > headerLines) reasons.set(r.line, r.reason);
  const duckErrors = Number((await ctx.conn.runAndReadAll(COUNT_DUCK_REJECTS)).getRows()[0]?.[0] ?? 0);
  const duckRejects = await ctx.conn.runAndReadAll(SELECT_DUCK_REJECTS);
  for (const row of duckRejects.getRowObjects()) {
    const line = Number(row.line);
    if (!reasons.has(line)) reasons.set(line, String(row.reason));
  }
  await ctx.conn.run(DROP_DUCK_REJECTS);

  const badLines = [...reasons.keys()].sort((a, b) => a - b);
  if (imported + badLines.length !== recordsRead) {
    const why = duckErrors >= DUCK_REJECTS_LIMIT
      ? `more than ${DUCK_REJECTS_LIMIT} malformed lines: this does not look like a flow-log file in the format its first line describes`
      : `line accounting failed: ${recordsRead} records, ${imported} imported, ${badLines.length} rejected`;
    return { ...base, recordsRead, error: why };
  }
  if (badLines.length > 0) {
    await shiftOrdinals(ctx.conn, file.evidenceId, headerLines, badLines);
    await writeLineRejects(ctx.conn, file, badLines, reasons);
  }
  ctx.progress(recordsRead);
  return { ...base, recordsRead, imported, rejected: badLines.length };
}

async function readHead(path: string): Promise<Buffer> {
  const fd = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(PROBE_BYTES);
    const { bytesRead } = await fd.read(buf, 0, PROBE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/**
 * The single-threaded scan keeps rows in file order so row_number() follows the lines (see text-sql.ts).
 * That needs preserve_insertion_order, which the evidence database keeps on (its configuration is locked
 * against analyst SQL, so importers cannot toggle it).
 */
async function insertRows(conn: DuckDBConnection, path: string, layout: TextLayout, evidenceId: number, pathDate: string | null): Promise<number> {
  const setting = await conn.runAndReadAll(`SELECT current_setting('preserve_insertion_order') AS v`);
  if (setting.getRowObjects()[0]?.v !== true) throw new Error('VPC flow import needs preserve_insertion_order = true on the evidence database');
  await conn.run(DROP_DUCK_REJECTS);
  const result = await conn.runAndReadAll(buildTextInsert(path, layout, evidenceId, pathDate));
  return Number(result.getRows()[0]?.[0] ?? 0);
}

async function shiftOrdinals(conn: DuckDBConnection, evidenceId: number, headerLines: number, badLines: number[]): Promise<void> {
  await conn.run(CREATE_BAD_LINES);
  const appender = await conn.createAppender('_vpcflow_bad_lines');
  try {
    for (const line of badLines) { appender.appendBigInt(BigInt(line)); appender.endRow(); }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await conn.run(SHIFT_ORDINALS, [evidenceId, headerLines]);
  await conn.run(DROP_BAD_LINES);
}

async function writeLineRejects(conn: DuckDBConnection, file: StagedFile, badLines: number[], reasons: Map<number, string>): Promise<void> {
  const raw = await readRawLines(file.stagedPath, badLines);
  const rows: RejectRecord[] = badLines.map((line) => ({
    evidenceId: file.evidenceId, source: SOURCE_ID, ordinal: line, line,
    byteOffset: raw.get(line)?.offset ?? null, reason: reasons.get(line) ?? 'rejected', raw: raw.get(line)?.raw ?? '',
  }));
  await writeRejects(conn, rows);
}
