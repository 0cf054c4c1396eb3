import type { DuckDBConnection } from '@duckdb/node-api';
import type { FormRule, StagedForm } from '../intake/staged-form';

/** What a detector may look at: the first bytes of the validated, decompressed content, and the path as a hint. */
export interface Probe {
  path: string;        // original evidence path (a hint only: never trusted alone)
  relPath: string;
  name: string;        // base name
  head: Buffer;        // first PROBE_BYTES of the decompressed content
  compressed: boolean; // the evidence file was gzip
  size: number;        // decompressed size in bytes
  /** The field list the analyst gave for this run (`cairn import --fields`), for formats whose files do not say it. */
  fields?: readonly string[];
}

export interface Detection {
  format: string;      // e.g. 'cloudtrail', 'cloudtrail-digest', 'vpcflow', 'vpcflow-parquet', 'csv'
  confidence: number;  // 0..1; the registry takes the highest
  importable: boolean; // false: recognised and recorded, holds nothing to import (digests)
  note?: string;       // the stated reason, shown in the manifest, e.g. "CloudTrail digest file"
  /** A possible reading only (e.g. delimited text without a header): never imported without the analyst's choice. */
  tentative?: boolean;
  /** What the analyst must still give before this reading can be imported, even when chosen (a field list). */
  needs?: string;
  /** The field list the file is read with (CloudFront real-time logs), when detection settled it. */
  fields?: string[];
}

/**
 * One evidence file ready to import: its bytes were hashed, gunzip-verified and copied to stagedPath. Its
 * recordLines or numberedLines (StagedForm) are set only when the copy holds the form this file's source
 * asked for (LogSource.staging.form); intake/staged-form.ts restore() puts the content back as it was.
 */
export interface StagedFile extends StagedForm {
  evidenceId: number;
  stagedPath: string;  // decompressed bytes, identical to what was hashed/verified; never the evidence itself
  originalPath: string;
  relPath: string;
  size: number;        // bytes of the content as it was, whatever the staged form
  detection: Detection;
  /** What the source's staging.prepare() made of the file, if it has one. */
  prepared?: Promise<unknown>;
}

export interface FileImportResult {
  evidenceId: number;
  recordsRead: number;
  imported: number;
  rejected: number;
  tables: string[];
  /** Imported records flagged in cairn_record_flags (e.g. duplicate JSON keys, decision 0030). */
  flagged?: number;
  /** Keys the file's records hold that its table has no column for (kept in _raw): schema drift, e.g. `userIdentity.inScopeOf`. */
  unknownKeys?: string[];
  /** Set when the file as a whole could not be read as its format. Its rows are then not kept. */
  error?: string;
}

export interface ImportContext {
  /** Inside an open transaction owned by the caller; importers never BEGIN/COMMIT. */
  conn: DuckDBConnection;
  signal: AbortSignal;
  /** A private scratch directory inside the case, emptied by the caller. */
  tmpDir: string;
  /**
   * A scratch folder in memory (tmpfs) for the copies of small files, when the case stages in memory: creating a
   * file there costs a fraction of a disk filesystem's, and a batch makes thousands (decision 0026).
   */
  smallCopiesDir?: string;
  /** Report records processed, for progress. */
  progress(records: number): void;
  /** Identifiers already used by tables in the evidence db (for CSV table naming). */
  existingTables(): Promise<Set<string>>;
}

/** What prepare() may use: not the connection, which belongs to another batch's transaction meanwhile. */
export type PrepareContext = Pick<ImportContext, 'tmpDir' | 'signal'>;

/**
 * A source's optional say in how its files are staged and batched; a source without one is staged as the
 * content is and batched by the orchestrator's defaults (128 MiB, 1,000 files per transaction).
 */
export interface SourceStaging {
  /** Decompressed bytes / files per transaction this source imports best with (why: decision 0011). */
  batchBytes?: number;
  batchFiles?: number;
  /**
   * A staged form the source reads faster (intake/staged-form.ts): importBatch then finds StagedFile
   * recordLines or numberedLines set on the files staging could rewrite, and must check what its reader got
   * against it; restore() gives the content back when it must read the file another way.
   */
  form?: FormRule;
  /**
   * Node-side work on one file that needs no database, started as the file joins a batch so it overlaps the
   * batch before (its promise is StagedFile.prepared). importBatch must cope with it missing: a retry after
   * a failed batch prepares again.
   */
  prepare?(ctx: PrepareContext, file: StagedFile): Promise<unknown>;
}

/**
 * One log source: one folder under sources/ and one line in registry.ts. The contract:
 *
 * - detect(probe): from the first 64 KiB of the decompressed content (the path is a hint only), a Detection
 *   or null. Never throws for bad content, never guesses: tentative when it only might be this format.
 * - ensureSchema(conn): idempotent DDL for the source's tables and views (CREATE ... IF NOT EXISTS / OR
 *   REPLACE); run once per Cairn version and schema revision (case/source-schemas.ts).
 * - importBatch(ctx, files): inside the caller's transaction (never BEGIN/COMMIT), one FileImportResult per
 *   file with recordsRead = imported + rejected, each rejected record written to cairn_rejects with its
 *   position (duck/rejects.ts), every row carrying _evidence_id and _ordinal. Throwing aborts the batch (the
 *   caller retries its files one by one; ReadAgainError asks for one more try of a lone file); a problem
 *   with one file is FileImportResult.error instead.
 * - staging (optional): batch size, a staged form and early Node-side work (SourceStaging).
 * - rowHashTables (optional): tables whose INSERT stores each row's hash() of its other columns in _row_hash
 *   (duck/seals.ts), so the batch's seal sums them instead of reading the rows back (decision 0003).
 */
export interface LogSource {
  id: string;
  label: string;
  detect(probe: Probe): Detection | null;
  ensureSchema(conn: DuckDBConnection): Promise<void>;
  importBatch(ctx: ImportContext, files: StagedFile[]): Promise<FileImportResult[]>;
  staging?: SourceStaging;
  rowHashTables?: readonly string[];
}

/**
 * Thrown by importBatch for a lone file it has set up to read another way (e.g. restored from its staged
 * form). DuckDB has aborted the transaction, so the caller retries the file once, in a new one.
 */
export class ReadAgainError extends Error {}
