import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { splitStatements } from '../../../shared/sql/split-statements';
import type { QueryPage, QuerySort } from '../../../shared/types';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import { openAnalystConnection, type ConnectionSetup } from './analyst-connection';
import { ConnectionPool } from './connection-pool';
import { classifyDuckError } from './duck-errors';
import { ResultCache } from './result-cache';
import { gateStatement } from './statement-gate';

export interface RunQueryOptions {
  params?: Record<string, string>;
  pageSize?: number;
  /** Stop the query after this long (ms). 0 or absent: no limit. */
  timeoutMs?: number;
  /** Chosen by the caller so it can cancel the run before its first page arrives. */
  queryId?: string;
}

/** Rewrites one statement from the analyst's dialect (Athena/Presto) to DuckDB's. */
export type Translate = (sql: string, conn: DuckDBConnection) => Promise<string>;

interface Run {
  id: string;
  /** Settles when the statement or page read in progress ends; close() waits for it after interrupting. */
  busy: Promise<unknown>;
  released?: boolean;
  /** Operations in progress on the run's connections. */
  working: number;
  conn: DuckDBConnection;
  writer: DuckDBConnection;
  cache?: ResultCache;
  started: number;
  historyId: number;
  stopReason?: 'timeout' | 'cancel';
  timer?: NodeJS.Timeout;
  sql: string;
  params: Record<string, string>;
}

const DEFAULT_PAGE = 200;
const CLOSE_WAIT_MS = 10_000;
const TRANSLATION_CACHE = 256;
const MAX_PAGE = 10_000;

/**
 * Runs analyst SQL: each statement is translated, gated and run on its own analyst connection (never the
 * importer's), results are paged lazily, and any run can be cancelled or timed out.
 */
export class QueryEngine {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly store: CaseStore,
    private readonly options: { setup?: ConnectionSetup; translate?: Translate } = {},
  ) {
    this.analysts = new ConnectionPool(() => openAnalystConnection(instance, options.setup));
    this.writers = new ConnectionPool(() => instance.connect());
  }

  private readonly analysts: ConnectionPool;
  private readonly translations = new Map<string, string>();
  private readonly writers: ConnectionPool;

  async run(sql: string, opts: RunQueryOptions = {}): Promise<QueryPage> {
    const statements = splitStatements(sql);
    if (statements.length === 0) throw new CairnError('BAD_REQUEST', 'no SQL statement to run');
    const pageSize = clampPage(opts.pageSize);
    if (opts.queryId !== undefined && (!/^[A-Za-z0-9-]{1,64}$/.test(opts.queryId) || this.runs.has(opts.queryId))) {
      throw new CairnError('BAD_REQUEST', 'queryId must be 1-64 letters, digits or dashes and not already in use');
    }
    const conn = await this.analysts.acquire();
    const writer = await this.writers.acquire();
    const id = opts.queryId ?? randomUUID();
    const run: Run = { id, busy: Promise.resolve(), working: 0, conn, writer, started: Date.now(), historyId: 0, sql, params: { ...(opts.params ?? {}) } };
    this.runs.set(id, run);
    if (opts.timeoutMs && opts.timeoutMs > 0) {
      run.timer = setTimeout(() => { run.stopReason = 'timeout'; conn.interrupt(); }, opts.timeoutMs);
    }
    return this.track(run, this.runStatements(run, sql, statements.map((st) => st.text), opts, pageSize));
  }

  private async runStatements(run: Run, sql: string, statements: string[], opts: RunQueryOptions, pageSize: number): Promise<QueryPage> {
    const { id, conn, writer } = run;
    let current = statements[0]!;
    let ran = current;
    try {
      let page: QueryPage | undefined;
      for (const [k, text] of statements.entries()) {
        if (run.stopReason) throw new CairnError(run.stopReason === 'timeout' ? 'TIMEOUT' : 'CANCELLED', run.stopReason === 'timeout' ? 'query timed out and was stopped' : 'query cancelled');
        current = text;
        ran = text;
        const translated = await this.translate(text, conn);
        const gated = await gateStatement(translated, conn);
        ran = gated.sql;
        const last = k === statements.length - 1;
        if (gated.kind === 'scratch-ddl' || !last) {
          gated.prepared?.destroySync();
          await conn.run(gated.sql, bindable(gated.sql, opts.params));
          if (last) page = { queryId: id, columns: [], rows: [], offset: 0, rowCount: 0, done: true, elapsedMs: Date.now() - run.started, message: `${firstWords(gated.sql)}: done` };
          continue;
        }
        const prepared = gated.prepared ?? await conn.prepare(gated.sql);
        bindParams(prepared, opts.params ?? {});
        const stream = await prepared.stream();
        run.cache = await ResultCache.create(stream, writer, `q_${id.replace(/-/g, '')}`);
        const rows = await run.cache.page(0, pageSize);
        page = { queryId: id, columns: run.cache.columns, rows, offset: 0, rowCount: run.cache.rowCount, done: run.cache.isDone, elapsedMs: Date.now() - run.started };
      }
      run.historyId = this.store.transaction(() => {
        const historyId = this.store.recordQuery({ sql, params: opts.params, durationMs: page!.elapsedMs, rows: page!.done ? page!.rowCount : null, status: 'ok' });
        this.store.audit('query.run', { queryRun: historyId, sql, params: opts.params ?? {} });
        return historyId;
      });
      if (page!.done) this.clearTimer(run);
      return page!;
    } catch (e) {
      const err = classifyDuckError(e, current, run.stopReason, ran);
      this.store.transaction(() => {
        const historyId = this.store.recordQuery({ sql, params: opts.params, durationMs: Date.now() - run.started, rows: null, status: err.code, error: err.message });
        this.store.audit('query.run', { queryRun: historyId, sql, params: opts.params ?? {}, error: err.code });
      });
      await this.release(run);
      throw err;
    }
  }

  page(queryId: string, offset: number, limit: number, sort?: QuerySort): Promise<QueryPage> {
    const run = this.get(queryId);
    const cache = run.cache;
    if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows');
    return this.track(run, (async () => {
      try {
        const rows = await cache.page(Math.max(0, Math.floor(offset)), clampPage(limit), sort);
        if (cache.isDone) { this.clearTimer(run); this.store.finishQuery(run.historyId, cache.rowCount); }
        return { queryId, columns: cache.columns, rows, offset, rowCount: cache.rowCount, done: cache.isDone, elapsedMs: Date.now() - run.started };
      } catch (e) {
        throw classifyDuckError(e, run.sql, run.stopReason);
      }
    })());
  }

  /** Reads the rest of the result, e.g. to count or export it. */
  async complete(queryId: string): Promise<QueryPage> {
    const run = this.get(queryId);
    const cache = run.cache;
    if (cache) {
      await this.track(run, cache.ensure(Number.POSITIVE_INFINITY)).catch((e: unknown) => { throw classifyDuckError(e, run.sql, run.stopReason); });
    }
    return this.page(queryId, 0, 0);
  }

  cache(queryId: string): ResultCache | undefined { return this.get(queryId).cache; }

  /** The text and bound parameters of an open result, as the analyst ran them (findings record both). */
  source(queryId: string): { sql: string; params: Record<string, string> } {
    const run = this.get(queryId);
    return { sql: run.sql, params: { ...run.params } };
  }

  cancel(queryId: string): void {
    const run = this.runs.get(queryId);
    if (!run) return;
    run.stopReason = 'cancel';
    run.conn.interrupt();
  }

  /**
   * Stops and forgets a run. The interrupt lands only on a statement that is executing, and closing the
   * connection under it loses the interrupt (measured: the query ran on and the process could not exit),
   * so wait for the work in progress to end first.
   */
  async close(queryId: string): Promise<void> {
    const run = this.runs.get(queryId);
    if (!run) return;
    this.runs.delete(queryId);
    run.stopReason ??= 'cancel';
    run.conn.interrupt();
    await Promise.race([run.busy, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
    await this.release(run);
  }

  private async release(run: Run): Promise<void> {
    if (run.released) return;
    run.released = true;
    this.runs.delete(run.id);
    this.clearTimer(run);
    await run.cache?.dispose().catch(() => undefined);
    // An interrupted connection stays usable (DuckDB); a run whose work did not end is not handed on.
    if (run.working === 0) { this.analysts.release(run.conn); this.writers.release(run.writer); } else { run.conn.closeSync(); run.writer.closeSync(); }
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
    this.analysts.close();
    this.writers.close();
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
function bindParams(prepared: { parameterCount: number; parameterName(i: number): string; bindVarchar(i: number, v: string): void }, params: Record<string, string>): void {
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    const value = params[name];
    if (value === undefined) throw new CairnError('BAD_REQUEST', `the query needs a value for parameter $${name}`);
    prepared.bindVarchar(i, value);
  }
}

function bindable(sql: string, params: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!params) return undefined;
  const used = Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql));
  return used.length > 0 ? Object.fromEntries(used) : undefined;
}
