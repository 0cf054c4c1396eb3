// Computed columns' path reads share one parse of the record (decision 0019): the rewrite keeps every read's
// meaning (the same value from DuckDB) and reads each path once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { pathsExpression, sharePaths } from '../../../electron/core/sources/json-records/shared-paths';

test('each path is read once, in order of first use; texts without reads stay as written', () => {
  const { paths, rewritten } = sharePaths([
    "coalesce(j->>'$.a.b', j->>'$.c[0].d')", "TRY_CAST(j->>'$.a.b' AS BIGINT)", 'r.severity', "j->>'$.it''s'",
  ]);
  assert.deepEqual(paths, ['$.a.b', '$.c[0].d', "$.it''s"]);
  assert.deepEqual(rewritten, ['coalesce(__cairn_paths[1], __cairn_paths[2])', 'TRY_CAST(__cairn_paths[1] AS BIGINT)', 'r.severity', '__cairn_paths[3]']);
  assert.equal(pathsExpression([]), null);
});

test('the rewritten reads give DuckDB\'s values of the original reads', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const originals = ["j->>'$.a.b'", "j->>'$.c[0].d'", "j->>'$.missing'", "TRY_CAST(j->>'$.n' AS BIGINT)", "j->>'$.it''s'"];
  const { paths, rewritten } = sharePaths(originals);
  const records = ['{"a":{"b":"x"},"c":[{"d":1}],"n":"42","it\'s":"q"}', '{"a":{"b":null},"c":[],"n":"no"}', '{"a":[1,2]}'];
  for (const j of records) {
    const lit = `'${j.replace(/'/g, "''")}'`;
    const want = (await conn.runAndReadAll(`SELECT ${originals.join(', ')} FROM (SELECT ${lit} AS j)`)).getRowsJson();
    const got = (await conn.runAndReadAll(`SELECT ${rewritten.join(', ')} FROM (SELECT *, ${pathsExpression(paths)} AS __cairn_paths FROM (SELECT ${lit} AS j))`)).getRowsJson();
    assert.deepEqual(got, want, j);
  }
  conn.closeSync();
  db.closeSync();
});
