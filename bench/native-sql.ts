// DuckDB's own best import of the benchmark files, as measured in notes/duckdb-facts.md: explicit column
// types (no sampling), preserve_insertion_order=false and a 1 GB memory limit. No hashing, no gzip
// verification, no provenance, no rejects: the floor Cairn is compared with.
import { EVENT_STRUCT } from '../electron/core/sources/cloudtrail/event-struct';
import { quoteLiteral } from '../electron/core/duck/evidence-db';

export const NATIVE_SETTINGS = [`SET preserve_insertion_order = false`, `SET memory_limit = '1GB'`];

/** The json_transform-style shape (objects, [element], type names) as a DuckDB type. */
export function duckType(shape: unknown): string {
  if (typeof shape === 'string') return shape;
  if (Array.isArray(shape)) return `${duckType(shape[0])}[]`;
  const fields = Object.entries(shape as Record<string, unknown>).map(([k, v]) => `"${k}" ${duckType(v)}`);
  return `STRUCT(${fields.join(', ')})`;
}

/** DuckDB's default maximum_object_size: a {"Records":[...]} file is one object, so a bigger file needs more. */
const DEFAULT_MAX_OBJECT = 16 * 1024 * 1024;

/**
 * One row per event: the Records array of every file, unnested, with CloudTrail's own (camelCase) keys.
 * largestFile: the largest file's decompressed size, when it is known.
 */
export function nativeCloudTrailSql(dir: string, largestFile = 0): string {
  const columns = `{Records: ${quoteLiteral(`${duckType([EVENT_STRUCT])}`)}}`;
  const maxObject = largestFile >= DEFAULT_MAX_OBJECT ? `, maximum_object_size = ${largestFile + 1}` : '';
  return `CREATE TABLE cloudtrail AS
SELECT r.* FROM (
  SELECT unnest(Records) AS r
  FROM read_json(${quoteLiteral(`${dir}/**/*.json.gz`)}, columns = ${columns}, format = 'unstructured', compression = 'gzip'${maxObject})
)`;
}

/** The default (v2) flow-log fields with the Athena DDL's names and types. */
const FLOW_COLUMNS: [string, string][] = [
  ['version', 'INTEGER'], ['account_id', 'VARCHAR'], ['interface_id', 'VARCHAR'], ['srcaddr', 'VARCHAR'], ['dstaddr', 'VARCHAR'],
  ['srcport', 'INTEGER'], ['dstport', 'INTEGER'], ['protocol', 'BIGINT'], ['packets', 'BIGINT'], ['bytes', 'BIGINT'],
  ['start', 'BIGINT'], ['end', 'BIGINT'], ['action', 'VARCHAR'], ['log_status', 'VARCHAR'],
];

export function nativeFlowSql(dir: string): string {
  const columns = `{${FLOW_COLUMNS.map(([n, t]) => `'${n}': '${t}'`).join(', ')}}`;
  return `CREATE TABLE vpc_flow_logs AS
SELECT * FROM read_csv(${quoteLiteral(`${dir}/**/*.log.gz`)}, columns = ${columns}, delim = ' ', header = true, nullstr = '-', auto_detect = false)`;
}
