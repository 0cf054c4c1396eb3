import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../duck/evidence-db';

export const EVIDENCE_CATALOG = 'evidence';
export const SCRATCH_DB = 'scratch';
export const RESULTS_DB = 'cairn_results';

/**
 * Locks the instance down once the importer's schema is in place: scratch and result databases in the
 * case's tmp folder, file access limited to that folder (the importer reads its staged copies there),
 * no extension loading, and no further configuration changes by anyone.
 */
export async function lockDownInstance(conn: DuckDBConnection, tmpDir: string): Promise<void> {
  await conn.run(`ATTACH ${quoteLiteral(join(tmpDir, 'scratch.duckdb'))} AS ${SCRATCH_DB}`);
  await conn.run(`ATTACH ${quoteLiteral(join(tmpDir, 'results.duckdb'))} AS ${RESULTS_DB}`);
  await conn.run(`SET allowed_directories = [${quoteLiteral(tmpDir + '/')}]`);
  await conn.run('SET enable_external_access = false');
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  await conn.run('SET lock_configuration = true');
}

export type ConnectionSetup = (conn: DuckDBConnection) => Promise<void>;

/** A connection for analyst SQL: evidence resolves first, new objects land in scratch. */
export async function openAnalystConnection(instance: DuckDBInstance, extraSetup?: ConnectionSetup): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run(`USE ${SCRATCH_DB}`);
  await conn.run(`SET search_path = '${EVIDENCE_CATALOG}.main,${SCRATCH_DB}.main'`);
  if (extraSetup) await extraSetup(conn);
  return conn;
}
