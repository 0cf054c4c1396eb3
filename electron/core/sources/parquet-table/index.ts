import { closeSync, openSync, readFileSync, readSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import { ROW_HASH_COLUMN } from '../../duck/seals';
import type { Detection, FileImportResult, ImportContext, LogSource, Probe, StagedFile } from '../source';

export const PARQUET_TABLE_FORMAT = 'cairn-table-parquet';
const SCHEMA_SQL = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
/** The Hive keys a Cairn export adds (export/partition-keys.ts); a CTAS of `SELECT *` writes them into the file. */
const PARTITION_KEYS = new Set(['p_account', 'p_region', 'p_date']);
const PROVENANCE = ['_evidence_id', '_ordinal'];
/** A footer larger than this is not read while detecting (the schema of a Cairn table is a few KiB). */
const MAX_FOOTER = 16 * 1024 * 1024;

/**
 * Parquet files holding one of Cairn's evidence tables: a Cairn export (`cairn export parquet`) or an Athena
 * CTAS/UNLOAD result with the same schema. Detected by the provenance columns `_evidence_id` and `_ordinal`
 * in the footer's schema; the table is never guessed: at import the file's columns must be exactly one
 * evidence table's columns (partition keys aside), or the file fails with the reason.
 */
export const parquetTableSource: LogSource = {
  id: 'parquet-table',
  label: 'Cairn table as Parquet (Cairn export, Athena CTAS/UNLOAD)',
  detect: detectParquetTable,
  async ensureSchema(conn: DuckDBConnection): Promise<void> { await conn.run(SCHEMA_SQL); },
  async importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]> {
    const out: FileImportResult[] = [];
    for (const f of files) {
      ctx.signal.throwIfAborted();
      out.push(await importParquetTable(ctx, f));
    }
    return out;
  },
};

export function detectParquetTable(probe: Probe): Detection | null {
  if (probe.head.length < 4 || probe.head.toString('latin1', 0, 4) !== 'PAR1') return null;
  const schema = footerText(probe);
  if (schema === null || !PROVENANCE.every((c) => schema.includes(c))) return null;
  return { format: PARQUET_TABLE_FORMAT, confidence: 0.97, importable: true, note: 'Parquet with Cairn\'s provenance columns (_evidence_id, _ordinal): a Cairn table (table matched by its columns at import)' };
}

/** The footer (where Parquet keeps the schema) as text: from the head for a small file, else from the file's end. */
function footerText(probe: Probe): string | null {
  if (probe.head.length >= probe.size) return probe.head.toString('latin1');
  if (probe.compressed) return null; // the evidence file's tail is gzip, not the footer
  let fd: number | undefined;
  try {
    fd = openSync(probe.path, 'r');
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4) !== 'PAR1') return null;
    const len = tail.readUInt32LE(0);
    if (len === 0 || len > MAX_FOOTER || len > size - 12) return null;
    const footer = Buffer.alloc(len);
    readSync(fd, footer, 0, len, size - 8 - len);
    return footer.toString('latin1');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// Generated columns (the flow tables' day) are in the files but computed here: told apart by their definition.
const EVIDENCE_COLUMNS_SQL = `
  SELECT c.table_name, list(c.column_name ORDER BY c.column_index) AS columns,
         list(c.column_name) FILTER (WHERE c.column_default IS NOT NULL AND regexp_matches(t.sql, '(?i)"?' || c.column_name || '"?\\s+[A-Z]+\\s+GENERATED\\s+ALWAYS')) AS generated
  FROM duckdb_columns() AS c JOIN duckdb_tables() AS t ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
  WHERE c.database_name = current_database() AND c.schema_name = 'main'
  GROUP BY c.table_name HAVING list_contains(list(c.column_name), '_evidence_id') AND list_contains(list(c.column_name), '_ordinal')`;

async function importParquetTable(ctx: ImportContext, file: StagedFile): Promise<FileImportResult> {
  const base = { evidenceId: file.evidenceId, recordsRead: 0, imported: 0, rejected: 0, tables: [] as string[] };
  const from = `read_parquet(${quoteLiteral(file.stagedPath)}, file_row_number = true, hive_partitioning = false)`;
  let fileColumns: string[];
  try {
    fileColumns = (await ctx.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file.stagedPath)}, hive_partitioning = false)`)).getRowObjects().map((r) => String(r.column_name));
  } catch (e) {
    return { ...base, error: `not a readable Parquet file: ${(e as Error).message.split('\n')[0]}` };
  }
  // A stored row hash (duck/seals.ts) is Cairn's own, not evidence: neither matched nor copied; the rows are sealed from their values.
  const wanted = fileColumns.filter((c) => !PARTITION_KEYS.has(c.toLowerCase()) && c.toLowerCase() !== ROW_HASH_COLUMN);
  const key = (cols: string[]): string => cols.map((c) => c.toLowerCase()).sort().join('\u0000');
  const tables = (await ctx.conn.runAndReadAll(EVIDENCE_COLUMNS_SQL)).getRowObjectsJS()
    .map((r) => ({ name: String(r.table_name), columns: (r.columns as string[]).map(String).filter((c) => c !== ROW_HASH_COLUMN), generated: new Set(((r.generated as string[] | null) ?? []).map(String)) }));
  const matches = tables.filter((t) => key(t.columns) === key(wanted));
  if (matches.length !== 1) {
    return { ...base, error: matches.length === 0
      ? `its columns are no Cairn table's columns (${wanted.length} columns: ${wanted.slice(0, 8).join(', ')}${wanted.length > 8 ? ', ...' : ''})`
      : `its columns fit several tables (${matches.map((m) => m.name).join(', ')})` };
  }
  const table = matches[0]!;
  const byLower = new Map(wanted.map((c) => [c.toLowerCase(), c]));
  const data = table.columns.filter((c) => !PROVENANCE.includes(c) && !table.generated.has(c));
  const targets = [...data.map(quoteIdent), '_evidence_id', '_ordinal'];
  // Values are cast to the table's types (Athena writes JSON as text, for one); a value that does not fit fails the file.
  const values = [...data.map((c) => quoteIdent(byLower.get(c.toLowerCase())!)), String(file.evidenceId), 'file_row_number + 1'];
  const total = Number((await ctx.conn.runAndReadAll(`SELECT count(*) FROM ${from}`)).getRows()[0]?.[0] ?? 0);
  const inserted = await ctx.conn.runAndReadAll(`INSERT INTO ${quoteIdent(table.name)} (${targets.join(', ')}) SELECT ${values.join(', ')} FROM ${from}`);
  const imported = Number(inserted.getRows()[0]?.[0] ?? 0);
  await ctx.conn.run(`INSERT INTO cairn_parquet_origin SELECT ${file.evidenceId}, file_row_number + 1, ${quoteLiteral(table.name)}, ${quoteIdent(byLower.get('_evidence_id')!)}, ${quoteIdent(byLower.get('_ordinal')!)} FROM ${from}`);
  ctx.progress(total);
  if (imported !== total) return { ...base, recordsRead: total, error: `row accounting failed: ${total} rows, ${imported} imported` };
  return { ...base, recordsRead: total, imported, tables: [table.name] };
}
