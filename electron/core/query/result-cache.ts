import { JsonDuckDBValueConverter, StatementType, type DuckDBAppender, type DuckDBConnection, type DuckDBDataChunk, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import type { QueryColumn, QuerySort } from '../../../shared/types';
import { quoteIdent } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { RESULTS_DB } from './analyst-instance';
import type { ResultSource } from './result-source';

const HEAD_ROWS = 2048;
const FLUSH_ROWS = 2048;
/** Rows of the latest chunks kept for page() to serve directly (a page is at most 10,000 rows). */
const RECENT_ROWS = 12_000;

/**
 * A query result. Most are made by DuckDB itself: the analyst's SELECT runs once as `CREATE TABLE ... AS` into
 * the results database (parallel, native, spilling to the case's tmp), so every page is a rowid range of one
 * table, and sorting, histograms, findings and exports are SQL over it, whatever the result's size
 * (docs/decisions/0050-results-made-by-duckdb.md). Statements that cannot be wrapped (EXPLAIN, PIVOT)
 * are read lazily from DuckDB's stream instead, as follows.
 *
 * A streamed result: The first HEAD_ROWS rows stay in memory (most results are
 * small, and most page requests are for the top); past them, or to sort or aggregate, the result is kept chunk
 * by chunk in a table of the disk-backed results database, so any later page is a rowid range scan and memory
 * stays bounded whatever the result's size. Pumping is serialised: one reader of the stream at a time.
 */
export class ResultCache implements ResultSource {
  private materialized = 0;
  private readonly head: unknown[][] = [];
  /** The head's chunks as they came, until the results table exists and takes them. */
  private headChunks: DuckDBDataChunk[] | undefined = [];
  private materializing: Promise<void> | undefined;
  private unflushed = 0;
  private done = false;
  private pumping: Promise<void> = Promise.resolve();
  private appender: DuckDBAppender | undefined;
  /** The last chunks read from the stream (about RECENT_ROWS rows), and the row they start at (see page()). */
  private recent: { start: number; rows: number; chunks: DuckDBDataChunk[] } = { start: 0, rows: 0, chunks: [] };

  private constructor(
    /** null when DuckDB made the whole result as a table (materialize()). */
    private readonly stream: DuckDBResult | null,
    private readonly writer: DuckDBConnection,
    readonly table: string,
    readonly columns: QueryColumn[],
  ) {}

  static async create(stream: DuckDBResult, writer: DuckDBConnection, table: string): Promise<ResultCache> {
    const names = dedupe(stream.columnNames());
    const types = stream.columnTypes().map((t) => t.toString());
    return new ResultCache(stream, writer, table, names.map((name, k) => ({ name, type: types[k]! })));
  }

  /**
   * Runs `sql` (a statement the gate judged a SELECT) as `CREATE TABLE <results table> AS sql` on the analyst's
   * connection, so its names resolve as the analyst's do. Returns null when DuckDB cannot take the statement in
   * that form (EXPLAIN, PIVOT...): the caller streams it instead. Errors of the run itself are thrown.
   */
  static async materialize(conn: DuckDBConnection, writer: DuckDBConnection, table: string, sql: string, bind: (p: DuckDBPreparedStatement) => void): Promise<ResultCache | null> {
    const qualified = `${RESULTS_DB}.main.${quoteIdent(table)}`;
    // The newline ends a trailing line comment of the analyst's text.
    if (!await runCreate(conn, `CREATE TABLE ${qualified} AS ${sql}\n`, bind)) return null;
    const shape = await writer.runAndReadAll(`SELECT * FROM ${qualified} LIMIT 0`);
    const types = shape.columnTypes().map((t) => t.toString());
    const count = await writer.runAndReadAll(`SELECT count(*)::BIGINT FROM ${qualified}`);
    const cache = new ResultCache(null, writer, table, shape.columnNames().map((name, k) => ({ name, type: types[k]! })));
    cache.materialized = Number(count.getRows()[0]![0]);
    cache.done = true;
    cache.headChunks = undefined;
    cache.materializing = Promise.resolve();
    return cache;
  }

  private get qualified(): string { return `${RESULTS_DB}.main.${quoteIdent(this.table)}`; }

  /** Creates the results table on first need and hands it the head's chunks, in order (once). */
  private materialize(): Promise<void> {
    this.materializing ??= this.createTable();
    return this.materializing;
  }

  private async createTable(): Promise<void> {
    if (!this.headChunks) return;
    await this.writer.run(`CREATE TABLE ${this.qualified} (${this.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
    const appender = await this.writer.createAppender(this.table, 'main', RESULTS_DB);
    for (const chunk of this.headChunks) this.append(appender, chunk);
    appender.flushSync();
    this.unflushed = 0;
    this.headChunks = undefined;
    if (this.done) appender.closeSync(); else this.appender = appender;
  }

  private append(appender: DuckDBAppender, chunk: DuckDBDataChunk): void {
    appender.appendDataChunk(chunk);
    // Flushed every FLUSH_ROWS rows. Never flushing until the end stored full chunks out of order on
    // DuckDB 1.5.6 (rowid paging of ORDER BY results broke), while flushing after every small chunk of a
    // selective filter cost a commit each (16k rows took 6 s longer than the query itself).
    this.unflushed += chunk.rowCount;
    if (this.unflushed >= FLUSH_ROWS) { appender.flushSync(); this.unflushed = 0; }
  }

  get rowCount(): number { return this.materialized; }
  get isDone(): boolean { return this.done; }

  /** Reads from the stream until at least `rows` rows are cached or the stream ends. */
  ensure(rows: number): Promise<void> {
    const next = this.pumping.then(async () => {
      while (!this.done && this.materialized < rows) {
        const chunk = await this.stream!.fetchChunk();
        if (!chunk || chunk.rowCount === 0) { this.finish(); break; }
        this.remember(chunk);
        if (this.head.length < HEAD_ROWS) this.head.push(...(chunk.convertRows(JsonDuckDBValueConverter) as unknown[][]).slice(0, HEAD_ROWS - this.head.length));
        this.materialized += chunk.rowCount;
        if (this.headChunks) {
          this.headChunks.push(chunk);
          if (this.materialized > HEAD_ROWS) await this.materialize();
        } else {
          this.append(this.appender!, chunk);
        }
      }
      this.appender?.flushSync();
      this.unflushed = 0;
    });
    this.pumping = next.catch(() => undefined);
    return next;
  }

  private finish(): void {
    this.done = true;
    this.appender?.flushSync();
    this.appender?.closeSync();
    this.appender = undefined;
  }

  async page(offset: number, limit: number, sort?: QuerySort): Promise<unknown[][]> {
    const qualified = this.qualified;
    if (sort) {
      if (!this.columns.some((c) => c.name === sort.column)) throw new CairnError('BAD_REQUEST', `no column ${sort.column} in this result`);
      await this.ensure(Number.POSITIVE_INFINITY);
      await this.materialize();
      const r = await this.writer.runAndReadAll(
        `SELECT * FROM ${qualified} ORDER BY ${quoteIdent(sort.column)} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, rowid LIMIT $limit OFFSET $offset`,
        { limit, offset });
      return r.getRowsJson() as unknown[][];
    }
    await this.ensure(offset + limit);
    const end = Math.min(offset + limit, this.materialized);
    if (end <= this.head.length) return this.head.slice(offset, end);
    const fresh = this.fromRecent(offset, end);
    if (fresh) return fresh;
    const r = await this.writer.runAndReadAll(`SELECT * FROM ${qualified} WHERE rowid >= $lo AND rowid < $hi ORDER BY rowid`, { lo: offset, hi: offset + limit });
    return r.getRowsJson() as unknown[][];
  }

  private remember(chunk: DuckDBDataChunk): void {
    const r = this.recent;
    r.chunks.push(chunk);
    r.rows += chunk.rowCount;
    while (r.chunks.length > 1 && r.rows - r.chunks[0]!.rowCount >= RECENT_ROWS) {
      const dropped = r.chunks.shift()!;
      r.start += dropped.rowCount;
      r.rows -= dropped.rowCount;
    }
  }

  /**
   * Rows [offset, end) if the latest chunks read from the stream hold all of them: reading a result front
   * to back, each page is what was just read, and converting those chunks beats reading them back from the
   * results table (6,771 rows in 5,000-row pages: 77 ms against 54 ms for DuckDB alone).
   */
  private fromRecent(offset: number, end: number): unknown[][] | null {
    const { start, chunks } = this.recent;
    if (offset < start) return null;
    const rows: unknown[][] = [];
    let at = start;
    for (const chunk of chunks) {
      const next = at + chunk.rowCount;
      if (next > offset && at < end) {
        const converted = chunk.convertRows(JsonDuckDBValueConverter) as unknown[][];
        rows.push(...converted.slice(Math.max(0, offset - at), Math.min(chunk.rowCount, end - at)));
      }
      at = next;
    }
    return at >= end && rows.length === end - offset ? rows : null;
  }

  /** Runs a read over the whole cached result (histograms); `build` gets the qualified table name. */
  async aggregate(build: (table: string) => string, params?: Record<string, number>): Promise<Record<string, unknown>[]> {
    await this.ensure(Number.POSITIVE_INFINITY);
    await this.materialize();
    const r = await this.writer.runAndReadAll(build(this.qualified), params);
    return r.getRowObjectsJS();
  }

  async derive(writer: DuckDBConnection, table: string, select: (from: string) => string, bind: (p: DuckDBPreparedStatement) => void): Promise<ResultSource> {
    // A streamed result (EXPLAIN...) gets its table whole first; a materialised one already is.
    await this.ensure(Number.POSITIVE_INFINITY);
    await this.materialize();
    const made = await ResultCache.materialize(writer, writer, table, select(this.qualified), bind);
    if (!made) throw new CairnError('INTERNAL', 'the derived result could not be made as a table');
    return made;
  }

  async dispose(): Promise<void> {
    await this.pumping;
    try { this.appender?.closeSync(); } catch { /* stream already failed */ }
    this.appender = undefined;
    await this.materializing?.catch(() => undefined);
    if (this.headChunks) { this.headChunks = undefined; return; } // never materialised: nothing to drop
    await this.writer.run(`DROP TABLE IF EXISTS ${this.qualified}`).catch(() => undefined);
  }
}

/** Result column names can repeat (SELECT a.id, b.id); the cache table needs unique ones. */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const key = n.toLowerCase();
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return k === 0 ? n : `${n}_${k + 1}`;
  });
}

/**
 * Prepares and runs a `CREATE TABLE ... AS` that wraps analyst text on the analyst's connection; false when DuckDB
 * will not take it in that form (it fails to prepare, or is not one CREATE). Errors of the run itself are thrown.
 */
export async function runCreate(conn: DuckDBConnection, createSql: string, bind: (p: DuckDBPreparedStatement) => void): Promise<boolean> {
  let prepared: DuckDBPreparedStatement;
  try { prepared = await conn.prepare(createSql); } catch { return false; }
  try {
    if (prepared.statementType !== StatementType.CREATE) return false;
    bind(prepared);
    await prepared.run();
    return true;
  } finally {
    prepared.destroySync();
  }
}
