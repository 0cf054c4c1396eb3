// Bench-only: makes Case.open skip DuckDB's lock_configuration (everything else of the lockdown stays).
// Used only when a probe shows an importer failing with "the configuration has been locked" (an importer
// that changes a setting after the case locked the instance), so its speed can still be measured.
import type { DuckDBConnection } from '@duckdb/node-api';
import * as lockDown from '../electron/core/duck/lock-down';

export function disableConfigLock(): void {
  const original = lockDown.lockDownInstance;
  const patched: typeof original = (conn, dirs) => original(skipLock(conn), dirs);
  (lockDown as { lockDownInstance: typeof original }).lockDownInstance = patched;
}

function skipLock(conn: DuckDBConnection): DuckDBConnection {
  return new Proxy(conn, {
    get(target, prop) {
      if (prop === 'run') {
        return (sql: string, ...rest: unknown[]) => (/lock_configuration/i.test(sql) ? Promise.resolve() : (target.run as (...a: unknown[]) => unknown)(sql, ...rest));
      }
      const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
