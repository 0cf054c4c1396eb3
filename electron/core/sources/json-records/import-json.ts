// Imports JSON-record files one at a time (records.ts numbers them, json-sql.ts checks and inserts them).
// Accounting, checked per file: records read = imported + rejected (blank lines between JSON lines are
// rejected as such); a mismatch fails the file rather than under-report.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { readRawLines } from '../vpc-flow/raw-lines';
import type { JsonFormat } from './format';
import { countNotAsWrittenSql, deleteFileRowsSql, insertJsonSql, rejectedJsonSql } from './json-sql';
import { takeMarked } from '../line-format/import-lines';
import { DocumentError, writeRecordLines, type RecordsLayout } from './records';

export interface JsonImport {
  format: JsonFormat;
  /** Keys of a document object that hold its records (e.g. GuardDuty's `findings`). */
  wrappers?: string[];
  /** Key of a document object that holds its one record (an AWS Config change notification's configurationItem). */
  unwrapObject?: string;
  /** Keep each record's JSON text in `_raw` (formats whose nested keys the DDL cannot all name). */
  raw?: boolean;
  /** Writes the numbered copy itself, for layouts records.ts does not know (CloudWatch envelopes and exports). */
  records?(stagedPath: string, copyPath: string, size: number): Promise<RecordsLayout>;
}

export async function importJsonFiles(ctx: ImportContext, files: StagedFile[], spec: JsonImport): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const file of files) {
    ctx.signal.throwIfAborted();
    results.push(await importJsonFile(ctx, file, spec));
  }
  return results;
}

async function importJsonFile(ctx: ImportContext, file: StagedFile, spec: JsonImport): Promise<FileImportResult> {
  const { format } = spec;
  const base: FileImportResult = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [format.table] };
  const copyPath = join(ctx.tmpDir, `${format.id}-${file.evidenceId}.records`);
  let directPath: string | undefined;
  try {
    let layout: RecordsLayout | string = await layoutOf(() => spec.records ? spec.records(file.stagedPath, copyPath, file.size) : writeRecordLines(file.stagedPath, copyPath, file.size, spec.wrappers, spec.unwrapObject));
    // A layout whose check fails is read once more as its `otherwise` says, which has no check (decision 0024).
    for (;;) {
      if (typeof layout === 'string') return { ...base, error: layout };
      const reasons = new Map(layout.kind === 'lines' ? layout.text.rejects : layout.rejects);
      const recordsRead = layout.kind === 'lines' ? layout.text.lines : layout.records;
      const direct = layout.kind === 'lines' ? layout.direct : undefined;
      const asWritten = layout.kind === 'lines' ? layout.asWritten : undefined;
      directPath = direct?.path;
      let imported = 0;
      if (direct && direct.records > 0) {
        imported = Number((await ctx.conn.run(direct.insertSql(file.evidenceId))).rowsChanged);
        if (imported !== direct.records) return { ...base, recordsRead, error: `record accounting failed: ${direct.records} records written for DuckDB, ${imported} inserted` };
      }
      const numbered = recordsRead - reasons.size - (direct?.records ?? 0);
      if (numbered > 0) {
        const inserted = Number((await ctx.conn.run(insertJsonSql(copyPath, format, file.evidenceId, spec.raw ?? false, asWritten?.sql))).rowsChanged);
        if (asWritten && Number((await ctx.conn.runAndReadAll(countNotAsWrittenSql(format.table, file.evidenceId))).getRowObjects()[0]?.n ?? 0) > 0) {
          await ctx.conn.run(deleteFileRowsSql(format.table, file.evidenceId));
          const other = asWritten.otherwise;
          layout = await layoutOf(() => other());
          continue;
        }
        const marked = await takeMarked(ctx, format.table, file.evidenceId);
        imported += inserted - marked;
        // Only a file with records to reject is read a second time, for their reasons (decision 0017).
        if (marked > 0) {
          for (const row of (await ctx.conn.runAndReadAll(rejectedJsonSql(copyPath, format, spec.raw ?? false))).getRowObjects()) reasons.set(Number(row.line), String(row.reason));
        }
      }
      if (imported + reasons.size !== recordsRead) {
        return { ...base, recordsRead, error: `record accounting failed: ${recordsRead} records, ${imported} imported, ${reasons.size} rejected` };
      }
      if (reasons.size > 0) {
        const ordinals = [...reasons.keys()].sort((a, b) => a - b);
        const lines = layout.kind === 'lines' ? await readRawLines(file.stagedPath, ordinals) : null;
        const doc = layout.kind === 'document' ? layout : null;
        await writeRejects(ctx.conn, ordinals.map((n) => ({
          evidenceId: file.evidenceId, source: format.id, ordinal: n, line: lines ? n : null,
          byteOffset: lines ? lines.get(n)?.offset ?? null : null, reason: reasons.get(n)!,
          raw: lines ? lines.get(n)?.raw ?? '' : doc ? doc.raw.get(n) ?? '' : '',
        })));
      }
      ctx.progress(recordsRead);
      return { ...base, recordsRead, imported, rejected: reasons.size };
    }
  } finally {
    await fsp.rm(copyPath, { force: true });
    if (directPath) await fsp.rm(directPath, { force: true });
  }
}

/** A layout, or the reason the file as a whole cannot be read as records. */
async function layoutOf(make: () => Promise<RecordsLayout>): Promise<RecordsLayout | string> {
  try { return await make(); } catch (e) {
    if (e instanceof DocumentError) return e.message;
    throw e;
  }
}
