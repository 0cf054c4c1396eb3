import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Keeps a few ready connections. Opening an analyst connection installs the dialect (dozens of macros, about
 * 25 ms measured), which would otherwise be paid by every query.
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;

  constructor(private readonly open: () => Promise<DuckDBConnection>, private readonly maxIdle = 4) {}

  async acquire(): Promise<DuckDBConnection> {
    return this.idle.pop() ?? this.open();
  }

  release(conn: DuckDBConnection): void {
    if (this.closed || this.idle.length >= this.maxIdle) conn.closeSync();
    else this.idle.push(conn);
  }

  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}
