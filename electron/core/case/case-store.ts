import type { AuditEntry, EvidenceFile, QueryHistoryEntry } from '../../../shared/types';
import type { Seal } from '../duck/seals';
import type { QueryLog } from '../query/query-engine';
import { AuditLog, type AuditCheck } from './store/audit-log';
import { CaseDb } from './store/case-db';
import { ImportRuns, type RunChoice, type RunFile, type RunTotals } from './store/import-runs';
import { Manifest, type EvidenceOutcome, type NewEvidence } from './store/manifest';
import { MetaStore } from './store/meta';
import { QueryHistory } from './store/query-history';

export { GENESIS_HASH, auditHashInput, type AuditCheck } from './store/audit-log';
export type { EvidenceOutcome, NewEvidence, ManifestReader } from './store/manifest';

/**
 * case.sqlite: one concern per part (store/: meta, audit log, import runs, manifest, query history) over one
 * connection with one transaction idiom. The methods below keep the names the import pipeline and the findings
 * call; the raw handle stays in store/case-db.ts.
 */
export class CaseStore {
  private readonly sqlite: CaseDb;
  readonly meta: MetaStore;
  private readonly auditTrail: AuditLog;
  readonly runs: ImportRuns;
  readonly manifest: Manifest;
  readonly queries: QueryHistory;

  constructor(path: string, versions: { tool: string; duckdb: string }) {
    this.sqlite = new CaseDb(path);
    this.meta = new MetaStore(this.sqlite);
    this.auditTrail = new AuditLog(this.sqlite, versions);
    this.runs = new ImportRuns(this.sqlite);
    this.manifest = new Manifest(this.sqlite);
    this.queries = new QueryHistory(this.sqlite);
  }

  close(): void { this.sqlite.close(); }

  /** Runs fn in one SQLite transaction (nested calls join the outer one): one fsync for several rows. */
  transaction<T>(fn: () => T): T { return this.sqlite.transaction(fn); }

  /** A cached prepared statement, for the stores that keep their own tables here (findings, tags, notes). */
  statement(sql: string) { return this.sqlite.statement(sql); }

  pragma(name: string): unknown { return this.sqlite.pragma(name); }

  /** The query engine's log: each run recorded and audited in one transaction. */
  queryLog(): QueryLog {
    return {
      recordRun: (q) => this.transaction(() => {
        const id = this.queries.record(q);
        this.audit('query.run', { queryRun: id, sql: q.sql, params: q.params ?? {}, ...(q.status === 'ok' ? {} : { error: q.status }) });
        return id;
      }),
      finishRun: (id, rows) => this.queries.finish(id, rows),
    };
  }

  getMeta(key: string): string | undefined { return this.meta.get(key); }
  setMeta(key: string, value: string): void { this.meta.set(key, value); }

  audit(action: string, detail: unknown = {}): AuditEntry { return this.auditTrail.append(action, detail); }
  auditLog(): AuditEntry[] { return this.auditTrail.entries(); }
  verifyAudit(): AuditCheck { return this.auditTrail.verify(); }
  auditEntryAt(seq: number): { action: string; hash: string } | undefined { return this.auditTrail.entryAt(seq); }

  startRun(inputs: string[], chosen?: RunChoice): number { return this.runs.start(inputs, chosen); }
  finishRun(runId: number, state: 'finished' | 'cancelled' | 'failed', totals: RunTotals, error?: string): void { this.runs.finish(runId, state, totals, error); }
  markInterruptedRuns(): number { return this.runs.markInterrupted(); }
  recordRunFile(runId: number, f: RunFile): void { this.runs.recordFile(runId, f); }

  findEvidenceByHash(sha256: string): EvidenceFile | undefined { return this.manifest.findByHash(sha256); }
  addEvidence(e: NewEvidence): number { return this.manifest.add(e); }
  setEvidenceOutcome(id: number, o: EvidenceOutcome): void { this.manifest.setOutcome(id, o); }
  setSeals(seals: Seal[]): void { this.manifest.setSeals(seals); }
  seals(): Seal[] { return this.manifest.seals(); }
  sealLedger(): unknown[] { return this.manifest.sealLedger(); }
  evidence(): EvidenceFile[] { return this.manifest.evidence(); }
  evidenceById(id: number): EvidenceFile | undefined { return this.manifest.evidenceById(id); }

  queryHistory(limit = 200, search?: string): QueryHistoryEntry[] { return this.queries.list(limit, search); }
  recordQuery(q: Parameters<QueryLog['recordRun']>[0]): number { return this.queries.record(q); }
  finishQuery(id: number, rows: number): void { this.queries.finish(id, rows); }
}
