import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, promises as fsp, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import type { CaseInfo, EvidenceFile, ParquetExportProgress, ParquetExportSummary } from '../../../shared/types';
import type { Case } from '../case/case';
import { createDuckInstance, quoteIdent, quoteLiteral } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { TOOL_VERSION } from '../version';
import { exportType, type ExportColumn } from './column-types';
import { generateDdl, type ExportedRelation } from './ddl';
import { partitionKeysFor } from './partition-keys';

export const EXPORT_FORMAT = 'cairn-parquet-export';
export const EXPORT_MANIFEST = 'manifest.json';

/**
 * Parquet writer options: ZSTD and row groups of up to 1M rows or 128 MB, sized for Trino and Spark, which split
 * work at row-group bounds (decision 0042). DuckDB 1.5 cannot combine FILE_SIZE_BYTES with PARTITION_BY.
 */
export const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576, ROW_GROUP_SIZE_BYTES '128MB'";

const LIST_TABLES_SQL = "SELECT table_name FROM duckdb_tables() WHERE database_name = 'evidence' AND schema_name = 'main' ORDER BY table_name";
const LIST_VIEWS_SQL = "SELECT view_name, sql FROM duckdb_views() WHERE database_name = 'evidence' AND schema_name = 'main' AND NOT internal ORDER BY view_name";

/** case.sqlite tables exported beside the evidence (name in the export, table in case.sqlite). */
const CASE_TABLES: ReadonlyArray<[string, string]> = [
  ['cairn_manifest', 'evidence'], ['cairn_case_seals', 'evidence_seals'], ['cairn_findings', 'findings'],
  ['cairn_finding_queries', 'finding_queries'], ['cairn_finding_rows', 'finding_rows'], ['cairn_tags', 'tags'],
  ['cairn_finding_tags', 'finding_tags'], ['cairn_notes', 'notes'],
];

/** What the export needs of an open case: read-only views of its parts (exportableCase). */
export interface ExportableCase {
  dir: string; tmpDir: string; duckdbVersion: string;
  info(): CaseInfo;
  audit(action: string, detail: unknown): void;
  evidence(): EvidenceFile[];
  /** Holds the case's committed view of the evidence database (no checkpoint frees blocks) until released. */
  pin(): Promise<() => void>;
  /** A case.sqlite table's declared columns and its rows. */
  caseTable(name: string): { columns: Array<{ name: string; type: string }>; rows: Array<Record<string, unknown>> };
}

export function exportableCase(c: Case): ExportableCase {
  // The import pipeline's handles: the export only reads through them (a pinned view, case.sqlite) and audits.
  const { store, views } = c.forImport();
  return {
    dir: c.dir, tmpDir: c.tmpDir, duckdbVersion: c.duckdbVersion,
    info: () => c.info(),
    audit: (action, detail) => { c.audit(action, detail); },
    evidence: () => c.manifest.evidence(),
    pin: () => views.pin(),
    caseTable: (name) => ({
      columns: store.statement(`PRAGMA table_info(${JSON.stringify(name)})`).all() as Array<{ name: string; type: string }>,
      rows: store.statement(`SELECT * FROM ${JSON.stringify(name)} ORDER BY rowid`).all() as Array<Record<string, unknown>>,
    }),
  };
}

export interface ParquetExportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ParquetExportProgress) => void;
  /** Where the engines will find the export (s3://bucket/prefix, hdfs://..., file:///...); default file://OUT. */
  location?: string;
}

export interface ManifestFile {
  path: string; table: string; sha256: string; bytes: number; rows: number;
  partition: Record<string, string | null>;
  /** The case's evidence files (manifest ids) whose rows this file holds. */
  evidence: number[];
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT; version: 1; tool: string; duckdb: string; exportedAt: string;
  case: { id: string; name: string; examiner: string };
  location: string;
  tables: Array<{ name: string; kind: 'evidence' | 'case'; rows: number; columns: Array<{ name: string; duckdb: string; castToText?: boolean }>; partitions: Array<{ key: string; column: string }> }>;
  views: Array<{ name: string; translated: boolean; reason?: string }>;
  evidence: Array<{ id: number; sha256: string; relPath: string }>;
  files: ManifestFile[];
  ddl: Array<{ path: string; dialect: string; sha256: string }>;
}

/**
 * Exports every table of the case as Hive-partitioned Parquet, the case's own records as small tables, DDL for
 * Athena, Trino, Spark and DuckDB, and a manifest that `cairn verify --export` checks. Reads the evidence on an
 * instance of its own that attaches it READ_ONLY while the case's view is pinned (no checkpoint frees blocks
 * meanwhile), so it cannot change the case and sees one committed state.
 */
export async function exportParquet(open: Case, outDirIn: string, opts: ParquetExportOptions = {}): Promise<ParquetExportSummary> {
  const c = exportableCase(open);
  const started = Date.now();
  const outDir = resolve(outDirIn);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new CairnError('BAD_REQUEST', `${outDir} is not empty; export into a new or empty folder`);
  // Beside the case's own files is fine (its exports/ folder), among them is not.
  if (outDir === c.dir || outDir === c.tmpDir || outDir.startsWith(c.tmpDir + sep) || (c.dir.startsWith(outDir + sep))) throw new CairnError('BAD_REQUEST', `${outDir} holds the case's own files; export into a folder of its own`);
  const signal = opts.signal ?? new AbortController().signal;
  const location = (opts.location ?? `file://${outDir}`).replace(/\/+$/, '');
  mkdirSync(outDir, { recursive: true });
  c.audit('export.parquet.started', { out: outDir, location });
  const release = await c.pin();
  const instance = await createDuckInstance({ memory_limit: '1GB', temp_directory: join(c.tmpDir, 'export-spill'), preserve_insertion_order: 'false' });
  const conn = await instance.connect();
  const onAbort = (): void => conn.interrupt();
  signal.addEventListener('abort', onAbort);
  try {
    await conn.run(`ATTACH ${quoteLiteral(join(c.dir, 'evidence.duckdb'))} AS evidence (READ_ONLY)`);
    const names = (await conn.runAndReadAll(LIST_TABLES_SQL)).getRows().map((r) => String(r[0]));
    const relations: ExportedRelation[] = [];
    const keyExpressions = new Map<string, string[]>();
    const tables: ExportManifest['tables'] = [];
    for (const name of names) {
      const shape = await conn.runAndReadAll(`SELECT * FROM evidence.main.${quoteIdent(name)} LIMIT 0`);
      const types = shape.columnTypes();
      const columns: ExportColumn[] = shape.columnNames().map((n, i) => {
        const t = exportType(types[i]!);
        return t ? { name: n, type: t, duckdb: types[i]!.toString() } : { name: n, type: { kind: 'scalar', name: 'string' }, duckdb: types[i]!.toString(), castToText: true };
      });
      const isEvidence = columns.some((x) => x.name === '_evidence_id') && columns.some((x) => x.name === '_ordinal');
      const keys = isEvidence ? partitionKeysFor(shape.columnNames().map((n, i) => ({ name: n, typeId: types[i]!.typeId })), DuckDBTypeId.DATE) : [];
      const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM evidence.main.${quoteIdent(name)}`)).getRows()[0]![0]);
      relations.push({ name, columns, partitionKeys: keys.map((k) => k.key), kind: isEvidence ? 'evidence' : 'case' });
      keyExpressions.set(name, keys.map((k) => k.expression));
      tables.push({ name, kind: isEvidence ? 'evidence' : 'case', rows, columns: columns.map((x) => ({ name: x.name, duckdb: x.duckdb, ...(x.castToText ? { castToText: true } : {}) })), partitions: keys.map((k) => ({ key: k.key, column: k.column })) });
    }
    const rowsTotal = tables.reduce((n, t) => n + t.rows, 0);
    const progress = { phase: 'tables' as ParquetExportProgress['phase'], table: '', tablesDone: 0, tablesTotal: tables.length + CASE_TABLES.length, rowsDone: 0, rowsTotal };
    const tell = (): void => opts.onProgress?.({ ...progress });
    const written: Array<Omit<ManifestFile, 'sha256' | 'bytes' | 'evidence'>> = [];
    for (let i = 0; i < relations.length; i++) {
      if (signal.aborted) throw cancelled();
      const rel = relations[i]!;
      progress.table = rel.name; tell();
      written.push(...await copyTable(conn, rel, keyExpressions.get(rel.name)!, join(outDir, rel.name)));
      progress.tablesDone++; progress.rowsDone += tables[i]!.rows; tell();
    }
    progress.phase = 'case-tables';
    for (const [name, source] of CASE_TABLES) {
      if (signal.aborted) throw cancelled();
      progress.table = name; tell();
      const { relation, rows } = await copyCaseTable(conn, c, name, source, outDir);
      relations.push(relation);
      tables.push({ name, kind: 'case', rows, columns: relation.columns.map((x) => ({ name: x.name, duckdb: x.duckdb })), partitions: [] });
      written.push({ path: join(outDir, name, 'data_0.parquet'), table: name, rows, partition: {} });
      progress.tablesDone++; tell();
    }
    progress.phase = 'hashing'; progress.table = ''; tell();
    const evidenceOf = await evidenceByFile(conn, outDir, relations.filter((r) => r.kind === 'evidence' && written.some((w) => w.table === r.name)).map((r) => r.name));
    const files: ManifestFile[] = [];
    for (const w of written) {
      if (signal.aborted) throw cancelled();
      const { sha256, bytes } = await hashFile(w.path);
      files.push({ ...w, path: toPosix(relative(outDir, w.path)), sha256, bytes, evidence: evidenceOf.get(resolve(w.path)) ?? [] });
    }
    for (const r of relations) {
      if (!r.partitionKeys.length) continue;
      const mine = written.filter((w) => w.table === r.name);
      r.empty = mine.length === 0;
      r.partitionValues = Object.fromEntries(r.partitionKeys.map((k) => [k, [...new Set(mine.map((w) => w.partition[k] ?? null))].sort()]));
    }
    progress.phase = 'ddl'; tell();
    const viewRows = (await conn.runAndReadAll(LIST_VIEWS_SQL)).getRows().map((r) => ({ name: String(r[0]), sql: String(r[1]) }));
    const ddl = await generateDdl(conn, relations, viewRows, location, (name) => `evidence.main.${quoteIdent(name)}`);
    mkdirSync(join(outDir, 'ddl'), { recursive: true });
    const ddlFiles: ExportManifest['ddl'] = [];
    for (const [dialect, text] of Object.entries(ddl.scripts)) {
      const path = `ddl/${dialect}.sql`;
      writeFileSync(join(outDir, path), text);
      ddlFiles.push({ path, dialect, sha256: createHash('sha256').update(text).digest('hex') });
    }
    const usedIds = new Set(files.flatMap((f) => f.evidence));
    const info = c.info();
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT, version: 1, tool: TOOL_VERSION, duckdb: c.duckdbVersion, exportedAt: new Date().toISOString(),
      case: { id: info.id, name: info.name, examiner: info.examiner }, location, tables, views: ddl.views,
      evidence: c.evidence().filter((e) => usedIds.has(e.id)).map((e) => ({ id: e.id, sha256: e.sha256, relPath: e.relPath })),
      files, ddl: ddlFiles,
    };
    const text = JSON.stringify(manifest, null, 2) + '\n';
    writeFileSync(join(outDir, EXPORT_MANIFEST), text);
    const manifestSha256 = createHash('sha256').update(text).digest('hex');
    writeFileSync(join(outDir, `${EXPORT_MANIFEST}.sha256`), `${manifestSha256}  ${EXPORT_MANIFEST}\n`);
    const summary: ParquetExportSummary = {
      outDir, manifestSha256, files: files.length, rows: rowsTotal, bytes: files.reduce((n, f) => n + f.bytes, 0), elapsedMs: Date.now() - started,
      tables: tables.map((t) => ({ name: t.name, kind: t.kind, rows: t.rows, files: files.filter((f) => f.table === t.name).length, partitions: t.partitions.map((p) => p.key) })),
      untranslatedViews: ddl.views.filter((v) => !v.translated).map((v) => `${v.name}: ${v.reason}`),
    };
    c.audit('export.parquet', { out: outDir, location, manifestSha256, files: summary.files, rows: summary.rows, bytes: summary.bytes });
    progress.phase = 'done'; tell();
    return summary;
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true }); // only a complete export, with its manifest, is left behind
    const err = signal.aborted ? cancelled() : e;
    c.audit('export.parquet.failed', { out: outDir, error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    conn.closeSync();
    instance.closeSync();
    release();
  }
}

function cancelled(): CairnError { return new CairnError('CANCELLED', 'export cancelled; nothing was left in the output folder'); }

/** The SELECT an evidence table is exported with: every column as it is (text where exportType says so), then the keys. */
export function exportSelect(rel: ExportedRelation, keyExpressions: string[], from: string): string {
  const cols = rel.columns.map((x) => (x.castToText ? `CAST(${quoteIdent(x.name)} AS VARCHAR) AS ${quoteIdent(x.name)}` : quoteIdent(x.name)));
  return `SELECT ${[...cols, ...keyExpressions.map((e, i) => `${e} AS ${quoteIdent(rel.partitionKeys[i]!)}`)].join(', ')} FROM ${from}`;
}

/** COPY one table; DuckDB's RETURN_STATS names every file it wrote with its row count and partition values. */
async function copyTable(conn: DuckDBConnection, rel: ExportedRelation, keyExpressions: string[], dir: string): Promise<Array<Omit<ManifestFile, 'sha256' | 'bytes' | 'evidence'>>> {
  const select = exportSelect(rel, keyExpressions, `evidence.main.${quoteIdent(rel.name)}`);
  const partitioned = rel.partitionKeys.length > 0;
  if (!partitioned) mkdirSync(dir, { recursive: true });
  const target = partitioned ? dir : join(dir, 'data_0.parquet');
  const by = partitioned ? `, PARTITION_BY (${rel.partitionKeys.map(quoteIdent).join(', ')}), FILENAME_PATTERN 'data_{i}'` : '';
  const r = await conn.runAndReadAll(`COPY (${select}) TO ${quoteLiteral(target)} (${PARQUET_OPTIONS}${by}, RETURN_STATS)`);
  return r.getRowObjectsJS().map((row) => ({
    path: String(row.filename), table: rel.name, rows: Number(row.count),
    partition: Object.fromEntries(((row.partition_keys as Array<{ key: string; value: string | null }> | null) ?? []).map((p) => [p.key, p.value])),
  }));
}

/** Copies a case.sqlite table through newline-delimited JSON (read with declared types, never inferred). */
async function copyCaseTable(conn: DuckDBConnection, c: ExportableCase, name: string, source: string, outDir: string): Promise<{ relation: ExportedRelation; rows: number }> {
  const { columns: info, rows } = c.caseTable(source);
  const columns: ExportColumn[] = info.map((col) => {
    const t = col.type.toUpperCase();
    const scalar = t.includes('INT') ? 'bigint' : t.includes('REAL') ? 'double' : 'string';
    return { name: col.name, type: { kind: 'scalar', name: scalar }, duckdb: scalar === 'bigint' ? 'BIGINT' : scalar === 'double' ? 'DOUBLE' : 'VARCHAR' };
  });
  const tmp = join(c.tmpDir, `export-${name}.jsonl`);
  await fsp.writeFile(tmp, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  const spec = `{${columns.map((x) => `${quoteLiteral(x.name)}: ${quoteLiteral(x.duckdb)}`).join(', ')}}`;
  const cols = columns.map((x) => quoteIdent(x.name)).join(', ');
  try {
    await conn.run(`COPY (SELECT ${cols} FROM read_json(${quoteLiteral(tmp)}, format = 'newline_delimited', columns = ${spec})) TO ${quoteLiteral(join(dir, 'data_0.parquet'))} (${PARQUET_OPTIONS})`);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { relation: { name, columns, partitionKeys: [], kind: 'case' }, rows: rows.length };
}

/** Which evidence files each written Parquet file holds rows of: one pass over the _evidence_id column only. */
async function evidenceByFile(conn: DuckDBConnection, outDir: string, tables: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const t of tables) {
    const glob = join(outDir, t, '**', '*.parquet');
    const r = await conn.runAndReadAll(`SELECT filename, list(DISTINCT _evidence_id ORDER BY _evidence_id) AS ids FROM read_parquet(${quoteLiteral(glob)}, filename = true, hive_partitioning = false) GROUP BY filename`);
    for (const row of r.getRowObjectsJS()) out.set(resolve(String(row.filename)), ((row.ids as unknown[]) ?? []).filter((x) => x !== null).map(Number));
  }
  return out;
}

export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) { h.update(chunk as Buffer); bytes += (chunk as Buffer).length; }
  return { sha256: h.digest('hex'), bytes };
}

function toPosix(p: string): string { return p.split(sep).join('/'); }
