import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import type { QueryColumn, QuerySort } from '../../../shared/types';
import { quoteIdent } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { EVIDENCE_CATALOG, RESULTS_DB } from './analyst-instance';
import { runCreate } from './result-cache';
import type { ResultSource } from './result-source';

/** Holds the evidence view for one read (duck/evidence-views.ts); the returned function lets it go. */
export type PinEvidence = () => Promise<() => void>;

/**
 * A result that returns evidence rows whole (`SELECT * FROM <evidence table> ...`): DuckDB keeps only each row's
 * key, `(_evidence_id, _ordinal)`, in result order, and pages read the rows back from the evidence table, which
 * only ever grows (decision 0054). A 1M-row result is whole in a fraction of a second instead of being copied.
 */
export class PointerResult implements ResultSource {
  readonly isDone = true;
  /** One sorted order of the keys at a time: the grid sorts by one column. */
  private sorted: { key: string; table: string; made: Promise<void> } | undefined;
  private sorts = 0;

  private constructor(
    private readonly writer: DuckDBConnection,
    private readonly table: string,
    private readonly evidenceTable: string,
    private readonly pin: PinEvidence,
    readonly columns: QueryColumn[],
    readonly rowCount: number,
  ) {}

  /**
   * Runs `CREATE TABLE <keys> AS SELECT _evidence_id, _ordinal FROM (sql)` on the analyst's connection (its names
   * resolve as the analyst's do), in the statement's own order or else the evidence order. Null when DuckDB will
   * not take the statement in that form; errors of the run itself are thrown.
   */
  static async make(conn: DuckDBConnection, writer: DuckDBConnection, table: string, sql: string, shape: { table: string; ordered: boolean },
    bind: (p: DuckDBPreparedStatement) => void, pin: PinEvidence): Promise<PointerResult | null> {
    // The newline ends a trailing line comment of the analyst's text.
    const create = `CREATE TABLE ${qualified(`${table}_keys`)} AS SELECT _evidence_id, _ordinal FROM (${sql}\n) ${shape.ordered ? '' : 'ORDER BY 1, 2'}`;
    return await runCreate(conn, create, bind) ? PointerResult.open(writer, table, shape.table, pin) : null;
  }

  private static async open(writer: DuckDBConnection, table: string, evidenceTable: string, pin: PinEvidence): Promise<PointerResult> {
    const evidence = `${EVIDENCE_CATALOG}.main.${quoteIdent(evidenceTable)}`;
    await writer.run(`CREATE VIEW ${qualified(table)} AS ${joinKeys(`${qualified(`${table}_keys`)}`, evidence, 't.*')}`);
    const unpin = await pin();
    try {
      const shape = await writer.runAndReadAll(`SELECT * FROM ${evidence} LIMIT 0`);
      const types = shape.columnTypes().map((t) => t.toString());
      const count = await writer.runAndReadAll(`SELECT count(*)::BIGINT FROM ${qualified(`${table}_keys`)}`);
      return new PointerResult(writer, table, evidenceTable, pin, shape.columnNames().map((name, k) => ({ name, type: types[k]! })), Number(count.getRows()[0]![0]));
    } finally {
      unpin();
    }
  }

  private get keys(): string { return qualified(`${this.table}_keys`); }
  private get evidence(): string { return `${EVIDENCE_CATALOG}.main.${quoteIdent(this.evidenceTable)}`; }

  async ensure(): Promise<void> { /* whole from the start */ }

  async page(offset: number, limit: number, sort?: QuerySort): Promise<unknown[][]> {
    let positions = `SELECT rowid AS __cairn_pos, _evidence_id, _ordinal FROM ${this.keys} WHERE rowid >= $lo AND rowid < $hi`;
    if (sort) {
      if (!this.columns.some((c) => c.name === sort.column)) throw new CairnError('BAD_REQUEST', `no column ${sort.column} in this result`);
      const order = await this.sortedKeys(sort);
      positions = `SELECT s.rowid AS __cairn_pos, k._evidence_id, k._ordinal FROM ${order} s JOIN ${this.keys} k ON k.rowid = s.__cairn_key WHERE s.rowid >= $lo AND s.rowid < $hi`;
    }
    const rows = await this.read(`${joinKeys(`(${positions})`, this.evidence, 't.*')} ORDER BY k.__cairn_pos`, { lo: offset, hi: offset + limit });
    const expected = Math.max(0, Math.min(limit, this.rowCount - offset));
    // Evidence rows are only ever added; a key that finds no row means the evidence changed under the result.
    if (rows.length !== expected) throw new CairnError('INTERNAL', `the evidence rows of this result changed (${expected - rows.length} of a page missing): run the query again`);
    return rows;
  }

  /** The keys in the grid's sort (its column, then result order), made once per sort. */
  private async sortedKeys(sort: QuerySort): Promise<string> {
    const key = `${sort.column}\u0000${sort.descending ? 'd' : 'a'}`;
    if (this.sorted?.key !== key) {
      const previous = this.sorted;
      const table = qualified(`${this.table}_sorted_${++this.sorts}`);
      const made = (async () => {
        await previous?.made.catch(() => undefined);
        const unpin = await this.pin();
        try {
          await this.writer.run(`CREATE TABLE ${table} AS SELECT k.rowid AS __cairn_key FROM ${this.keys} k JOIN ${this.evidence} t
            ON t._evidence_id = k._evidence_id AND t._ordinal = k._ordinal ORDER BY t.${quoteIdent(sort.column)} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, k.rowid`);
        } finally {
          unpin();
        }
        if (previous) await this.writer.run(`DROP TABLE IF EXISTS ${previous.table}`).catch(() => undefined);
      })();
      this.sorted = { key, table, made };
    }
    const current = this.sorted!;
    await current.made;
    return current.table;
  }

  async aggregate(build: (from: string) => string, params?: Record<string, number>): Promise<Record<string, unknown>[]> {
    const unpin = await this.pin();
    try {
      return (await this.writer.runAndReadAll(build(qualified(this.table)), params)).getRowObjectsJS();
    } finally {
      unpin();
    }
  }

  async derive(writer: DuckDBConnection, table: string, select: (from: string) => string, bind: (p: DuckDBPreparedStatement) => void): Promise<ResultSource> {
    // The rows in result order, `rowid` being the position; what `select` keeps stays a pointer result.
    const from = `(${joinKeys(`(SELECT rowid AS __cairn_pos, _evidence_id, _ordinal FROM ${this.keys})`, this.evidence, 't.*, k.__cairn_pos AS rowid')})`;
    const unpin = await this.pin();
    try {
      const made = await PointerResult.make(writer, writer, table, select(from), { table: this.evidenceTable, ordered: true }, bind, this.pin);
      if (!made) throw new CairnError('INTERNAL', 'the derived result could not be made');
      return made;
    } finally {
      unpin();
    }
  }

  private async read(sql: string, params: Record<string, number>): Promise<unknown[][]> {
    const unpin = await this.pin();
    try {
      return (await this.writer.runAndReadAll(sql, params)).getRowsJson() as unknown[][];
    } finally {
      unpin();
    }
  }

  async dispose(): Promise<void> {
    await this.sorted?.made.catch(() => undefined);
    const drops = [`DROP VIEW IF EXISTS ${qualified(this.table)}`, `DROP TABLE IF EXISTS ${this.keys}`];
    if (this.sorted) drops.push(`DROP TABLE IF EXISTS ${this.sorted.table}`);
    for (const drop of drops) await this.writer.run(drop).catch(() => undefined);
  }
}

function qualified(table: string): string { return `${RESULTS_DB}.main.${quoteIdent(table)}`; }

/** Evidence rows for a relation of keys `k`, projected by `columns` (over `t`, the evidence table, and `k`). */
function joinKeys(keys: string, evidence: string, columns: string): string {
  return `SELECT ${columns} FROM ${keys} k JOIN ${evidence} t ON t._evidence_id = k._evidence_id AND t._ordinal = k._ordinal`;
}
