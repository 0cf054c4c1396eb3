import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecordArrayLayout, RecordLines } from '../intake/record-lines';
import type { LineNumberingRule, NumberedLines } from '../intake/numbered-lines';

/** What a detector may look at: the first bytes of the validated, decompressed content, and the path as a hint. */
export interface Probe {
  path: string;        // original evidence path (a hint only: never trusted alone)
  relPath: string;
  name: string;        // base name
  head: Buffer;        // first PROBE_BYTES of the decompressed content
  compressed: boolean; // the evidence file was gzip
  size: number;        // decompressed size in bytes
}

export interface Detection {
  format: string;      // e.g. 'cloudtrail', 'cloudtrail-digest', 'vpcflow', 'vpcflow-parquet', 'csv'
  confidence: number;  // 0..1; the registry takes the highest
  importable: boolean; // false: recognised and recorded, holds nothing to import (digests)
  note?: string;       // the stated reason, shown in the manifest, e.g. "CloudTrail digest file"
  /** A possible reading only (e.g. delimited text without a header): never imported without the analyst's choice. */
  tentative?: boolean;
}

/** One evidence file ready to import: its bytes were hashed, gunzip-verified and copied to stagedPath. */
export interface StagedFile {
  evidenceId: number;
  stagedPath: string;  // decompressed bytes, identical to what was hashed/verified; never the evidence itself
  originalPath: string;
  relPath: string;
  size: number;        // bytes of stagedPath
  detection: Detection;
  /** What the source's prepare() made of the file, if it has one (see LogSource.prepare). */
  prepared?: Promise<unknown>;
  /**
   * Set when stagedPath holds the content as record lines (intake/record-lines.ts), which happens only for a
   * source with a recordArray. size stays the content's own size.
   */
  recordLines?: RecordLines;
  /**
   * Set when stagedPath holds the content as numbered lines (intake/numbered-lines.ts), which happens only for
   * a source with numberedLines. size stays the content's own size.
   */
  numberedLines?: NumberedLines;
}

export interface FileImportResult {
  evidenceId: number;
  recordsRead: number;
  imported: number;
  rejected: number;
  tables: string[];
  /** Imported records flagged in cairn_record_flags (e.g. duplicate JSON keys, decision 0030). */
  flagged?: number;
  /** Set when the file as a whole could not be read as its format. Its rows are then not kept. */
  error?: string;
}

export interface ImportContext {
  /** Inside an open transaction owned by the caller; importers never BEGIN/COMMIT. */
  conn: DuckDBConnection;
  signal: AbortSignal;
  /** A private scratch directory inside the case, emptied by the caller. */
  tmpDir: string;
  /** Report records processed, for progress. */
  progress(records: number): void;
  /** Identifiers already used by tables in the evidence db (for CSV table naming). */
  existingTables(): Promise<Set<string>>;
}

/** What prepare() may use: not the connection, which belongs to another batch's transaction meanwhile. */
export type PrepareContext = Pick<ImportContext, 'tmpDir' | 'signal'>;

/**
 * One log source: detect it, own its tables, import batches of its files.
 * Each importer must account for every record: recordsRead = imported + rejected,
 * and write each rejected record to cairn_rejects (see rejects.ts).
 */
export interface LogSource {
  id: string;
  label: string;
  detect(probe: Probe): Detection | null;
  /**
   * A catch-all format (CSV): asked only when no other source recognises the content, since any specific
   * format must win over it anyway. Its sniffing of every file's head cost the main thread ~0.3 s per
   * 2,070 CloudTrail files.
   */
  catchAll?: boolean;
  /**
   * Optional batch size this source imports best with (decompressed bytes / files per transaction; the
   * orchestrator's defaults are 128 MiB and 1,000 files). DuckDB writes an insert straight to compressed
   * row groups only when a transaction adds at least a row group (122,880 rows); smaller ones are copied,
   * logged and compressed again at COMMIT.
   */
  batchBytes?: number;
  batchFiles?: number;
  /**
   * Optional: documents with this layout (one array of objects under the only key) are staged as record
   * lines when they qualify (intake/record-lines.ts); importBatch then finds StagedFile.recordLines set and
   * must check that the reader parsed every line as one JSON value. Content another source claims is
   * restored first.
   */
  recordArray?: RecordArrayLayout;
  /**
   * Optional: plain line-oriented text matching this rule is staged as numbered lines (intake/numbered-lines.ts),
   * and importBatch then finds StagedFile.numberedLines set. Content another source claims is restored first.
   */
  numberedLines?: LineNumberingRule;
  /**
   * Optional Node-side work on one file that needs no database (e.g. rewriting it into what DuckDB reads).
   * The orchestrator calls it as the file joins a batch and stores the promise in StagedFile.prepared, so
   * the work overlaps with DuckDB importing the batch before. importBatch must cope with it missing (a
   * retry after a failed batch prepares again).
   */
  prepare?(ctx: PrepareContext, file: StagedFile): Promise<unknown>;
  /** Idempotent DDL for the source's tables and views (CREATE ... IF NOT EXISTS / OR REPLACE). */
  ensureSchema(conn: DuckDBConnection): Promise<void>;
  /**
   * Import the files. Throwing aborts the whole batch (the caller then retries files one by one);
   * a per-file problem should come back as FileImportResult.error instead.
   */
  importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]>;
}

/**
 * Thrown by importBatch for a lone file it has set up to read another way (e.g. record lines restored to the
 * document they came from). DuckDB has aborted the transaction, so the caller retries the file once, in a
 * new one.
 */
export class ReadAgainError extends Error {}
