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

/**
 * Rows per row group in the evidence database; DuckDB's default is 122,880. Each inserting thread holds one
 * row group uncompressed until it is full, and a CloudTrail row group with its _raw text is an estimated ~280 MB: at the
 * default, two threads and the write buffer outgrew the memory limit and DuckDB spilled ~150 MB to its temp
 * folder per batch. At 61,440 nothing spills: 1M bench events took 15.9-17.0 CPU-s instead of 17.8-19.3 (INSERT alone, six runs each).
 * ROW_GROUP_SIZE is an ATTACH option, not a setting, and it is not stored in the file: hence the attach.
 */
export const EVIDENCE_ROW_GROUP_ROWS = 61_440;

/** The importer's read-write handle on the case's evidence database. Analyst SQL never gets this handle. */
export async function openEvidenceDb(path: string, opts: EvidenceDbOptions = {}): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const memoryLimit = opts.memoryLimit ?? '768MB';
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // On, for the CSV importer: with it off, DuckDB keeps a transaction's rows in memory per column
    // (~70 KB a column; a 10,000-column CSV, or 500 columns x 100,000 records, runs out of a 1 GB limit).
    // CloudTrail's INSERT runs on every thread either way (measured the same, 10.5 s, since its file table
    // is LEFT JOINed). The configuration is locked once a case is open, so importers cannot switch it.
    preserve_insertion_order: 'true',
    // Per-column ZSTD, used for CloudTrail's _raw (sources/cloudtrail/schema.sql), needs v1.2.0 storage.
    // v1.4.0 adds DICT_FSST, which DuckDB then picks for most text columns: 1M bench CloudTrail events take
    // 302 MB instead of 465, and the 5M-line flow-log import 5.41-5.44 s instead of 5.94-6.01 (CLI,
    // alternated); CloudTrail's import time is unchanged within the noise. The plain FSST stays off (below).
    // A case's file keeps the version it was made with.
    storage_compatibility_version: 'v1.4.0',
    // DuckDB's buffer manager only; the process also holds JSON parse buffers, Node and the page cache's
    // mapped bits. 5M bench CloudTrail events, whole process: 1 GB limit -> 1.56 GiB peak RSS; 896 MB ->
    // 1.44 GiB at first, but 1.39-1.64 GiB (61 s) once the pipeline got faster; 832 MB 1.39-1.45 GiB
    // (62 s); 768 MB 1.29 GiB (64 s). The budget is 1.5 GiB, and peaks vary by ~0.2 GiB run to run.
    // Unlimited: 1.92 GiB at 1M. Before the allocator's background thread (below), the bench's mixed-size
    // set (--cloudtrail-sizes mixed) ran close to the budget: 5M events, 1.15-1.45 GiB over eight CLI runs,
    // and 1.26-1.51 GiB over five in-process runs. 640 MB gave 1.24-1.28 GiB in two in-process runs, but 1M
    // uniform events took longer in three of four alternated CLI pairs (by 0.81, 0.60, 0.03 s; the fourth
    // 0.19 s faster). With the background thread, 896 MB bought no speed at 1M uniform (9.11 s against
    // 9.16 s, medians of four alternated CLI pairs), so 768 MB stays.
    memory_limit: memoryLimit,
    // DuckDB's block pool (1.5, off by default), as large as the buffer manager may use: freed 256 KiB blocks are
    // handed out again with their pages still mapped. Without it they go back to jemalloc, which returns pages to
    // the kernel, and new row groups fault zeroed pages in again; on the 2-core VM these numbers come from, page
    // faults were ~9% of an import's CPU samples. Minor faults with the pool: 1M CloudTrail events 268-285k against
    // 288-351k, 5M mixed-size events 1.03-1.09M against 1.75-1.94M. CLI, alternated pairs, every pair faster: 1M
    // CloudTrail events 13.0 -> 11.9 s (medians of six; user 19.5 -> 18.0 CPU-s, system 5.1 -> 4.5), 5M flow-log
    // lines 8.9 -> 8.0 s (four), 5M mixed-size events 70.2 and 65.7 s -> 57.7 and 53.0 s (two; system 34 -> 23
    // CPU-s). The cost is memory: the pool's pages stay resident while the case is open (RSS 816 MiB instead of 231
    // MiB 20 s after a 1M import, 165 MiB once the case closes), and 5M mixed-size events peak at 1.31-1.33 GiB in
    // the CLI against 1.10-1.14 GiB, at 1,302-1,305 MiB in-process (three runs), and at 1.24 GiB in the bench.
    // Smaller pools, three rounds: 256 MB gained nothing, 512 MB part of it.
    block_allocator_memory: memoryLimit,
    // DuckDB's Linux builds allocate through their own jemalloc, which keeps freed pages for a 5 s decay and,
    // without its background thread, purges them only on DuckDB's own threads, as they allocate and free or
    // go idle. At the peak of a 5M mixed-size import, 0.7-0.95 GiB of the process's anonymous memory was
    // outside the buffer manager's count (duckdb_memory() fell to 69 MiB between batches with RSS at 1.43 GiB); with
    // jemalloc told to purge at once (DUCKDB_JE_MALLOC_CONF=dirty_decay_ms:0) ~0.2 GiB was, and the peak was
    // 1.02 GiB, but 1M events took 17% longer (system time 2.4 -> 5.3 s). With the background thread:
    // in-process peaks 1,189-1,382 MiB over seven runs against 1,325-1,478 over five; CLI peaks 1.20-1.26 GiB
    // against 1.42-1.43 (two alternated pairs, 41.5-41.8 s against 41.4-42.8 s); 1M uniform events 9.19 s
    // against 9.06 s, medians of four alternated CLI pairs (noise). Bench, one run each, before the block pool
    // (above): 5M uniform events peaked at 1.00 GiB, 5M mixed at 1.14 GiB. The switch is process-wide and every DuckDB instance sets it
    // when created, so Cairn creates its instances here only (scripts/lint-layers.mjs checks). Elsewhere
    // (no jemalloc) it does nothing.
    allocator_background_threads: 'true',
    // Presto semantics for analysts (5 / 2 = 2); set here because the configuration is locked once open.
    integer_division: 'true',
  };
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.tempDir) config.temp_directory = opts.tempDir;
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  if (path !== ':memory:') {
    // The catalog keeps the name DuckDBInstance.create(path) gave it: the file name without its extension.
    const catalog = quoteIdent(basename(path, extname(path)));
    await conn.run(`ATTACH ${quoteLiteral(path)} AS ${catalog} (ROW_GROUP_SIZE ${EVIDENCE_ROW_GROUP_ROWS})`);
    await conn.run(`USE ${catalog}`);
  }
  // Evidence times are UTC; a workstation's local zone must never shift them.
  await conn.run("SET GLOBAL TimeZone = 'UTC'");
  // FSST's analysis and compression of every text column took ~3 of the ~22 CPU-s DuckDB spent on 1M
  // CloudTrail events in v1.2.0 storage (sized 337 -> 463 MB without it). In v1.4.0 storage DICT_FSST wins
  // anyway: with FSST on again, two alternated pairs of INSERTs took 13.4-13.7 CPU-s against 13.6-14.3 (noise
  // here), 302 MB either way.
  // Not a DuckDBInstance.create option: it is ignored there.
  await conn.run("SET GLOBAL disabled_compression_methods = 'fsst'");
  // No row-group vacuum at checkpoints. Each import batch ends in partly filled row groups; the checkpoint at
  // close merged and recompressed them: 2.5M bench events took 5.5 s (10.4 CPU-s) to checkpoint after a
  // 35 s import, and 0.02 s without. The cost is some partly filled row groups (and, after a reject sweep,
  // deleted rows kept as tombstones), which scans hardly notice.
  await conn.run('SET GLOBAL max_vacuum_tasks = 0');
  // Query progress (DuckDBConnection.progress) on this connection, which the import reports while a batch's
  // INSERT runs; never drawn on the terminal. Session settings only (not GLOBAL, not a create option), so set
  // here, before the case locks the configuration. 1M bench events, INSERT alone, three alternated pairs:
  // 13.59-13.75 CPU-s with it, 13.74-14.12 without.
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
