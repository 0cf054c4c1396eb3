import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { SCRATCH_DB } from './analyst-instance';
import { denied } from './statement-gate';

const SNAPSHOT_SQL = readFileSync(join(__dirname, 'catalog-snapshot.sql'), 'utf8');
const RESERVED_NAMES_SQL = readFileSync(join(__dirname, 'builtin-names.sql'), 'utf8');

/** Kinds of scratch object an analyst may create or drop. */
const SCRATCH_KINDS = new Set(['table', 'view', 'function']);

type CatalogObject = { kind: string; db: string; sch: string; name: string };
const key = (o: CatalogObject): string => JSON.stringify([o.kind, o.db, o.sch, o.name]);

/**
 * Runs a CREATE or DROP in its own transaction and judges it by what it did to the catalog, not by its text:
 * it may add or remove only tables, views and macros in scratch.main, whose names are not DuckDB's functions,
 * the dialect's macros or an evidence table or view. Anything else is rolled back.
 */
export async function runScratchDdl(conn: DuckDBConnection, prepared: DuckDBPreparedStatement): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const before = await snapshot(conn);
    await prepared.run();
    const after = await snapshot(conn);
    await judge(conn, before, after);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function judge(conn: DuckDBConnection, before: Map<string, CatalogObject>, after: Map<string, CatalogObject>): Promise<void> {
  const added = [...after].filter(([k]) => !before.has(k)).map(([, o]) => o);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, o]) => o);
  for (const o of [...added, ...removed]) {
    if (o.db !== SCRATCH_DB || o.sch !== 'main' || !SCRATCH_KINDS.has(o.kind)) {
      throw denied(`analyst SQL may create and drop scratch tables, views and macros only; this statement would change ${o.kind} ${o.db}.${o.sch}.${o.name}`);
    }
  }
  if (added.length === 0) return;
  const reserved = await reservedNames(conn);
  for (const o of added) {
    const clash = reserved.get(o.name.toLowerCase());
    if (clash === 'evidence') throw denied(`${o.name} is the name of an evidence table or view; choose another name for the scratch object`);
    if (clash && o.kind === 'function') throw denied(`${o.name} is the name of a built-in function; a scratch macro may not shadow it`);
  }
}

async function snapshot(conn: DuckDBConnection): Promise<Map<string, CatalogObject>> {
  const r = await conn.runAndReadAll(SNAPSHOT_SQL);
  const out = new Map<string, CatalogObject>();
  for (const [kind, db, sch, name] of r.getRows() as Array<[string, string, string | null, string]>) {
    const o = { kind, db, sch: sch ?? '', name };
    out.set(key(o), o);
  }
  return out;
}

async function reservedNames(conn: DuckDBConnection): Promise<Map<string, string>> {
  const r = await conn.runAndReadAll(RESERVED_NAMES_SQL);
  const out = new Map<string, string>();
  for (const [name, kind] of r.getRows() as Array<[string, string]>) {
    const k = name.toLowerCase();
    if (out.get(k) !== 'evidence') out.set(k, kind);
  }
  return out;
}
