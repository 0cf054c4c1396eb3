import type { DuckDBTypeId } from '@duckdb/node-api';
import { quoteIdent } from '../duck/evidence-db';

/**
 * Hive partition keys of the export, derived from each table's own columns so that a new source partitions
 * without being told: the first column of each list that the table has. The keys are extra columns
 * (p_account, p_region, p_date) computed from those: every column of the table stays in the Parquet files
 * exactly as in the case, and the keys only carry path-safe values (anything else goes to Hive's default
 * partition, its rows intact).
 */
export const PARTITION_KEYS: ReadonlyArray<{ key: string; from: readonly string[]; shape: 'name' | 'date' }> = [
  { key: 'p_account', from: ['account_partition', '_account_id', 'account_id', 'recipientaccountid'], shape: 'name' },
  { key: 'p_region', from: ['region_partition', '_region', 'region', 'awsregion'], shape: 'name' },
  // yyyy/MM/dd text (CloudTrail's date_partition, the load balancers' day) or a DATE (flow logs' date).
  { key: 'p_date', from: ['date_partition', 'day', 'date'], shape: 'date' },
];

export const PARTITION_KEY_NAMES = PARTITION_KEYS.map((k) => k.key);

export interface PartitionKey { key: string; column: string; expression: string }

/** Only values that are safe as a folder name and mean the same to every engine's Hive layout. */
const SAFE_NAME = "'[0-9A-Za-z_-][0-9A-Za-z_.-]{0,127}'";
const SAFE_DATE = "'[0-9]{4}-[0-9]{2}-[0-9]{2}'";

/** The partition keys a table with these columns gets, each with the SQL expression that computes it. */
export function partitionKeysFor(columns: Array<{ name: string; typeId: DuckDBTypeId }>, dateTypeId: DuckDBTypeId): PartitionKey[] {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const out: PartitionKey[] = [];
  for (const k of PARTITION_KEYS) {
    const col = k.from.map((n) => byName.get(n)).find((c) => c !== undefined);
    if (!col) continue;
    const ref = quoteIdent(col.name);
    const text = k.shape === 'date'
      ? (col.typeId === dateTypeId ? `strftime(${ref}, '%Y-%m-%d')` : `replace(CAST(${ref} AS VARCHAR), '/', '-')`)
      : `CAST(${ref} AS VARCHAR)`;
    const pattern = k.shape === 'date' ? SAFE_DATE : SAFE_NAME;
    out.push({ key: k.key, column: col.name, expression: `CASE WHEN regexp_full_match(${text}, ${pattern}) THEN ${text} END` });
  }
  return out;
}
