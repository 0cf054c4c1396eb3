import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** CREATE OR REPLACE VIEW statements for other published layouts (see compat-views.sql). */
export const COMPAT_VIEWS_SQL = readFileSync(join(__dirname, 'compat-views.sql'), 'utf8');

/** Creates the compatibility views; call on the importer's connection once the base tables exist. */
export async function installCompatViews(conn: DuckDBConnection): Promise<void> {
  await conn.run(COMPAT_VIEWS_SQL);
}
