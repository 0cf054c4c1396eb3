import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CaseInfo, EvidenceFile, FileStatus, SealCheck, SealStatus, TableInfo } from '../../../shared/types';
import { verifySeals } from '../integrity/verify-seals';
import { SealWatch, sealFingerprint } from '../integrity/seal-watch';
import { ExaminerRecords } from './examiner-store';
import { duckdbVersion, openEvidenceDb, quoteIdent, type EvidenceDbOptions } from '../duck/evidence-db';
import { WriteBehind } from '../duck/write-behind';
import { CairnError } from '../errors';
import { installDialect, translateAthena } from '../dialect';
import { createMemoryStagingDir, removeMemoryStagingDir } from '../intake/memory-staging';
import { lockDownInstance } from '../duck/lock-down';
import { EvidenceViews } from '../duck/evidence-views';
import { AnalystInstance, type AnalystInstanceOptions } from '../query/analyst-instance';
import { FindingsStore } from '../findings/findings-store';
import { QueryEngine } from '../query/query-engine';
import { TOOL_VERSION } from '../version';
import { acquireCaseLock, type CaseLock } from './case-lock';
import { CaseStore, type AuditCheck, type ManifestReader } from './case-store';
import type { AuditEntry, QueryHistoryEntry, RejectRow } from '../../../shared/types';
import type { FunctionInfo, SchemaTable } from '../../../shared/api';
import { readRejects } from './rejects-reader';
import { describeSchema } from '../query/schema';
import { listFunctions } from '../query/functions';
import { PRESTO_FUNCTIONS } from '../dialect/presto-functions';
import { reconcileWithLedger } from './reconcile';
import { ensureSourceSchemas } from './source-schemas';
import { loadExaminerKey, type ExaminerKey } from '../examiner/examiner-key';
import { anchorAuditHead, checkAuditTrail, registerExaminerKey, signAuditHead } from '../examiner/audit-trail';
import type { AuditAnchor, AuditTrailCheck } from '../../../shared/attestation';
import { computeCoverage } from '../coverage/ledger';
import type { CoverageLedger } from '../../../shared/coverage';
import type { EvidenceTimeRange, SavedQueryTabs } from '../../../shared/workspace';
import { evidenceTimeRange } from './evidence-time-range';
import { readQueryTabs, writeQueryTabs } from './store/query-tabs';

const TABLES_SQL = `
  SELECT table_name AS name, 'table' AS kind, NULL AS rows FROM duckdb_tables() WHERE database_name = 'evidence' AND schema_name = 'main'
  UNION ALL
  SELECT view_name, 'view', NULL FROM duckdb_views() WHERE database_name = 'evidence' AND schema_name = 'main' AND NOT internal
  ORDER BY 1`;

/** A checkpoint while an import transaction is open fails; the next commit retries it. */
async function checkpointEvidence(duck: DuckDBInstance): Promise<void> {
  const conn = await duck.connect();
  try {
    await conn.run('CHECKPOINT evidence');
  } catch (e) {
    if (!/transaction/i.test(e instanceof Error ? e.message : String(e))) throw e;
  } finally {
    conn.closeSync();
  }
}

export const CASE_DB = 'case.sqlite';

/** What the import pipeline writes through (Case.forImport). */
export interface ImportHandles {
  store: CaseStore;
  conn: DuckDBConnection;
  writeBehind: WriteBehind;
  views: EvidenceViews;
  memoryStagingDir: string | null;
  tmpDir: string;
}
export const EVIDENCE_DB = 'evidence.duckdb';

export interface OpenCaseOptions {
  /** Create the case when the folder holds none. */
  create?: { name: string; examiner: string };
  duck?: EvidenceDbOptions;
  /** The analyst instance's memory and scratch limits (defaults: 1GB; CAIRN_SCRATCH_LIMIT or 16GB). */
  analyst?: Pick<AnalystInstanceOptions, 'memoryLimit' | 'scratchLimit'>;
}

/** An open case: the metadata store, the evidence database and the lock that makes them ours. */
export class Case {
  readonly queries: QueryEngine;
  readonly findings: FindingsStore;
  /** The examiner fields and chain of custody the report carries. */
  readonly examiner: ExaminerRecords;
  /** Flushes the evidence database while import batches run (duck/write-behind.ts). */
  private readonly writeBehind: WriteBehind;
  /** Orders the importer's commits and checkpoints against the analyst instance's read-only view. */
  private readonly views: EvidenceViews;
  private readonly sealWatch: SealWatch;

  /** The examiner's signing key (user profile, examiner/examiner-key.ts); null when it could not be loaded. */
  examinerKey: ExaminerKey | null = null;
  /** Why there is no key, shown wherever a signature would be. */
  examinerKeyError: string | null = null;

  private constructor(
    readonly dir: string,
    private readonly store: CaseStore,
    private readonly duck: DuckDBInstance,
    /** The importer's read-write connection. Analyst SQL never runs here. */
    private readonly importConn: DuckDBConnection,
    readonly duckdbVersion: string,
    private readonly lock: CaseLock,
    /** This process's tmpfs folder for staged copies (intake/memory-staging.ts); null where there is none. */
    private readonly memoryStagingDir: string | null,
    opts: { threads?: number; analyst?: OpenCaseOptions['analyst'] } = {},
  ) {
    this.views = new EvidenceViews(() => checkpointEvidence(duck));
    this.queries = new QueryEngine({
      openInstance: () => AnalystInstance.open({ evidencePath: join(dir, EVIDENCE_DB), tmpDir: join(dir, 'tmp'), threads: opts.threads,
        onShadowRenamed: (renamed) => store.audit('scratch.renamed', { reason: 'an imported evidence table took the name', renamed }),
        // Which IP database answered ip_asn/ip_org/ip_country, so a second examiner looks up the same data.
        onReferenceLoaded: (info) => store.audit('reference.ip_networks', info),
        ...opts.analyst }),
      views: this.views,
      log: store.queryLog(),
      setup: installDialect,
      translate: translateAthena,
    });
    this.findings = new FindingsStore(store);
    this.examiner = new ExaminerRecords(store);
    this.writeBehind = new WriteBehind(join(dir, EVIDENCE_DB));
    this.sealWatch = new SealWatch(() => this.sealKey(), () => this.backgroundSealCheck());
  }

  static async open(dirIn: string, opts: OpenCaseOptions = {}): Promise<Case> {
    const dir = resolve(dirIn);
    const isCase = existsSync(join(dir, CASE_DB));
    if (!isCase && !opts.create) throw new CairnError('NOT_A_CASE', `${dir} is not a Cairn case (no ${CASE_DB}); create it first`);
    mkdirSync(dir, { recursive: true });
    const lock = acquireCaseLock(dir);
    const memoryStagingDir = createMemoryStagingDir();
    try {
      const tmp = join(dir, 'tmp');
      rmSync(tmp, { recursive: true, force: true }); // scratch from a previous process
      mkdirSync(tmp, { recursive: true });
      const { instance, conn } = await openEvidenceDb(join(dir, EVIDENCE_DB), { tempDir: join(tmp, 'duckdb'), ...opts.duck });
      const version = await duckdbVersion(conn);
      const store = new CaseStore(join(dir, CASE_DB), { tool: TOOL_VERSION, duckdb: version });
      const c = new Case(dir, store, instance, conn, version, lock, memoryStagingDir, { threads: opts.duck?.threads, analyst: opts.analyst });
      if (!isCase) {
        store.setMeta('id', randomUUID());
        store.setMeta('name', opts.create!.name);
        store.setMeta('examiner', opts.create!.examiner);
        store.setMeta('created_at', new Date().toISOString());
        store.audit('case.created', { name: opts.create!.name, examiner: opts.create!.examiner, dir });
      }
      try {
        c.examinerKey = loadExaminerKey();
        registerExaminerKey(store, c.examinerKey);
        // A new case's first head is signed at once: from here on its log cannot be emptied or recomputed unnoticed.
        if (!isCase) anchorAuditHead(store, store.getMeta('id') ?? '', c.examinerKey);
      } catch (e) {
        c.examinerKeyError = `no examiner key: ${e instanceof Error ? e.message : String(e)}`;
      }
      await ensureSourceSchemas(conn);
      const interrupted = store.markInterruptedRuns();
      const reconciled = await reconcileWithLedger(store, conn);
      await lockDownInstance(conn, [tmp, ...(memoryStagingDir ? [memoryStagingDir] : [])]);
      store.audit('case.opened', { interruptedRuns: interrupted, reconciledFiles: reconciled });
      return c;
    } catch (e) {
      removeMemoryStagingDir(memoryStagingDir);
      lock.release();
      throw e;
    }
  }

  get tmpDir(): string { return join(this.dir, 'tmp'); }

  /**
   * The handles the import pipeline writes through (the store, the read-write connection, write-behind, the
   * commit order): the import pipeline is their only user; everything else goes through the methods below.
   */
  forImport(): ImportHandles {
    return { store: this.store, conn: this.importConn, writeBehind: this.writeBehind, views: this.views, memoryStagingDir: this.memoryStagingDir, tmpDir: this.tmpDir };
  }

  /** The evidence manifest, read-only. */
  get manifest(): ManifestReader { return this.store.manifest; }

  /** The run a resume would take up (the newest, unless given), with its unfinished paths; null when none has files left. */
  resumable(runId?: number): ReturnType<CaseStore['runs']['resumable']> { return this.store.runs.resumable(runId); }

  /** Appends to the case's audit log. */
  audit(action: string, detail: unknown = {}): AuditEntry { return this.store.audit(action, detail); }
  auditLog(): AuditEntry[] { return this.store.auditLog(); }
  verifyAudit(): AuditCheck { return this.store.verifyAudit(); }
  queryHistory(limit = 200, search?: string): QueryHistoryEntry[] { return this.store.queryHistory(limit, search); }
  /** Query tabs left open in this case (working state in meta, not audited: decision 0068). */
  queryTabs(): SavedQueryTabs | null { return readQueryTabs(this.store.meta); }
  saveQueryTabs(tabs: SavedQueryTabs): void { writeQueryTabs(this.store.meta, tabs); }
  /** First and last event across sources, for the library's time helpers (decision 0069). */
  timeRange(): Promise<EvidenceTimeRange> { return this.queries.internal(evidenceTimeRange); }

  /** One page of a file's rejected records. */
  rejects(evidenceId: number, offset: number, limit: number): Promise<{ rows: RejectRow[]; total: number }> {
    return readRejects(this.importConn, evidenceId, offset, limit);
  }

  /** Tables, views and columns for the schema browser, with row counts for tables. */
  async describeSchema(): Promise<SchemaTable[]> {
    const counts = new Map((await this.tables()).filter((t) => t.rows !== null).map((t) => [t.name, t.rows!]));
    return this.queries.internal((conn) => describeSchema(conn, counts));
  }

  /** Functions for editor completions (Presto's first). */
  functions(): Promise<FunctionInfo[]> { return listFunctions(this.importConn, PRESTO_FUNCTIONS); }

  /** Reads the evidence database on the importer's connection (report model, checks); never analyst SQL. */
  readEvidence<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> { return fn(this.importConn); }

  info(): CaseInfo {
    const m = (k: string): string => this.store.getMeta(k) ?? '';
    return { id: m('id'), name: m('name'), examiner: m('examiner'), createdAt: m('created_at'), dir: this.dir, toolVersion: TOOL_VERSION, duckdbVersion: this.duckdbVersion, queryTimeoutMs: this.queries.defaultTimeoutMs };
  }

  /** Tables and views analysts can query, with row counts for tables. */
  async tables(): Promise<TableInfo[]> {
    const r = await this.importConn.runAndReadAll(TABLES_SQL);
    const out: TableInfo[] = [];
    for (const row of r.getRowObjectsJS()) {
      const name = String(row.name);
      const kind = row.kind === 'view' ? 'view' : 'table';
      // Exact counts for tables: DuckDB keeps them in metadata, so count(*) is cheap. Views could be costly.
      const rows = kind === 'table' ? Number((await this.importConn.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdent(name)}`)).getRowObjectsJS()[0]!.n) : null;
      out.push({ name, kind, rows });
    }
    return out;
  }

  /**
   * What the report's audit section counts, from SQL: entries per action, the span, and the latest entries of the
   * actions `where` selects; only those entries' details are parsed (decision 0040).
   */
  auditDigest(where: string, limit: number): { byAction: Record<string, number>; entries: number; firstAt: string | null; lastAt: string | null; listed: AuditEntry[] } {
    const byAction: Record<string, number> = {};
    for (const r of this.store.statement('SELECT action, count(*) AS n FROM audit GROUP BY action ORDER BY action').all() as Array<{ action: string; n: number }>) byAction[r.action] = r.n;
    const span = this.store.statement('SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM audit').get() as { n: number; first: string | null; last: string | null };
    const rows = this.store.statement(`SELECT * FROM (SELECT seq, at, action, detail, tool_version, duckdb_version FROM audit WHERE ${where} ORDER BY seq DESC LIMIT ${Math.floor(limit)}) ORDER BY seq`)
      .all() as Array<{ seq: number; at: string; action: string; detail: string; tool_version: string; duckdb_version: string }>;
    return { byAction, entries: span.n, firstAt: span.first, lastAt: span.last,
      listed: rows.map((r) => ({ seq: r.seq, at: r.at, action: r.action, detail: JSON.parse(r.detail) as unknown, toolVersion: r.tool_version, duckdbVersion: r.duckdb_version })) };
  }

  /** Formats the analyst chose (`import --as`): each run that chose one, and the files that run finished. */
  formatChoices(): Array<{ runId: number; format: string; at: string; files: Array<{ evidenceId: number; status: FileStatus }> }> {
    const out: Array<{ runId: number; format: string; at: string; files: Array<{ evidenceId: number; status: FileStatus }> }> = [];
    for (const e of this.store.statement("SELECT at, detail FROM audit WHERE action = 'import.started' ORDER BY seq").all() as Array<{ at: string; detail: string }>) {
      const d = JSON.parse(e.detail) as { runId?: unknown; chosenFormat?: unknown } | null;
      if (!d || typeof d.runId !== 'number' || typeof d.chosenFormat !== 'string') continue;
      const files = (this.store.statement("SELECT evidence_id, status FROM import_run_files WHERE run_id = ? AND evidence_id IS NOT NULL AND status <> 'duplicate' ORDER BY evidence_id").all(d.runId) as Array<{ evidence_id: number; status: FileStatus }>)
        .map((r) => ({ evidenceId: r.evidence_id, status: r.status }));
      out.push({ runId: d.runId, format: d.chosenFormat, at: e.at, files });
    }
    return out;
  }

  /** Recomputes every evidence table's seals (integrity/verify-seals.ts); `evidence` saves re-reading a manifest the caller holds. */
  /** The full recompute (verify, info, reports); kept for the status bar when nothing moved while it ran. */
  async verifySeals(evidence?: EvidenceFile[]): Promise<SealCheck> {
    const key = this.sealKey();
    const check = await verifySeals(this.importConn, this.store, evidence);
    if (!evidence) this.sealWatch.record(key, check);
    return check;
  }

  /** The status bar's seal state: cheap; a full check runs in the background when none is current (decision 0005). */
  sealStatus(opts: { canStart?: boolean } = {}): SealStatus { return this.sealWatch.status(opts.canStart); }

  /** What a cached seal check stands on: the evidence file's identity and times, the recorded seals and statuses. */
  private sealKey(): string {
    return sealFingerprint(join(this.dir, EVIDENCE_DB), () => this.store.sealLedger());
  }

  /** A full seal check on a connection of its own, in one snapshot, so it runs beside queries and can be stopped. */
  private backgroundSealCheck(): { result: Promise<SealCheck>; interrupt: () => void } {
    let conn: DuckDBConnection | null = null;
    let stopped = false;
    const result = (async () => {
      conn = await this.duck.connect();
      if (stopped) throw new Error('stopped');
      try {
        await conn.run(`USE ${quoteIdent(basename(EVIDENCE_DB, extname(EVIDENCE_DB)))}`);
        await conn.run('BEGIN TRANSACTION');
        return await verifySeals(conn, this.store);
      } finally {
        await conn.run('ROLLBACK').catch(() => undefined);
        conn.closeSync();
      }
    })();
    return { result, interrupt: () => { stopped = true; conn?.interrupt(); } };
  }

  /** The audit trail as a whole: chain, its start, the case's signed head, and anchors given from outside (reports). */
  auditTrail(against: Array<{ source: string; anchor: AuditAnchor }> = []): AuditTrailCheck {
    return checkAuditTrail(this.store, this.info().id, against);
  }

  /**
   * Signs the chain's current head (kept as the case's latest anchor when `keep`); null without a key or when
   * the trail does not hold (a tampered log must not get a fresh signature).
   */
  signHead(opts: { keep: boolean }): AuditAnchor | null {
    if (!this.examinerKey || !this.auditTrail().ok) return null;
    return opts.keep ? anchorAuditHead(this.store, this.info().id, this.examinerKey) : signAuditHead(this.store, this.info().id, this.examinerKey);
  }

  /**
   * Signs the audit chain's head as the case's latest anchor when the trail still holds (never over a log that
   * no longer extends the last signed head: that would launder it). Every session ends with a signed head.
   */
  private signHeadIfHolds(): void {
    try { this.signHead({ keep: true }); } catch { /* closing must not fail over a signature; verify reports the trail */ }
  }

  /** The coverage and gap ledger (coverage/ledger.ts): fast enough to refresh after every import. */
  coverage(): Promise<CoverageLedger> {
    // On the analyst instance's read-only view: committed rows only, and never on the import's connection mid-batch.
    const evidence = this.store.evidence();
    return this.queries.internal((conn) => computeCoverage(conn, evidence));
  }


  async close(): Promise<void> {
    try {
      await this.sealWatch.stop();
      await this.queries.closeAll();
      this.signHeadIfHolds();
      this.importConn.closeSync();
      this.duck.closeSync();
      await this.writeBehind.close(); // after DuckDB: closing it earlier would drop DuckDB's lock on the file
      this.store.close();
    } finally {
      removeMemoryStagingDir(this.memoryStagingDir);
      this.lock.release();
    }
  }
}
