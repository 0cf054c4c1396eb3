// Imports one Parquet flow-log file (S3 delivery with FileFormat=parquet). Columns are matched to the
// catalogue by name (`account_id` or `account-id`); values that do not fit the Athena type reject the row.
import { promises as fsp } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { writeRejects } from '../../duck/rejects';
import type { FileImportResult, ImportContext, StagedFile } from '../source';
import { lookupField, looksLikeFieldName, normalizeFieldName, type FlowField } from './fields';
import { SOURCE_ID } from './import-text';
import { dateFromPath, dateSql } from './path-date';
import { ALL_FIELDS_TABLE } from './text-sql';

const MIN_KNOWN_COLUMNS = 3;
const MAX_PARQUET_REJECTS = 50_000;

interface Mapped { source: string; sourceType: string; field: FlowField }

export async function importParquetFile(ctx: ImportContext, file: StagedFile): Promise<FileImportResult> {
  const base = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: ['vpc_flow_logs'] };
  const from = `read_parquet(${quoteLiteral(file.stagedPath)}, file_row_number = true)`;
  // A DuckDB error would abort the caller's whole transaction, so an obviously broken file is turned
  // away here, before DuckDB sees it; a subtler corruption throws and the caller retries file by file.
  const broken = await parquetFrameProblem(file.stagedPath);
  if (broken) return { ...base, error: `not a readable Parquet file: ${broken}` };
  const described = await ctx.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file.stagedPath)})`);
  const schema = described.getRowObjects().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const mapped: Mapped[] = [];
  const extras: string[] = [];
  for (const col of schema) {
    const field = lookupField(col.name);
    if (field && !mapped.some((m) => m.field === field)) mapped.push({ source: col.name, sourceType: col.type, field });
    else extras.push(col.name);
  }
  if (mapped.length < MIN_KNOWN_COLUMNS) return { ...base, error: `Parquet file without flow-log columns (has: ${schema.map((c) => c.name).slice(0, 10).join(', ')})` };

  const value = (m: Mapped): string => {
    const src = quoteIdent(m.source);
    const text = m.sourceType === 'VARCHAR' ? `nullif(${src}, '-')` : src;
    return m.field.type === 'VARCHAR' && m.sourceType === 'VARCHAR' ? text : `TRY_CAST(${text} AS ${m.field.type})`;
  };
  const present = (m: Mapped): string => (m.sourceType === 'VARCHAR' ? `nullif(${quoteIdent(m.source)}, '-') IS NOT NULL` : `${quoteIdent(m.source)} IS NOT NULL`);
  const misfit = (m: Mapped): string => `(${value(m)} IS NULL AND ${present(m)})`;
  const checked = mapped.filter((m) => !(m.field.type === 'VARCHAR' && m.sourceType === 'VARCHAR'));
  const bad = checked.length ? checked.map(misfit).join(' OR ') : 'false';
  const start = mapped.find((m) => m.field.column === 'start');
  const date = dateSql(dateFromPath(file.relPath, file.originalPath), start ? value(start) : null);
  const targets = [...mapped.map((m) => quoteIdent(m.field.column)), '"date"', '_evidence_id', '_ordinal'];
  const values = [...mapped.map(value), date, String(file.evidenceId), 'file_row_number + 1'];
  if (extras.length) {
    const keys = extras.map((x) => quoteLiteral(looksLikeFieldName(x) ? normalizeFieldName(x) : x));
    targets.push('_extra_fields');
    values.push(`MAP([${keys.join(', ')}], [${extras.map((x) => `CAST(${quoteIdent(x)} AS VARCHAR)`).join(', ')}])`);
  }

  const total = Number((await ctx.conn.runAndReadAll(`SELECT count(*) FROM ${from}`)).getRows()[0]?.[0] ?? 0);
  const rejected = await ctx.conn.runAndReadAll(
    `SELECT file_row_number + 1 AS ordinal, to_json(p)::VARCHAR AS raw, ${[...checked.map((m) => `${misfit(m)} AS ${quoteIdent('bad_' + m.field.column)}`), 'true AS _any'].join(', ')}
     FROM ${from} AS p WHERE ${bad} ORDER BY ordinal LIMIT ${MAX_PARQUET_REJECTS + 1}`);
  if (rejected.currentRowCount > MAX_PARQUET_REJECTS) return { ...base, recordsRead: total, error: `more than ${MAX_PARQUET_REJECTS} rows with values that do not fit the flow-log column types` };
  const result = await ctx.conn.runAndReadAll(`INSERT INTO ${ALL_FIELDS_TABLE} (${targets.join(', ')}) SELECT ${values.join(', ')} FROM ${from} WHERE NOT (${bad})`);
  const imported = Number(result.getRows()[0]?.[0] ?? 0);
  await writeParquetRejects(ctx.conn, file.evidenceId, rejected.getRowObjects(), mapped);
  const nRejected = rejected.currentRowCount;
  if (imported + nRejected !== total) return { ...base, recordsRead: total, error: `row accounting failed: ${total} rows, ${imported} imported, ${nRejected} rejected` };
  ctx.progress(total);
  return { ...base, recordsRead: total, imported, rejected: nRejected };
}

async function writeParquetRejects(conn: DuckDBConnection, evidenceId: number, rows: Record<string, unknown>[], mapped: Mapped[]): Promise<void> {
  await writeRejects(conn, rows.map((row) => {
    const cols = mapped.filter((m) => row['bad_' + m.field.column] === true).map((m) => `${m.field.column} (${m.field.type})`);
    return {
      evidenceId, source: SOURCE_ID, ordinal: Number(row.ordinal), line: null, byteOffset: null,
      reason: `value does not fit the column type: ${cols.join(', ')}`, raw: String(row.raw),
    };
  }));
}

/** Checks the Parquet frame: PAR1 at both ends and a footer length that fits in the file. */
async function parquetFrameProblem(path: string): Promise<string | null> {
  const fd = await fsp.open(path, 'r');
  try {
    const { size } = await fd.stat();
    if (size < 12) return 'too short';
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    await fd.read(head, 0, 4, 0);
    await fd.read(tail, 0, 8, size - 8);
    if (head.toString('latin1') !== 'PAR1' || tail.toString('latin1', 4) !== 'PAR1') return 'no PAR1 magic at the start and end (truncated or not Parquet)';
    const footer = tail.readUInt32LE(0);
    if (footer === 0 || footer > size - 12) return `footer length ${footer} does not fit in a ${size}-byte file`;
    return null;
  } finally {
    await fd.close();
  }
}
