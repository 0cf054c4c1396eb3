import { JsonDuckDBValueConverter, type DuckDBAppender, type DuckDBConnection, type DuckDBResult } from '@duckdb/node-api';
import type { QueryColumn, QuerySort } from '../../../shared/types';
import { quoteIdent } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { RESULTS_DB } from './analyst-connection';

const HEAD_ROWS = 2048;
const FLUSH_ROWS = 2048;

/**
 * A query result read lazily from DuckDB's stream and kept, chunk by chunk, in a table of the disk-backed
 * results database: the first page costs one chunk, any later page is a rowid range scan, and memory stays
 * bounded whatever the result's size. Pumping is serialised: one reader of the stream at a time.
 */
export class ResultCache {
  private materialized = 0;
  private readonly head: unknown[][] = [];
  private unflushed = 0;
  private done = false;
  private pumping: Promise<void> = Promise.resolve();
  private appender: DuckDBAppender | undefined;

  private constructor(
    private readonly stream: DuckDBResult,
    private readonly writer: DuckDBConnection,
    readonly table: string,
    readonly columns: QueryColumn[],
  ) {}

  static async create(stream: DuckDBResult, writer: DuckDBConnection, table: string): Promise<ResultCache> {
    const names = dedupe(stream.columnNames());
    const types = stream.columnTypes().map((t) => t.toString());
    const columns = names.map((name, k) => ({ name, type: types[k]! }));
    await writer.run(`CREATE TABLE ${RESULTS_DB}.main.${quoteIdent(table)} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
    const cache = new ResultCache(stream, writer, table, columns);
    cache.appender = await writer.createAppender(table, 'main', RESULTS_DB);
    return cache;
  }

  get rowCount(): number { return this.materialized; }
  get isDone(): boolean { return this.done; }

  /** Reads from the stream until at least `rows` rows are cached or the stream ends. */
  ensure(rows: number): Promise<void> {
    const next = this.pumping.then(async () => {
      while (!this.done && this.materialized < rows) {
        const chunk = await this.stream.fetchChunk();
        if (!chunk || chunk.rowCount === 0) { this.finish(); break; }
        if (this.head.length < HEAD_ROWS) this.head.push(...(chunk.convertRows(JsonDuckDBValueConverter) as unknown[][]).slice(0, HEAD_ROWS - this.head.length));
        this.appender!.appendDataChunk(chunk);
        // Flushed every FLUSH_ROWS rows. Never flushing until the end stored full chunks out of order on
        // DuckDB 1.5.6 (rowid paging of ORDER BY results broke), while flushing after every small chunk of a
        // selective filter cost a commit each (16k rows took 6 s longer than the query itself).
        this.unflushed += chunk.rowCount;
        if (this.unflushed >= FLUSH_ROWS) { this.appender!.flushSync(); this.unflushed = 0; }
        this.materialized += chunk.rowCount;
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
    const qualified = `${RESULTS_DB}.main.${quoteIdent(this.table)}`;
    if (sort) {
      await this.ensure(Number.POSITIVE_INFINITY);
      if (!this.columns.some((c) => c.name === sort.column)) throw new CairnError('BAD_REQUEST', `no column ${sort.column} in this result`);
      const r = await this.writer.runAndReadAll(
        `SELECT * FROM ${qualified} ORDER BY ${quoteIdent(sort.column)} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, rowid LIMIT $limit OFFSET $offset`,
        { limit, offset });
      return r.getRowsJson() as unknown[][];
    }
    await this.ensure(offset + limit);
    // The first rows are kept as converted when they streamed by: most results are small, and most page
    // requests are for the top, so they skip a round trip through the results table.
    const end = Math.min(offset + limit, this.materialized);
    if (end <= this.head.length) return this.head.slice(offset, end);
    const r = await this.writer.runAndReadAll(`SELECT * FROM ${qualified} WHERE rowid >= $lo AND rowid < $hi ORDER BY rowid`, { lo: offset, hi: offset + limit });
    return r.getRowsJson() as unknown[][];
  }

  /** Runs a read over the whole cached result (histograms); `build` gets the qualified table name. */
  async aggregate(build: (table: string) => string, params?: Record<string, number>): Promise<Record<string, unknown>[]> {
    await this.ensure(Number.POSITIVE_INFINITY);
    const r = await this.writer.runAndReadAll(build(`${RESULTS_DB}.main.${quoteIdent(this.table)}`), params);
    return r.getRowObjectsJS();
  }

  async dispose(): Promise<void> {
    await this.pumping;
    try { this.appender?.closeSync(); } catch { /* stream already failed */ }
    this.appender = undefined;
    await this.writer.run(`DROP TABLE IF EXISTS ${RESULTS_DB}.main.${quoteIdent(this.table)}`).catch(() => undefined);
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
