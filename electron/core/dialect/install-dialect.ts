import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

const IP_MACROS = readFileSync(join(__dirname, 'ip-macros.sql'), 'utf8');
const PRESTO_MACROS = readFileSync(join(__dirname, 'presto-macros.sql'), 'utf8');

/**
 * Settings Athena semantics need. They are per-session settings, but an instance locked with
 * lock_configuration=true refuses SET: put them in the instance config (DuckDBInstance.create(path, {...}))
 * or SET GLOBAL them before locking.
 * - integer_division: Presto's 5/2 is 2 (truncating); DuckDB's default is 2.5.
 * - TimeZone: Athena sessions are UTC; from_unixtime/from_iso8601_timestamp/date_add on timestamps with
 *   time zone and date_format all depend on it.
 */
export const DIALECT_SETTINGS: Readonly<Record<string, string>> = { integer_division: 'true', TimeZone: 'UTC' };

/**
 * Makes an analyst connection speak Athena: installs the Presto functions as TEMP macros (the connection's
 * temp catalog, never the evidence database) and checks the settings above, setting them if the
 * configuration is not locked. Throws if a setting is wrong and cannot be changed: running on would give
 * wrong answers (5/2 = 2.5), which is worse than not running.
 */
export async function installDialect(conn: DuckDBConnection): Promise<void> {
  for (const [name, want] of Object.entries(DIALECT_SETTINGS)) {
    if (await currentSetting(conn, name) === want.toLowerCase()) continue;
    try {
      await conn.run(`SET ${name} = '${want}'`);
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new Error(`Athena dialect needs ${name}=${want} on this connection and could not set it (${why}); set it in the instance configuration before lock_configuration`);
    }
  }
  await conn.run(IP_MACROS);
  await conn.run(PRESTO_MACROS);
}

async function currentSetting(conn: DuckDBConnection, name: string): Promise<string> {
  const r = await conn.runAndReadAll('SELECT current_setting($1)::VARCHAR', [name]);
  return String(r.getRows()[0]?.[0] ?? '').toLowerCase();
}
