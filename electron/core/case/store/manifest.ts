import type { EvidenceFile, FileStatus, FormatCandidate } from '../../../../shared/types';
import type { ManifestSummary } from '../../../../shared/evidence-manifest';
import { SEAL_ALGORITHM, type Seal } from '../../duck/seals';
import { nowUtc, type CaseDb } from './case-db';

export interface NewEvidence {
  sha256: string;
  size: number;
  mtime: string;
  originalPath: string;
  relPath: string;
  compression: 'gzip' | 'none';
  runId: number;
}

export interface EvidenceOutcome {
  status: FileStatus;
  format?: string | null;
  reason?: string | null;
  uncompressedSize?: number | null;
  recordsRead?: number;
  imported?: number;
  rejected?: number;
  tables?: string[];
  /** needs_decision: the formats that could read it; cleared by any other outcome. */
  candidates?: FormatCandidate[];
  /** The format the analyst chose (import --as); kept once set, until another choice. */
  chosenFormat?: string;
}

interface EvidenceRow {
  id: number; sha256: string; size: number; mtime: string; original_path: string; rel_path: string;
  compression: 'gzip' | 'none'; uncompressed_size: number | null; format: string | null; status: FileStatus;
  reason: string | null; records_read: number; imported: number; rejected: number; tables: string; added_at: string;
  candidates: string | null; chosen_format: string | null;
}

/** Read-only view of the manifest, for everything that is not the import pipeline. */
export interface ManifestReader {
  evidence(): EvidenceFile[];
  summary(): ManifestSummary;
  changeMark(): string;
  evidenceById(id: number): EvidenceFile | undefined;
  seals(): Seal[];
  sealLedger(): unknown[];
}

/** The evidence manifest: every file, its hash, outcome and the seals of its rows. */
export class Manifest implements ManifestReader {
  constructor(private readonly db: CaseDb) {}

  findByHash(sha256: string): EvidenceFile | undefined {
    const row = this.db.statement('SELECT * FROM evidence WHERE sha256 = ?').get(sha256) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }

  add(e: NewEvidence): number {
    return Number(this.db.statement("INSERT INTO evidence (sha256, size, mtime, original_path, rel_path, compression, status, added_at, run_id) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)")
      .run(e.sha256, e.size, e.mtime, e.originalPath, e.relPath, e.compression, nowUtc(), e.runId).lastInsertRowid);
  }

  setOutcome(id: number, o: EvidenceOutcome): void {
    this.db.statement(`UPDATE evidence SET status = @status, format = COALESCE(@format, format), reason = @reason,
        uncompressed_size = COALESCE(@uncompressed_size, uncompressed_size), records_read = @records_read, imported = @imported,
        rejected = @rejected, tables = @tables, candidates = @candidates, chosen_format = COALESCE(@chosen_format, chosen_format) WHERE id = @id`).run({
      id, status: o.status, format: o.format ?? null, reason: o.reason ?? null, uncompressed_size: o.uncompressedSize ?? null,
      records_read: o.recordsRead ?? 0, imported: o.imported ?? 0, rejected: o.rejected ?? 0, tables: JSON.stringify(o.tables ?? []),
      candidates: o.candidates?.length ? JSON.stringify(o.candidates) : null, chosen_format: o.chosenFormat ?? null,
    });
  }

  setSeals(seals: Seal[]): void {
    const st = this.db.statement('INSERT OR REPLACE INTO evidence_seals (evidence_id, tbl, rows, hash_sum, hash_xor, algorithm, sealed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const at = nowUtc();
    for (const x of seals) st.run(x.evidenceId, x.table, x.rows, x.hashSum, x.hashXor, SEAL_ALGORITHM, at);
  }

  /** What a seal check stands on in case.sqlite: every seal and each file's outcome, read narrowly (not whole rows). */
  sealLedger(): unknown[] {
    return [
      this.db.statement('SELECT evidence_id, tbl, rows, hash_sum, hash_xor FROM evidence_seals ORDER BY evidence_id, tbl').all(),
      this.db.statement('SELECT id, status, imported, rejected FROM evidence ORDER BY id').all(),
    ];
  }

  seals(): Seal[] {
    return (this.db.statement('SELECT evidence_id, tbl, rows, hash_sum, hash_xor FROM evidence_seals ORDER BY evidence_id, tbl').all() as Array<{ evidence_id: number; tbl: string; rows: number; hash_sum: string; hash_xor: string }>)
      .map((r) => ({ evidenceId: r.evidence_id, table: r.tbl, rows: r.rows, hashSum: r.hash_sum, hashXor: r.hash_xor }));
  }

  evidence(): EvidenceFile[] {
    return (this.db.statement('SELECT * FROM evidence ORDER BY id').all() as EvidenceRow[]).map(toEvidence);
  }

  /** Files per status, bytes and records over the whole manifest, without reading its rows. */
  summary(): ManifestSummary {
    const rows = this.db.statement('SELECT status, count(*) AS files, sum(size) AS bytes, sum(records_read) AS records_read, sum(imported) AS imported, sum(rejected) AS rejected FROM evidence GROUP BY status').all() as Array<{ status: FileStatus; files: number; bytes: number; records_read: number; imported: number; rejected: number }>;
    const s: ManifestSummary = { files: 0, bytes: 0, recordsRead: 0, imported: 0, rejected: 0, byStatus: {} };
    for (const r of rows) {
      s.files += r.files; s.bytes += r.bytes; s.recordsRead += r.records_read; s.imported += r.imported; s.rejected += r.rejected;
      s.byStatus[r.status] = r.files;
    }
    return s;
  }

  /**
   * Moves on when the manifest changes: files per status and counts (each batch settles), and runs started and ended
   * (a stopped run rewrites its unfinished files' reasons as it ends). Not moved by queries or other audit entries.
   */
  changeMark(): string {
    const runs = this.db.statement('SELECT count(*) AS n, count(finished_at) AS ended FROM import_runs').get() as { n: number; ended: number };
    return JSON.stringify([this.summary(), runs.n, runs.ended]);
  }

  evidenceById(id: number): EvidenceFile | undefined {
    const row = this.db.statement('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined;
    return row ? toEvidence(row) : undefined;
  }
}

function toEvidence(r: EvidenceRow): EvidenceFile {
  return {
    id: r.id, sha256: r.sha256, size: r.size, mtime: r.mtime, originalPath: r.original_path, relPath: r.rel_path,
    compression: r.compression, uncompressedSize: r.uncompressed_size, format: r.format, status: r.status, reason: r.reason,
    recordsRead: r.records_read, imported: r.imported, rejected: r.rejected, tables: JSON.parse(r.tables) as string[], addedAt: r.added_at,
    ...(r.candidates ? { candidates: JSON.parse(r.candidates) as FormatCandidate[] } : {}), ...(r.chosen_format ? { chosenFormat: r.chosen_format } : {}),
  };
}
