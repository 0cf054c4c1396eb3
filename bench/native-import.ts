// Child process: DuckDB's native import of one benchmark data set into a fresh database file.
// Usage: node native-import.js cloudtrail|flowlogs <data dir> <db file> [largest file, decompressed bytes].
// Prints {"rows": n} on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { NATIVE_SETTINGS, nativeCloudTrailSql, nativeFlowSql } from './native-sql';

async function main(): Promise<void> {
  const [kind, dir, dbPath, largestFile] = process.argv.slice(2);
  if (!kind || !dir || !dbPath) throw new Error('usage: native-import cloudtrail|flowlogs <dir> <db>');
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  for (const s of NATIVE_SETTINGS) await conn.run(s);
  await conn.run(kind === 'cloudtrail' ? nativeCloudTrailSql(dir, Number(largestFile ?? 0)) : nativeFlowSql(dir));
  const table = kind === 'cloudtrail' ? 'cloudtrail' : 'vpc_flow_logs';
  const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0] ?? 0);
  conn.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify({ rows }) + '\n');
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; });
