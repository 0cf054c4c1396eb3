import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from './evidence-db';

/**
 * Locks the importer's instance once its schema is in place: file access limited to the folders it reads
 * staged copies from, no extension loading, and no further configuration changes by anyone.
 */
export async function lockDownInstance(conn: DuckDBConnection, allowedDirs: string[]): Promise<void> {
  await conn.run(`SET allowed_directories = [${allowedDirs.map((d) => quoteLiteral(d + '/')).join(', ')}]`);
  await conn.run('SET enable_external_access = false');
  await conn.run('SET lock_configuration = true');
}
