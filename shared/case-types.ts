// Plain data types of a case, its evidence, imports and queries. A leaf: it imports nothing, so findings.ts
// and report.ts can build on it without a cycle (types.ts gathers all three).

/** Outcome of one evidence file, as shown in the manifest. */
export type FileStatus =
  | 'pending'               // hashed and listed, import not finished
  | 'imported'              // every record read was imported
  | 'imported_with_rejects' // some records went to cairn_rejects
  | 'failed'                // the file could not be read as its format; see reason
  | 'duplicate'             // same SHA-256 as a file already in the case: nothing imported
  | 'unsupported'           // no known format matched; see reason
  | 'needs_decision'        // two formats could claim it, or only tentatively: the analyst chooses (import --as FORMAT)
  | 'recorded'              // recognised but holds no events to import (CloudTrail digest files)
  | 'not_started';          // a run's account only: the run stopped (cancelled, failed) before reading the file

export interface EvidenceFile {
  id: number;
  sha256: string;
  size: number;
  mtime: string;            // ISO-8601 UTC of the file's mtime when added
  originalPath: string;     // absolute path when added
  relPath: string;          // relative to the root the analyst chose
  compression: 'gzip' | 'none';
  uncompressedSize: number | null;
  format: string | null;    // detected format id, e.g. 'cloudtrail', 'vpcflow', 'csv'
  status: FileStatus;
  reason: string | null;    // why failed / unsupported / rejects happened
  recordsRead: number;
  imported: number;
  rejected: number;
  tables: string[];         // tables that hold this file's rows
  addedAt: string;
  /** needs_decision: the formats that could read it, with the detector's reasons (the analyst chooses one). */
  candidates?: FormatCandidate[];
  /** The format the analyst chose for this file (import --as), when it was chosen rather than detected. */
  chosenFormat?: string;
}

/** A format that could read a file left for the analyst's decision, and why the detector says so. */
export interface FormatCandidate { format: string; label: string; note: string | null }

/** A format the analyst may choose (import.formats): every registered source. */
export interface KnownFormat { format: string; label: string }

/** import.formats: what "Import as…" offers; fieldNames: per format whose files do not list their fields (import.start `fields`), the names Cairn knows. */
export interface ImportFormats { formats: KnownFormat[]; fieldNames: Record<string, string[]> }

export interface CaseInfo {
  id: string;
  name: string;
  examiner: string;
  createdAt: string;
  dir: string;
  toolVersion: string;
  duckdbVersion: string;
  /** Analyst queries stop this long after submission unless they ask otherwise (0: no limit). */
  queryTimeoutMs?: number;
}

/** What the workbench shows of the case's integrity: the audit chain and the evidence tables' seals. */
export interface CaseIntegrity {
  audit: { ok: boolean; entries: number; head: string | null; brokenAt: number | null; reason: string | null };
  seals: SealCheck;
  checkedAt: string;
}

/**
 * The workbench's seal status (decision 0005): the last full check, current while neither the evidence database
 * file nor the recorded seals changed since it ran; 'verifying' while a full check runs in the background.
 */
export interface SealStatus {
  state: 'verifying' | 'verified' | 'failed' | 'error';
  /** The last full check's result; when current is false, an earlier state's (null before the first check ends). */
  check: SealCheck | null;
  /** Why the check itself failed (state 'error'): DuckDB could not read the rows. */
  error: string | null;
  /** When the shown check ended. */
  checkedAt: string | null;
  current: boolean;
}

/** case.integrityStatus: the audit trail checked now, the seals as SealStatus. */
export interface CaseIntegrityStatus {
  audit: CaseIntegrity['audit'];
  seals: SealStatus;
  checkedAt: string;
}

/** One evidence file whose rows no longer match their seal (or never had one). */
export interface SealFileProblem {
  evidenceId: number;
  relPath: string | null;
  state: 'changed' | 'vanished' | 'grew' | 'unsealed' | 'unknown';
  tables: Array<{ table: string; state: SealFileProblem['state']; detail: string }>;
}

/** The evidence tables' seals recomputed from the rows as they are now. */
export interface SealCheck {
  ok: boolean;
  algorithm: string;
  sealedFiles: number;
  rowsChecked: number;
  problems: SealFileProblem[];
  elapsedMs: number;
}

export interface ImportFileResult {
  path: string;
  relPath: string;
  evidenceId: number | null;
  sha256: string | null;
  format: string | null;
  status: FileStatus;
  recordsRead: number;
  imported: number;
  rejected: number;
  reason: string | null;
  duplicateOf?: number;
  /** Keys the file's records hold that its table has no column for (kept in _raw), e.g. `userIdentity.inScopeOf`. */
  unknownKeys?: string[];
  /** needs_decision: the formats that could read it (EvidenceFile.candidates). */
  candidates?: FormatCandidate[];
  /** The format the analyst chose for it (import --as). */
  chosenFormat?: string;
}

/** How a file's reason names its schema drift (the import writes it, the report reads it back). */
export const UNKNOWN_KEYS_LABEL = 'keys the table has no column for (kept in _raw)';

export interface ImportSummary {
  runId: number;
  state: 'finished' | 'cancelled' | 'failed';
  files: ImportFileResult[];
  /** notImported: files the run listed but did not finish (hashed and left pending, or not started); Resume takes them. */
  totals: { files: number; recordsRead: number; imported: number; rejected: number; failed: number; unsupported: number; duplicate: number; needsDecision: number; notImported: number };
  /** Schema drift across the run: per format, the keys its files' records hold that its table has no column for. */
  unknownKeys?: Record<string, string[]>;
  elapsedMs: number;
  /** The run this one resumed (import.resume), if any. */
  resumeOf?: number;
}

/** A run that stopped before its files were all done, and what resuming it takes (import.resumable). */
export interface ResumableRun {
  runId: number;
  state: 'cancelled' | 'failed' | 'interrupted';
  /** The paths the run was given: resuming walks them again. */
  inputs: string[];
  /** Files the run listed and did not finish; null when the run ended without an account (interrupted): all of its inputs are read again. */
  unfinished: number | null;
}

export interface ImportProgress {
  runId: number;
  phase: 'scanning' | 'hashing' | 'importing' | 'done';
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  /** Evidence bytes read, hashed, verified and staged. */
  bytesDone: number;
  /**
   * Evidence bytes whose files are finished (imported, failed, duplicate, recorded or unsupported), plus the
   * running batch's share as far as DuckDB has got through its INSERT. Reading runs up to two import batches
   * ahead, so bytesDone alone reaches bytesTotal well before the end.
   */
  bytesFinished: number;
  records: number;
  /** Files read, hashed and staged so far (the first seconds' progress, before any batch is imported). */
  filesRead: number;
  currentFile?: string;
}

export interface RejectRow {
  evidenceId: number;
  source: string;
  ordinal: number | null;
  line: number | null;
  byteOffset: number | null;
  reason: string;
  raw: string;
  rawLength: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  detail: unknown;
  toolVersion: string;
  duckdbVersion: string;
}

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  rows: number | null;
}

export interface QueryColumn {
  name: string;
  type: string;   // DuckDB type, e.g. VARCHAR, STRUCT("arn" VARCHAR, ...)
  /** The struct path the column was selected by (`useridentity.arn` for DuckDB's `arn`): the header shows it. */
  path?: string;
}

/** A page of a query's result. Values are JSON-safe (BIGINT/HUGEINT as strings, timestamps as ISO text). */
export interface QueryPage {
  queryId: string;
  columns: QueryColumn[];
  rows: unknown[][];
  offset: number;
  /** Rows known so far; the final count once done is true. */
  rowCount: number;
  done: boolean;
  elapsedMs: number;
  /** For statements that return no rows (scratch CREATE/DROP). */
  message?: string;
}

export interface QuerySort { column: string; descending?: boolean }

export interface QueryHistoryEntry {
  id: number;
  at: string;
  sql: string;
  params: Record<string, string>;
  durationMs: number | null;
  rows: number | null;
  status: string;
  error: string | null;
}

/** The audit log's hash chain, recomputed: its head, or the first entry that does not verify. */
export type AuditChain = { ok: true; head: string; entries: number } | { ok: false; brokenAt: number; reason: string };
