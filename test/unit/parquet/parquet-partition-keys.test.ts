// Partition keys of the Parquet export (#29) come from log content, which is hostile: only path-safe values may
// become folder names; everything else goes to Hive's default partition, and the rows keep their own columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBTypeId } from '@duckdb/node-api';
import { createDuckInstance, quoteLiteral } from '../../../electron/core/duck/evidence-db';
import { partitionKeysFor } from '../../../electron/core/export/partition-keys';

test('keys are derived from the first column each table has, and only path-safe values pass', async () => {
  const ct = partitionKeysFor(['eventname', 'recipientaccountid', 'awsregion', 'account_partition', 'region_partition', 'date_partition'].map((name) => ({ name, typeId: DuckDBTypeId.VARCHAR })), DuckDBTypeId.DATE);
  assert.deepEqual(ct.map((k) => [k.key, k.column]), [['p_account', 'account_partition'], ['p_region', 'region_partition'], ['p_date', 'date_partition']]);
  const flow = partitionKeysFor([{ name: 'account_id', typeId: DuckDBTypeId.VARCHAR }, { name: 'date', typeId: DuckDBTypeId.DATE }], DuckDBTypeId.DATE);
  assert.deepEqual(flow.map((k) => [k.key, k.column]), [['p_account', 'account_id'], ['p_date', 'date']]);
  assert.deepEqual(partitionKeysFor([{ name: 'anything', typeId: DuckDBTypeId.VARCHAR }], DuckDBTypeId.DATE), []);

  const [account, , date] = ct;
  const instance = await createDuckInstance({});
  const conn = await instance.connect();
  try {
    const cases: Array<[string | null, string | null]> = [
      ['111122223333', '111122223333'], ['o-abc_1.x', 'o-abc_1.x'], ['../../etc', null], ['..', null], ['.', null], ['a/b', null],
      ['a=b', null], ['a b', null], ['', null], [null, null], ['x'.repeat(129), null], ['%2F', null], ['ü', null],
    ];
    for (const [value, want] of cases) {
      const r = await conn.runAndReadAll(`SELECT ${account!.expression} FROM (SELECT ${value === null ? 'NULL' : quoteLiteral(value)}::VARCHAR AS account_partition)`);
      assert.equal(r.getRows()[0]![0], want, JSON.stringify(value));
    }
    for (const [value, want] of [['2024/03/05', '2024-03-05'], ['2024/3/5', null], ['../2024/03/05', null]] as const) {
      const r = await conn.runAndReadAll(`SELECT ${date!.expression} FROM (SELECT ${quoteLiteral(value)}::VARCHAR AS date_partition)`);
      assert.equal(r.getRows()[0]![0], want, value);
    }
    const r = await conn.runAndReadAll(`SELECT ${flow[1]!.expression} FROM (SELECT DATE '2024-03-05' AS "date")`);
    assert.equal(r.getRows()[0]![0], '2024-03-05');
  } finally {
    conn.closeSync(); instance.closeSync();
  }
});
