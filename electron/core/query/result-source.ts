import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import type { QueryColumn, QuerySort } from '../../../shared/types';

/**
 * An open result as the rest of the core reads it: pages, reads over the whole of it, its row count.
 * A ResultCache holds its rows (decision 0050); a PointerResult holds evidence row keys (decision 0054).
 */
export interface ResultSource {
  readonly columns: QueryColumn[];
  readonly rowCount: number;
  readonly isDone: boolean;
  /** Reads on until at least `rows` rows are known or the result ends. */
  ensure(rows: number): Promise<void>;
  page(offset: number, limit: number, sort?: QuerySort): Promise<unknown[][]>;
  /** Runs a read over the whole result; `build` gets something to select FROM. */
  aggregate(build: (from: string) => string, params?: Record<string, number>): Promise<Record<string, unknown>[]>;
  /**
   * Makes a new result, named `table`, from this one on `writer`: `select` gets a FROM target whose `rowid` is
   * this result's order (a time window of it, decision 0065).
   */
  derive(writer: DuckDBConnection, table: string, select: (from: string) => string, bind: (p: DuckDBPreparedStatement) => void): Promise<ResultSource>;
  dispose(): Promise<void>;
}
