import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const BASE_SCHEMA = readFileSync(join(__dirname, 'base-schema.sql'), 'utf8');

export interface EvidenceDbOptions {
  /** e.g. '2GB'. Without a limit DuckDB's memory grows with the batch (see notes/duckdb-facts.md). */
  memoryLimit?: string;
  threads?: number;
  tempDir?: string;
}

/** Rows per row group: smaller than DuckDB's default so CloudTrail inserts do not spill (decision 0002). */
export const EVIDENCE_ROW_GROUP_ROWS = 61_440;

/** Settings every Cairn DuckDB instance has (decision 0002 has the measurements). */
const COMMON_CONFIG: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  // Process-wide in jemalloc: every instance sets it, so instances are created here only (lint checks).
  allocator_background_threads: 'true',
  // Presto semantics for analysts (5 / 2 = 2); set at creation because the configuration gets locked.
  integer_division: 'true',
};

/** Creates a DuckDB instance with Cairn's common settings; evidence times are UTC whatever the workstation's zone. */
export async function createDuckInstance(config: Record<string, string>): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(':memory:', { ...COMMON_CONFIG, ...config });
  const conn = await instance.connect();
  try {
    await conn.run("SET GLOBAL TimeZone = 'UTC'");
  } finally {
    conn.closeSync();
  }
  return instance;
}

/** The importer's read-write handle on the case's evidence database. Analyst SQL never gets this handle. */
export async function openEvidenceDb(path: string, opts: EvidenceDbOptions = {}): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const memoryLimit = opts.memoryLimit ?? '768MB';
  const config: Record<string, string> = {
    preserve_insertion_order: 'true', // the CSV importer's memory (decision 0002)
    storage_compatibility_version: 'v1.4.0', // per-column ZSTD and DICT_FSST (decision 0002)
    memory_limit: memoryLimit, // keeps a 5M-event import under 1.5 GiB RSS (decision 0002)
    block_allocator_memory: memoryLimit, // freed blocks keep their pages: far fewer page faults (decision 0002)
  };
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.tempDir) config.temp_directory = opts.tempDir;
  const instance = await createDuckInstance(config);
  const conn = await instance.connect();
  if (path !== ':memory:') {
    // ROW_GROUP_SIZE is an ATTACH option, not stored in the file; the catalog is named after the file.
    const catalog = quoteIdent(basename(path, extname(path)));
    await conn.run(`ATTACH ${quoteLiteral(path)} AS ${catalog} (ROW_GROUP_SIZE ${EVIDENCE_ROW_GROUP_ROWS})`);
    await conn.run(`USE ${catalog}`);
  }
  await conn.run("SET GLOBAL disabled_compression_methods = 'fsst'"); // not a create option (decision 0002)
  await conn.run('SET GLOBAL max_vacuum_tasks = 0'); // no row-group merging at checkpoints (decision 0002)
  // Cairn checkpoints itself, only while no analyst view of the file is held (decision 0001).
  await conn.run("SET GLOBAL checkpoint_threshold = '1TB'");
  // Query progress of a running INSERT, never drawn on the terminal; session settings, set before the lock.
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  await conn.run(BASE_SCHEMA);
  return { instance, conn };
}

export async function duckdbVersion(conn: DuckDBConnection): Promise<string> {
  const r = await conn.runAndReadAll('SELECT version() AS v');
  return String(r.getRowObjects()[0]?.v ?? 'unknown');
}

/** Quote an identifier for DuckDB SQL. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Quote a string literal for DuckDB SQL (paths we generate ourselves). */
export function quoteLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
