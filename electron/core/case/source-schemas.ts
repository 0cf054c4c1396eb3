import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { installCompatViews } from '../dialect';
import { SOURCES } from '../sources/registry';
import { TOOL_VERSION } from '../version';

/** Bump when any source's DDL changes, so existing cases get it once on their next open. */
const SCHEMA_REVISION = 5;
const LAYOUT_VERSION = `${TOOL_VERSION}+schema.${SCHEMA_REVISION}`;
const APPLIED_SQL = 'SELECT source, tool_version FROM cairn_schema';
const RECORD_SQL = 'INSERT OR REPLACE INTO cairn_schema (source, tool_version, applied_at) VALUES ($source, $version, now()::TIMESTAMP)';

/**
 * Lays out every source's tables and views, once per Cairn version and schema revision. Re-running
 * CREATE OR REPLACE on every open would rewrite the evidence database's catalog, and an unchanged case
 * should stay byte-identical.
 */
export async function ensureSourceSchemas(conn: DuckDBConnection): Promise<void> {
  const r = await conn.runAndReadAll(APPLIED_SQL);
  const applied = new Map(r.getRowObjectsJS().map((row) => [String(row.source), String(row.tool_version)]));
  for (const s of SOURCES) {
    if (applied.get(s.id) === LAYOUT_VERSION) continue;
    await s.ensureSchema(conn);
    await conn.run(RECORD_SQL, { source: s.id, version: LAYOUT_VERSION });
  }
  // Views for other published layouts (the Security Analytics Bootstrap's names) over the base tables.
  if (applied.get(COMPAT) !== LAYOUT_VERSION) {
    await installCompatViews(conn);
    await conn.run(RECORD_SQL, { source: COMPAT, version: LAYOUT_VERSION });
  }
  if (applied.get(EVENTS) !== LAYOUT_VERSION) {
    await conn.run(EVENTS_VIEW_SQL);
    await conn.run(RECORD_SQL, { source: EVENTS, version: LAYOUT_VERSION });
  }
}

const COMPAT = 'compat-views';
const EVENTS = 'events-view';
/** The view across every source's table (sources/events-view.sql), laid out after all of them. */
const EVENTS_VIEW_SQL = readFileSync(join(__dirname, '..', 'sources', 'events-view.sql'), 'utf8');
