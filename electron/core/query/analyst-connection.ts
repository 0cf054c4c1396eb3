import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../duck/evidence-db';

export const EVIDENCE_CATALOG = 'evidence';
export const SCRATCH_DB = 'scratch';
export const RESULTS_DB = 'cairn_results';

/**
 * Locks the instance down once the importer's schema is in place: scratch and result databases in the
 * case's tmp folder, file access limited to that folder and `stagingDirs` (the importer reads its staged
 * copies there), no extension loading, and no further configuration changes by anyone.
 */
export async function lockDownInstance(conn: DuckDBConnection, tmpDir: string, stagingDirs: string[] = []): Promise<void> {
  await conn.run(`ATTACH ${quoteLiteral(join(tmpDir, 'scratch.duckdb'))} AS ${SCRATCH_DB}`);
  await conn.run(`ATTACH ${quoteLiteral(join(tmpDir, 'results.duckdb'))} AS ${RESULTS_DB}`);
  await conn.run(`SET allowed_directories = [${[tmpDir, ...stagingDirs].map((d) => quoteLiteral(d + '/')).join(', ')}]`);
  await conn.run('SET enable_external_access = false');
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  await conn.run('SET lock_configuration = true');
}

export type ConnectionSetup = (conn: DuckDBConnection) => Promise<void>;

/**
 * A connection for analyst SQL. DuckDB creates unqualified objects in the first search_path entry, so scratch
 * comes first; the gate refuses scratch names that would shadow evidence tables, so reads still see evidence.
 */
export async function openAnalystConnection(instance: DuckDBInstance, extraSetup?: ConnectionSetup): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run(`USE ${SCRATCH_DB}`);
  await conn.run(`SET search_path = '${SCRATCH_DB}.main,${EVIDENCE_CATALOG}.main'`);
  if (extraSetup) await extraSetup(conn);
  return conn;
}
