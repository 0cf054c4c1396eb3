import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { athena, athenaValue, openDialectConn } from '../../helpers/dialect-harness';

// Presto/Trino semantics of each function, run through translateAthena on a real DuckDB connection.
// Expected values are Presto's documented results, not DuckDB's (they differ where noted).
describe('Athena dialect: function semantics', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const v = (sql: string) => athenaValue(conn, sql);
  before(async () => { ({ instance, conn } = await openDialectConn()); });
  after(() => { conn.closeSync(); instance.closeSync(); });

  it('from_iso8601_timestamp / to_iso8601 / from_unixtime / to_unixtime', async () => {
    assert.equal(await v("SELECT to_iso8601(from_iso8601_timestamp('2024-07-31T13:06:24Z'))"), '2024-07-31T13:06:24.000Z');
    assert.equal(await v("SELECT to_iso8601(from_iso8601_timestamp('2024-07-31T15:06:24.5+02:00'))"), '2024-07-31T13:06:24.500Z');
    assert.equal(await v("SELECT to_unixtime(from_iso8601_timestamp('1970-01-02T00:00:01Z'))"), 86401);
    assert.equal(await v('SELECT to_iso8601(from_unixtime(1722431184))'), '2024-07-31T13:06:24.000Z');
    assert.equal(await v("SELECT to_iso8601(DATE '2024-02-29')"), '2024-02-29');
    assert.equal(await v('SELECT from_iso8601_timestamp(NULL)'), null);
  });

  it('date_parse takes MySQL specifiers (%i is minutes, %s seconds)', async () => {
    assert.equal(await v("SELECT CAST(date_parse('2024-07-31T13:06:24Z', '%Y-%m-%dT%H:%i:%sZ') AS VARCHAR)"), '2024-07-31 13:06:24');
    assert.equal(await v("SELECT CAST(date_parse('31/Jul/2024:01:02:03', '%d/%b/%Y:%H:%i:%s') AS VARCHAR)"), '2024-07-31 01:02:03');
    assert.equal(await v("SELECT date_format(TIMESTAMP '2024-07-05 09:08:07', '%Y-%m-%d %H:%i:%s %c/%e %W %M')"), '2024-07-05 09:08:07 7/5 Friday July');
  });

  it('parse_datetime / format_datetime take Joda patterns', async () => {
    assert.equal(await v("SELECT to_iso8601(parse_datetime('2024-07-31 13:06:24', 'yyyy-MM-dd HH:mm:ss'))"), '2024-07-31T13:06:24.000Z');
    assert.equal(await v("SELECT format_datetime(TIMESTAMP '2024-07-05 09:08:07.123', 'yyyy/MM/dd HH:mm:ss.SSS EEEE ''at'' h a')"), '2024/07/05 09:08:07.123 Friday at 9 AM');
  });

  it('date_add keeps DATE for DATE input, handles month ends and negative amounts', async () => {
    assert.equal(await v("SELECT CAST(date_add('day', 1, DATE '2024-02-28') AS VARCHAR)"), '2024-02-29');
    assert.equal(await v("SELECT typeof(date_add('day', 1, DATE '2024-02-28'))"), 'DATE');
    assert.equal(await v("SELECT CAST(date_add('month', 1, TIMESTAMP '2024-01-31 10:00:00') AS VARCHAR)"), '2024-02-29 10:00:00');
    assert.equal(await v("SELECT CAST(date_add('hour', -2, TIMESTAMP '2024-01-01 01:00:00') AS VARCHAR)"), '2023-12-31 23:00:00');
    assert.equal(await v("SELECT CAST(date_add('quarter', 1, DATE '2024-01-15') AS VARCHAR)"), '2024-04-15');
    // DuckDB's own two-argument form still means what it means in DuckDB.
    assert.equal(await v("SELECT CAST(date_add(DATE '2024-01-01', INTERVAL 1 DAY) AS VARCHAR)"), '2024-01-02 00:00:00');
  });

  it('date_diff counts complete units (not boundaries) and keeps the sign', async () => {
    assert.equal(await v("SELECT date_diff('day', TIMESTAMP '2024-01-01 23:00:00', TIMESTAMP '2024-01-02 01:00:00')"), '0');
    assert.equal(await v("SELECT date_diff('day', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-03 00:00:00')"), '2');
    assert.equal(await v("SELECT date_diff('day', TIMESTAMP '2024-01-03 00:00:00', TIMESTAMP '2024-01-01 00:00:00')"), '-2');
    assert.equal(await v("SELECT date_diff('second', from_iso8601_timestamp('2024-01-01T00:00:00Z'), from_iso8601_timestamp('2024-01-01T00:01:30Z'))"), '90');
  });

  it('day_of_week is ISO: Monday = 1, Sunday = 7', async () => {
    assert.equal(await v("SELECT day_of_week(DATE '2024-06-02')"), '7'); // a Sunday
    assert.equal(await v("SELECT day_of_week(DATE '2024-06-03')"), '1'); // a Monday
    assert.equal(await v("SELECT dow(from_iso8601_timestamp('2024-06-08T23:59:59Z'))"), '6');
    assert.equal(await v('SELECT day_of_week(NULL::DATE)'), null);
  });

  it('millisecond is within the second', async () => {
    assert.equal(await v("SELECT millisecond(TIMESTAMP '2024-01-01 00:00:12.345')"), '345');
  });

  it('json_extract_scalar returns scalars only; json_extract returns JSON; bracket paths work', async () => {
    const doc = `'{"a":{"b":"x"},"n":1.5,"t":true,"arr":[1,2],"nul":null,"k y":"v"}'`;
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.a.b')`), 'x');
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.a')`), null);
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.arr')`), null);
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.n')`), '1.5');
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.t')`), 'true');
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.nul')`), null);
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.missing')`), null);
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$["k y"]')`), 'v');
    assert.equal(await v(`SELECT json_extract_scalar(${doc}, '$.arr[1]')`), '2');
    assert.equal(await v(`SELECT CAST(json_extract(${doc}, '$.a') AS VARCHAR)`), '{"b":"x"}');
    assert.equal(await v(`SELECT json_size(${doc}, '$.arr')`), '2');
  });

  it('CAST(x AS JSON) encodes a string as a JSON string, as Presto does', async () => {
    assert.equal(await v(`SELECT CAST(CAST('{"a":1}' AS JSON) AS VARCHAR)`), '"{\\"a\\":1}"');
    assert.equal(await v(`SELECT CAST(json_parse('{"a":1}') AS VARCHAR)`), '{"a":1}');
  });

  it('regexp_like / regexp_extract (NULL when no match) / regexp_replace (all matches, $n groups)', async () => {
    assert.equal(await v("SELECT regexp_like('arn:aws:iam::1:user/bob', 'user/b.b')"), true);
    assert.equal(await v("SELECT regexp_extract('abc', 'x')"), null);
    assert.equal(await v("SELECT regexp_extract('user=bob;', 'user=([a-z]+)', 1)"), 'bob');
    assert.equal(await v("SELECT regexp_replace('a1b22c', '[0-9]')"), 'abc');
    assert.equal(await v("SELECT regexp_replace('john smith', '(\\w+) (\\w+)', '$2, $1')"), 'smith, john');
    assert.equal(await v("SELECT regexp_replace('a.b.c', '\\.', '\\$')"), 'a$b$c');
  });

  it('split / split_part (1-based, NULL past the end, error for 0)', async () => {
    assert.deepEqual(await v("SELECT split('a,,b', ',')"), ['a', '', 'b']);
    assert.equal(await v("SELECT split_part('a.b.c', '.', 1)"), 'a');
    assert.equal(await v("SELECT split_part('a.b.c', '.', 3)"), 'c');
    assert.equal(await v("SELECT split_part('a.b.c', '.', 4)"), null);
    await assert.rejects(athena(conn, "SELECT split_part('a.b.c', '.', 0)"), /index must be greater than zero/);
  });

  it('element_at: 1-based, negative from the end, NULL out of range, error for 0, maps by key', async () => {
    assert.equal(await v('SELECT element_at(ARRAY[10, 20, 30], 1)'), 10);
    assert.equal(await v('SELECT element_at(ARRAY[10, 20, 30], -1)'), 30);
    assert.equal(await v('SELECT element_at(ARRAY[10, 20, 30], 4)'), null);
    assert.equal(await v('SELECT element_at(ARRAY[10, 20, 30], -4)'), null);
    assert.equal(await v("SELECT element_at(MAP(ARRAY['k'], ARRAY['v']), 'k')"), 'v');
    assert.equal(await v("SELECT element_at(MAP(ARRAY['k'], ARRAY['v']), 'nope')"), null);
    await assert.rejects(athena(conn, 'SELECT element_at(ARRAY[1], 0)'), /indices start at 1/);
  });

  it('cardinality / contains / array_join / array_distinct / array_position / repeat', async () => {
    assert.equal(await v('SELECT cardinality(ARRAY[1, 2, 3])'), '3');
    assert.equal(await v('SELECT contains(ARRAY[1, 2], 2)'), true);
    assert.equal(await v('SELECT contains(ARRAY[1, 2], 3)'), false);
    assert.equal(await v('SELECT contains(ARRAY[1, NULL], 3)'), null); // Presto: indeterminate
    assert.equal(await v("SELECT contains(ARRAY['a', 'b'], 'b')"), true);
    assert.equal(await v("SELECT array_join(ARRAY['a', NULL, 'b'], ',')"), 'a,b');
    assert.equal(await v("SELECT array_join(ARRAY['a', NULL, 'b'], ',', 'N')"), 'a,N,b');
    assert.equal(await v('SELECT array_join(ARRAY[1, 2], \'-\')'), '1-2');
    assert.deepEqual(await v('SELECT array_distinct(ARRAY[3, 1, NULL, 3, 1, NULL])'), [3, 1, null]);
    assert.equal(await v('SELECT array_position(ARRAY[5, 6], 6)'), '2');
    assert.equal(await v('SELECT array_position(ARRAY[5, 6], 7)'), '0');
    assert.deepEqual(await v("SELECT repeat('ab', 3)"), ['ab', 'ab', 'ab']);
  });

  it('filter / transform / any_match / all_match / none_match / reduce with Presto lambdas', async () => {
    assert.deepEqual(await v('SELECT filter(ARRAY[1, 2, 3, 4], x -> x % 2 = 0)'), [2, 4]);
    assert.deepEqual(await v("SELECT transform(ARRAY['a', 'b'], x -> upper(x))"), ['A', 'B']);
    assert.equal(await v('SELECT any_match(ARRAY[1, 2, 3], x -> x > 2)'), true);
    assert.equal(await v('SELECT any_match(ARRAY[1, 2, 3], x -> x > 5)'), false);
    assert.equal(await v('SELECT any_match(ARRAY[1, NULL], x -> x > 5)'), null);
    assert.equal(await v('SELECT any_match(ARRAY[]::INTEGER[], x -> x > 5)'), false);
    assert.equal(await v('SELECT all_match(ARRAY[1, 2], x -> x > 0)'), true);
    assert.equal(await v('SELECT all_match(ARRAY[1, 2], x -> x > 1)'), false);
    assert.equal(await v('SELECT none_match(ARRAY[1, 2], x -> x > 5)'), true);
    assert.equal(await v('SELECT reduce(ARRAY[1, 2, 3], 0, (s, x) -> s + x, s -> s * 10)'), 60);
  });

  it('approx_distinct (exact here), arbitrary, count_if', async () => {
    assert.equal(await v('SELECT approx_distinct(x % 7) FROM range(1000) t(x)'), '7');
    assert.equal(await v('SELECT approx_distinct(x) FROM (VALUES (1), (NULL), (1)) t(x)'), '1');
    assert.equal(await v('SELECT arbitrary(x) FROM (VALUES (4)) t(x)'), 4);
  });

  it('concat / greatest / least are NULL when any argument is NULL', async () => {
    assert.equal(await v("SELECT concat('a', NULL)"), null);
    assert.equal(await v("SELECT concat('a', 'b', 'c')"), 'abc');
    assert.equal(await v('SELECT greatest(1, NULL, 3)'), null);
    assert.equal(await v('SELECT least(4, 2, 3)'), 2);
  });

  it('integer division truncates, as in Presto', async () => {
    assert.equal(await v('SELECT 5 / 2'), 2);
    assert.equal(await v('SELECT -5 / 2'), -2);
    assert.equal(await v('SELECT 5.0 / 2'), 2.5);
  });

  it("format() is Java's format, not DuckDB's fmt", async () => {
    assert.equal(await v("SELECT format('%s-%d', 'a', 7)"), 'a-7');
  });

  it('CROSS JOIN UNNEST: single array, WITH ORDINALITY, zipped arrays, array of rows', async () => {
    await conn.run("CREATE OR REPLACE TEMP TABLE u AS SELECT 1 AS id, ['p', 'q', 's'] AS b, [1, 2] AS a, [{'arn': 'x1', 'type': 't1'}, {'arn': 'x2', 'type': 't2'}] AS r");
    assert.deepEqual(await athena(conn, 'SELECT id, x FROM u CROSS JOIN UNNEST(b) AS t(x) ORDER BY x'), [{ id: 1, x: 'p' }, { id: 1, x: 'q' }, { id: 1, x: 's' }]);
    assert.deepEqual(await athena(conn, 'SELECT x, n FROM u CROSS JOIN UNNEST(b) WITH ORDINALITY AS t(x, n) ORDER BY n'),
      [{ x: 'p', n: '1' }, { x: 'q', n: '2' }, { x: 's', n: '3' }]);
    assert.deepEqual(await athena(conn, 'SELECT x, y FROM u CROSS JOIN UNNEST(a, b) AS t(x, y) ORDER BY y'),
      [{ x: 1, y: 'p' }, { x: 2, y: 'q' }, { x: null, y: 's' }]);
    assert.deepEqual(await athena(conn, 'SELECT arn, type FROM u CROSS JOIN UNNEST(r) AS t(arn, type) ORDER BY arn'),
      [{ arn: 'x1', type: 't1' }, { arn: 'x2', type: 't2' }]);
    assert.deepEqual(await athena(conn, 'SELECT arn, n FROM u CROSS JOIN UNNEST(r) WITH ORDINALITY AS t(arn, type, n) ORDER BY n'),
      [{ arn: 'x1', n: '1' }, { arn: 'x2', n: '2' }]);
  });
});
