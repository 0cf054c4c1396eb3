import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { splitStatements } from '../../../shared/sql/split-statements';
import type { QueryPage, QuerySort } from '../../../shared/types';
import type { EvidenceViews } from '../duck/evidence-views';
import { CairnError } from '../errors';
import { Admission, DEFAULT_LIMITS, type AdmissionLimits } from './admission';
import type { AnalystInstance } from './analyst-instance';
import { USES_IP_LOOKUP } from '../reference/ip-networks';
import { labelColumnPaths } from './column-paths';
import { ConnectionPool } from './connection-pool';
import { classifyDuckError, stopError, type StopReason } from './duck-errors';
import { PointerResult } from './pointer-result';
import { pointerShape } from './pointer-shape';
import { ResultCache } from './result-cache';
import type { ResultSource } from './result-source';
import { RwLock } from './rw-lock';
import { runScratchDdl } from './scratch-ddl';
import { gateStatement } from './statement-gate';

export interface RunQueryOptions {
  params?: Record<string, string>;
  pageSize?: number;
  /** Stop the query this long (ms) after it was submitted, waiting included. 0: no limit; absent: the engine's default. */
  timeoutMs?: number;
  /** Chosen by the caller so it can cancel the run before its first page arrives. */
  queryId?: string;
}

/** Rewrites one statement from the analyst's dialect (Athena/Presto) to DuckDB's. */
export type Translate = (sql: string, conn: DuckDBConnection) => Promise<string>;
export type ConnectionSetup = (conn: DuckDBConnection) => Promise<void>;

/** What the engine records of each run; case/ implements it, so the engine does not depend on the case store. */
export interface QueryLog {
  recordRun(q: { sql: string; params?: Record<string, string>; durationMs: number | null; rows: number | null; status: string; error?: string | null }): number;
  finishRun(id: number, rows: number): void;
}

export interface QueryEngineOptions {
  openInstance: () => Promise<AnalystInstance>;
  views: EvidenceViews;
  log: QueryLog;
  setup?: ConnectionSetup;
  translate?: Translate;
  limits?: AdmissionLimits;
  /** Applied when a run gives no timeout of its own (0: none). */
  defaultTimeoutMs?: number;
}

interface Run {
  id: string;
  /** Settles when the statement or page read in progress ends; close() waits for it after interrupting. */
  busy: Promise<unknown>;
  released?: boolean;
  /** Operations in progress on the run's connections. */
  working: number;
  /** Sends the interrupt again while a stopped run still works (stop()). */
  reinterrupt?: ReturnType<typeof setInterval>;
  conn?: DuckDBConnection;
  writer?: DuckDBConnection;
  cache?: ResultSource;
  started: number;
  historyId: number;
  stopReason?: StopReason;
  timer?: NodeJS.Timeout;
  /** Aborted by cancel or timeout, so a run still waiting for admission leaves the queue. */
  abort: AbortController;
  /** Releases the run's hold on the evidence view (duck/evidence-views.ts). */
  unpin?: () => void;
  sql: string;
  params: Record<string, string>;
}

interface Parts { instance: AnalystInstance; analysts: ConnectionPool; writers: ConnectionPool; watch: NodeJS.Timeout }

const DEFAULT_PAGE = 200;
/** How often the spill folder is measured while analyst SQL works (the scratch cap, decision 0001). */
const SCRATCH_WATCH_MS = 200;
const CLOSE_WAIT_MS = 10_000;
/** How often a stopped run that still works is interrupted again. */
const REINTERRUPT_MS = 100;
const TRANSLATION_CACHE = 256;
/** How long, and how many, ids cancelled before their run arrived are remembered. */
const EARLY_CANCEL_MS = 60_000;
const EARLY_CANCEL_MAX = 256;
const MAX_PAGE = 10_000;
export const DEFAULT_QUERY_TIMEOUT_MS = Number(process.env.CAIRN_QUERY_TIMEOUT_S ?? 300) * 1000;

/**
 * Runs analyst SQL on the analyst instance (never the importer's): each statement is translated, gated and run
 * as exactly the statement DuckDB prepared; runs are admitted a bounded number at a time; results are paged
 * lazily; any run can be cancelled or time out, counted from submission.
 */
export class QueryEngine {
  private readonly runs = new Map<string, Run>();
  private readonly admission: Admission;
  private readonly ddl = new RwLock();
  private readonly translations = new Map<string, string>();
  /** Ids cancelled before their run arrived, with when (see cancel()). */
  private readonly cancelledEarly = new Map<string, number>();
  /** The analyst instance's scratch cap, so an error can tell the cap from a full disk. */
  private scratchLimitBytes: number | undefined;
  private opening: Promise<Parts> | undefined;
  readonly defaultTimeoutMs: number;

  constructor(private readonly options: QueryEngineOptions) {
    this.admission = new Admission(options.limits ?? DEFAULT_LIMITS);
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  }

  /** The analyst instance, opened on first use: an import-only process never pays for it. */
  private parts(): Promise<Parts> {
    this.opening ??= (async () => {
      const instance = await this.options.openInstance();
      this.scratchLimitBytes = instance.scratchLimitBytes;
      this.options.views.setReader(instance.attachment());
      const watch = setInterval(() => this.watchScratch(instance), SCRATCH_WATCH_MS);
      watch.unref();
      return {
        instance,
        analysts: new ConnectionPool(() => instance.connectAnalyst(this.options.setup)),
        writers: new ConnectionPool(() => instance.connectInternal()),
        watch,
      };
    })();
    this.opening.catch(() => { this.opening = undefined; });
    return this.opening;
  }

  async run(sql: string, opts: RunQueryOptions = {}): Promise<QueryPage> {
    const statements = splitStatements(sql);
    if (statements.length === 0) throw new CairnError('BAD_REQUEST', 'no SQL statement to run');
    const pageSize = clampPage(opts.pageSize);
    if (opts.queryId !== undefined && (!/^[A-Za-z0-9-]{1,64}$/.test(opts.queryId) || this.runs.has(opts.queryId))) {
      throw new CairnError('BAD_REQUEST', 'queryId must be 1-64 letters, digits or dashes and not already in use');
    }
    const id = opts.queryId ?? randomUUID();
    if (this.cancelledEarly.delete(id)) throw stopError('cancel');
    const run: Run = { id, busy: Promise.resolve(), working: 0, started: Date.now(), historyId: 0, sql, params: { ...(opts.params ?? {}) }, abort: new AbortController() };
    this.runs.set(id, run);
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    if (timeoutMs > 0) run.timer = setTimeout(() => this.stop(run, 'timeout'), timeoutMs);
    return this.track(run, this.runStatements(run, statements.map((st) => st.text), opts, pageSize));
  }

  private async runStatements(run: Run, statements: string[], opts: RunQueryOptions, pageSize: number): Promise<QueryPage> {
    let current = statements[0]!;
    let ran = current;
    let admitted: (() => void) | undefined;
    try {
      admitted = await this.admission.admit(run.abort.signal);
      const { analysts, writers, instance } = await this.parts();
      if (statements.some((s) => USES_IP_LOOKUP.test(s))) await instance.ensureIpNetworks();
      run.unpin = await this.options.views.pin();
      run.conn = await analysts.acquire();
      run.writer = await writers.acquire();
      const conn = run.conn;
      let page: QueryPage | undefined;
      for (const [k, text] of statements.entries()) {
        this.throwIfStopped(run);
        current = text;
        ran = text;
        const translated = await this.translate(text, conn);
        ran = translated; // a refusal's position is in the text the gate judged
        const gated = await gateStatement(translated, conn);
        ran = gated.sql;
        const last = k === statements.length - 1;
        if (gated.kind === 'scratch-ddl') {
          await this.runDdl(conn, gated.prepared, opts.params);
          if (last) page = this.donePage(run, gated.sql);
          continue;
        }
        const unlock = await this.ddl.shared();
        try {
          bindParams(gated.prepared, opts.params ?? {});
          if (!last) { await gated.prepared.run(); this.throwIfStopped(run); continue; }
          const table = `q_${run.id.replace(/-/g, '')}`;
          const bind = (p: DuckDBPreparedStatement): void => bindParams(p, opts.params ?? {});
          // Evidence rows returned whole are kept as their keys (0054); other results DuckDB makes as a table
          // (0050); what it cannot wrap so (EXPLAIN...) is streamed.
          const shape = gated.explain ? null : await pointerShape(run.writer, gated.sql);
          run.cache = (shape ? await PointerResult.make(conn, run.writer, table, gated.sql, shape, bind, () => this.options.views.pin()) : null)
            ?? (gated.explain ? null : await ResultCache.materialize(conn, run.writer, table, gated.sql, bind))
            ?? await ResultCache.create(await gated.prepared.stream(), run.writer, table);
          // A stop that came while DuckDB worked may have landed between its tasks: no part of the result is shown.
          this.throwIfStopped(run);
          await labelColumnPaths(conn, gated.sql, run.cache.columns);
          const rows = await run.cache.page(0, pageSize);
          this.throwIfStopped(run);
          page = { queryId: run.id, columns: run.cache.columns, rows, offset: 0, rowCount: run.cache.rowCount, done: run.cache.isDone, elapsedMs: Date.now() - run.started };
        } finally {
          unlock();
          gated.prepared.destroySync();
        }
      }
      run.historyId = this.options.log.recordRun({ sql: run.sql, params: opts.params, durationMs: page!.elapsedMs, rows: page!.done ? page!.rowCount : null, status: 'ok' });
      if (page!.done) this.finished(run);
      return page!;
    } catch (e) {
      const err = classifyDuckError(e, current, run.stopReason, ran, this.scratchLimitBytes);
      this.options.log.recordRun({ sql: run.sql, params: opts.params, durationMs: Date.now() - run.started, rows: null, status: err.code, error: err.message });
      await this.release(run);
      throw err;
    } finally {
      admitted?.();
    }
  }

  /** Scratch DDL runs alone, judged by its catalog changes; then the attachments are checked (the second wall). */
  private async runDdl(conn: DuckDBConnection, prepared: DuckDBPreparedStatement, params: Record<string, string> | undefined): Promise<void> {
    const unlock = await this.ddl.exclusive();
    try {
      bindParams(prepared, params ?? {});
      await runScratchDdl(conn, prepared);
      await this.checkAttachments();
    } finally {
      unlock();
      prepared.destroySync();
    }
  }

  /** An attachment that is not as Cairn left it means a statement got past the gate: start the instance afresh. */
  private async checkAttachments(): Promise<void> {
    const { instance } = await this.parts();
    try {
      await instance.checkAttachments();
    } catch (e) {
      await this.resetInstance();
      throw e;
    }
  }

  /** Stops the work in progress once the spill folder outgrows the scratch limit; DuckDB does not (decision 0001). */
  private watchScratch(instance: AnalystInstance): void {
    const working = [...this.runs.values()].filter((r) => r.working > 0);
    if (working.length === 0 || instance.spillBytes() <= instance.scratchLimitBytes) return;
    for (const run of working) this.stop(run, 'scratch');
  }

  private async resetInstance(): Promise<void> {
    const opening = this.opening;
    if (!opening) return;
    this.opening = undefined;
    for (const id of [...this.runs.keys()]) await this.close(id).catch(() => undefined);
    const { instance, analysts, writers, watch } = await opening;
    clearInterval(watch);
    this.options.views.setReader(null);
    analysts.close();
    writers.close();
    instance.close();
  }

  page(queryId: string, offset: number, limit: number, sort?: QuerySort): Promise<QueryPage> {
    const run = this.get(queryId);
    const cache = run.cache;
    if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
    return this.track(run, (async () => {
      try {
        const rows = await cache.page(Math.max(0, Math.floor(offset)), clampPage(limit), sort);
        if (cache.isDone) { this.finished(run); this.options.log.finishRun(run.historyId, cache.rowCount); }
        return { queryId, columns: cache.columns, rows, offset, rowCount: cache.rowCount, done: cache.isDone, elapsedMs: Date.now() - run.started };
      } catch (e) {
        throw classifyDuckError(e, run.sql, run.stopReason, run.sql, this.scratchLimitBytes);
      }
    })());
  }

  /** Reads the rest of the result, e.g. to count or export it. */
  async complete(queryId: string): Promise<QueryPage> {
    const run = this.get(queryId);
    const cache = run.cache;
    if (cache) {
      const wasDone = cache.isDone;
      await this.track(run, cache.ensure(Number.POSITIVE_INFINITY)).catch((e: unknown) => { throw classifyDuckError(e, run.sql, run.stopReason, run.sql, this.scratchLimitBytes); });
      if (!wasDone) this.throwIfStopped(run); // a stream cut short by a stop is not a whole result
    }
    return this.page(queryId, 0, 0);
  }

  cache(queryId: string): ResultSource | undefined { return this.get(queryId).cache; }

  /**
   * A new result made by Cairn's own SQL over an open result's table (a time window of it, decision 0065):
   * `select` gets the parent's qualified table; `bound` names its parameters. The new result keeps the parent's
   * text and parameters (findings record them) and is paged, sorted and closed like any other.
   */
  async derive(parentId: string, select: (parentTable: string) => string, bound: Record<string, string>, pageSize?: number): Promise<QueryPage> {
    const parent = this.get(parentId);
    const source = parent.cache;
    if (!source) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
    const id = randomUUID();
    const run: Run = { id, busy: Promise.resolve(), working: 0, started: Date.now(), historyId: 0, sql: parent.sql, params: { ...parent.params }, abort: new AbortController() };
    this.runs.set(id, run);
    return this.track(run, (async () => {
      try {
        run.writer = await (await this.parts()).writers.acquire();
        const cache = await this.track(parent, source.derive(run.writer, `q_${id.replace(/-/g, '')}`, select, (p) => bindParams(p, bound)));
        run.cache = cache;
        const rows = await cache.page(0, clampPage(pageSize));
        this.finished(run);
        return { queryId: id, columns: cache.columns, rows, offset: 0, rowCount: cache.rowCount, done: true, elapsedMs: Date.now() - run.started };
      } catch (e) {
        await this.release(run);
        throw e instanceof CairnError ? e : classifyDuckError(e, parent.sql, run.stopReason, parent.sql, this.scratchLimitBytes);
      }
    })());
  }

  /** Runs Cairn's own read on the analyst instance (schema, completions): its view, never analyst SQL. */
  async internal<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.pinned((await this.parts()).writers, fn);
  }

  /**
   * Runs Cairn's own generated SQL (hunting rules) on an analyst connection: the dialect's macros and the
   * read-only evidence view, without the gate (the SQL is Cairn's, its values literals) or a result cache.
   */
  async generated<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.pinned((await this.parts()).analysts, fn);
  }

  /**
   * Cairn's own short reads for the workbench (row detail, surrounding events, IP lookups) on an analyst
   * connection, stopped like a run once `timeoutMs` (the engine's default when absent) has passed.
   */
  async bounded<T>(fn: (conn: DuckDBConnection) => Promise<T>, opts: { timeoutMs?: number; ipNetworks?: boolean } = {}): Promise<T> {
    if (opts.ipNetworks) await (await this.parts()).instance.ensureIpNetworks();
    const ms = opts.timeoutMs ?? this.defaultTimeoutMs;
    return this.generated(async (conn) => {
      let timedOut = false;
      const timer = ms > 0 ? setTimeout(() => { timedOut = true; conn.interrupt(); }, ms) : undefined;
      try {
        return await fn(conn);
      } catch (e) {
        throw timedOut ? stopError('timeout') : e;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /** A pool's connection on a held evidence view, for Cairn's own work. */
  private async pinned<T>(pool: ConnectionPool, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const unpin = await this.options.views.pin();
    const conn = await pool.acquire();
    try {
      return await fn(conn);
    } finally {
      pool.release(conn);
      unpin();
    }
  }

  /** The text and bound parameters of an open result, as the analyst ran them (findings record both). */
  source(queryId: string): { sql: string; params: Record<string, string> } {
    const run = this.get(queryId);
    return { sql: run.sql, params: { ...run.params } };
  }

  /**
   * Stops a run. The caller names its run, and its Cancel may reach the engine before the run does (two requests
   * over two connections): an unknown id is remembered a while, and a run that then arrives under it is cancelled.
   */
  cancel(queryId: string): void {
    const run = this.runs.get(queryId);
    if (run) { this.stop(run, 'cancel'); return; }
    const now = Date.now();
    for (const [id, at] of this.cancelledEarly) if (now - at > EARLY_CANCEL_MS || this.cancelledEarly.size >= EARLY_CANCEL_MAX) this.cancelledEarly.delete(id);
    this.cancelledEarly.set(queryId, now);
  }

  /**
   * Stops and forgets a run. The interrupt lands only on a statement that is executing, and closing the
   * connection under it loses the interrupt (the query ran on and the process could not exit), so wait first.
   */
  async close(queryId: string): Promise<void> {
    const run = this.runs.get(queryId);
    if (!run) return;
    this.runs.delete(queryId);
    this.stop(run, 'cancel');
    await Promise.race([run.busy, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
    await this.release(run);
  }

  private stop(run: Run, reason: StopReason): void {
    run.stopReason ??= reason;
    if (!run.abort.signal.aborted) run.abort.abort(stopError(run.stopReason));
    run.conn?.interrupt();
    // An interrupt reaches only a statement already executing: one the run starts just after it would run on
    // (a cross join made whole never ends), so it is sent again until the run's work has ended.
    if (run.reinterrupt || run.working === 0) return;
    run.reinterrupt = setInterval(() => {
      if (run.working > 0 && !run.released) { try { run.conn?.interrupt(); } catch { /* closed meanwhile */ } return; }
      clearInterval(run.reinterrupt);
      run.reinterrupt = undefined;
    }, REINTERRUPT_MS);
    run.reinterrupt.unref();
  }

  private throwIfStopped(run: Run): void {
    if (run.stopReason) throw stopError(run.stopReason);
  }

  /** The result is whole: its deadline and its hold on the evidence view end. */
  private finished(run: Run): void {
    this.clearTimer(run);
    run.unpin?.();
  }

  private donePage(run: Run, sql: string): QueryPage {
    return { queryId: run.id, columns: [], rows: [], offset: 0, rowCount: 0, done: true, elapsedMs: Date.now() - run.started, message: `${firstWords(sql)}: done` };
  }

  private async release(run: Run): Promise<void> {
    if (run.released) return;
    run.released = true;
    clearInterval(run.reinterrupt);
    this.runs.delete(run.id);
    this.clearTimer(run);
    await run.cache?.dispose().catch(() => undefined);
    run.unpin?.();
    const parts = await this.opening?.catch(() => undefined);
    // An interrupted connection stays usable (DuckDB); a run whose work did not end is not handed on.
    for (const [conn, pool] of [[run.conn, parts?.analysts], [run.writer, parts?.writers]] as const) {
      if (!conn) continue;
      if (run.working === 0 && pool) pool.release(conn); else conn.closeSync();
    }
  }

  /** The dialect rewrite depends only on the text, so re-runs (history, library, paging tabs) reuse it. */
  private async translate(text: string, conn: DuckDBConnection): Promise<string> {
    if (!this.options.translate) return text;
    const known = this.translations.get(text);
    if (known !== undefined) return known;
    const out = await this.options.translate(text, conn);
    if (this.translations.size >= TRANSLATION_CACHE) this.translations.delete(this.translations.keys().next().value!);
    this.translations.set(text, out);
    return out;
  }

  private track<T>(run: Run, work: Promise<T>): Promise<T> {
    run.working++;
    run.busy = work.then(() => undefined, () => undefined).finally(() => { run.working--; });
    return work;
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.runs.keys()]) await this.close(id);
    await this.resetInstance();
  }

  private get(queryId: string): Run {
    const run = this.runs.get(queryId);
    if (!run) throw new CairnError('NOT_FOUND', `no open result ${queryId} (it was closed or the case was reopened)`);
    return run;
  }

  private clearTimer(run: Run): void {
    if (run.timer) clearTimeout(run.timer);
    run.timer = undefined;
  }
}

function clampPage(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_PAGE;
  return Math.max(0, Math.min(MAX_PAGE, Math.floor(n)));
}

function firstWords(sql: string): string {
  return sql.trim().split(/\s+/).slice(0, 3).join(' ').toUpperCase();
}

/** Named parameters ($start, $principal, ...) are bound as text, never spliced into SQL. */
function bindParams(prepared: DuckDBPreparedStatement, params: Record<string, string>): void {
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    const value = params[name];
    if (value === undefined) throw new CairnError('BAD_REQUEST', `the query needs a value for parameter $${name}`);
    prepared.bindVarchar(i, value);
  }
}
