import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CairnError } from '../../../electron/core/errors';
import { classifyDialectError } from '../../../electron/core/dialect/classify-error';
import { translateAthena } from '../../../electron/core/dialect/translate-athena';
import { athena, athenaValue, openDialectConn } from '../../helpers/dialect-harness';

// Presto constructs found in analysts' SQL (issue #27), on real DuckDB. Expected values are Presto's.
describe('Athena dialect: Presto gaps', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const v = (sql: string) => athenaValue(conn, sql);
  /** The CairnError translating or running sql gives, as the analyst sees it. */
  async function failure(sql: string): Promise<CairnError> {
    let ran = sql;
    try {
      ran = await translateAthena(sql, conn);
      await conn.run(ran);
    } catch (e) {
      return classifyDialectError(e, sql, ran);
    }
    throw new Error(`${sql} did not fail`);
  }
  before(async () => {
    ({ instance, conn } = await openDialectConn());
    await conn.run("CREATE TABLE t AS SELECT range AS i, 'x' || range AS s, range % 3 AS g FROM range(10000)");
  });
  after(() => { conn.closeSync(); instance.closeSync(); });

  it('replace(s, x) removes x; an empty search inserts the replacement around every character', async () => {
    assert.equal(await v("SELECT replace('a-b-c', '-')"), 'abc');
    assert.equal(await v("SELECT replace('abc', 'b', 'XY')"), 'aXYc');
    assert.equal(await v("SELECT replace('abc', '', 'x')"), 'xaxbxcx');
    assert.equal(await v("SELECT replace('', '', 'x')"), 'x');
    assert.equal(await v("SELECT replace(NULL, '-')"), null);
    const e = await failure("SELECT replace('abc')");
    assert.equal(e.code, 'SQL_UNSUPPORTED');
    assert.match(e.message, /^replace\(\) takes 2 or 3 arguments, not 1$/);
    assert.equal(e.position, 8);
  });

  it('levenshtein_distance', async () => {
    assert.equal(await v("SELECT levenshtein_distance('kitten', 'sitting')"), '3');
    assert.equal(await v("SELECT levenshtein_distance('', 'abc')"), '3');
    assert.equal(await v("SELECT levenshtein_distance(NULL, 'abc')"), null);
  });

  it('map_agg: NULL keys left out, one value per key, NULL over no rows', async () => {
    const rows = await athena(conn, 'SELECT g, map_agg(s, i) AS m FROM t WHERE i < 6 GROUP BY g ORDER BY g');
    assert.deepEqual(rows.map((r) => r.m), [
      [{ key: 'x0', value: '0' }, { key: 'x3', value: '3' }], [{ key: 'x1', value: '1' }, { key: 'x4', value: '4' }],
      [{ key: 'x2', value: '2' }, { key: 'x5', value: '5' }]]);
    assert.equal(await v("SELECT map_agg(k, v)['a'] IN (1, 2) FROM (VALUES ('a', 1), ('a', 2), (NULL, 3), ('b', NULL)) x(k, v)"), true);
    assert.equal(await v("SELECT cardinality(map_keys(map_agg(k, v))) FROM (VALUES ('a', 1), ('a', 2), (NULL, 3), ('b', NULL)) x(k, v)"), '2');
    assert.equal(await v('SELECT map_agg(s, i) FROM t WHERE i < 0'), null);
  });

  it('cardinality takes a map as well as an array, of any key and value types, from a column or an expression', async () => {
    assert.equal(await v("SELECT cardinality(MAP(ARRAY['a', 'b'], ARRAY[1, 2]))"), '2');
    assert.equal(await v('SELECT cardinality(MAP(ARRAY[1, 2, 3], ARRAY[ARRAY[1], ARRAY[2], NULL]))'), '3');
    assert.equal(await v('SELECT cardinality(MAP(CAST(ARRAY[] AS ARRAY(VARCHAR)), CAST(ARRAY[] AS ARRAY(INTEGER))))'), '0');
    assert.equal(await v('SELECT cardinality(map_agg(s, i)) FROM t WHERE i < 7'), '7');
    assert.equal(await v('SELECT sum(cardinality(m)) FROM (SELECT g, map_agg(s, i) AS m FROM t GROUP BY g)'), '10000');
    assert.equal(await v('SELECT cardinality(CAST(NULL AS MAP(VARCHAR, INTEGER)))'), null);
    assert.equal(await v('SELECT cardinality(ARRAY[1, 2, 3])'), '3');
    assert.equal(await v("SELECT cardinality(split('a,b', ','))"), '2');
    // An aggregate or window argument has no type when DuckDB expands the macro: arrays still count as arrays.
    assert.equal(await v('SELECT cardinality(array_agg(i)) FROM t WHERE i < 5'), '5');
    assert.equal(await v('SELECT cardinality(array_agg(s)) AS n FROM t GROUP BY g ORDER BY n DESC LIMIT 1'), '3334');
    assert.equal(await v('SELECT max(c) FROM (SELECT cardinality(array_agg(i) OVER (ORDER BY i ROWS 2 PRECEDING)) AS c FROM t)'), '3');
  });

  it('TABLESAMPLE BERNOULLI (p) and SYSTEM (p) take a percentage', async () => {
    assert.equal(await v('SELECT count(*) FROM t TABLESAMPLE BERNOULLI (100)'), '10000');
    assert.equal(await v('SELECT count(*) FROM t TABLESAMPLE BERNOULLI (0)'), '0');
    const half = Number(await v('SELECT count(*) FROM t x TABLESAMPLE BERNOULLI (50) WHERE x.i >= 0'));
    assert.ok(half > 4500 && half < 5500, `50% of 10000 rows gave ${half}`); // 10 standard deviations wide
    assert.equal(await v('SELECT count(*) FROM t TABLESAMPLE SYSTEM (100)'), '10000');
    const out = await failure('SELECT count(*) FROM t TABLESAMPLE BERNOULLI (150)');
    assert.equal(out.code, 'SQL_ERROR');
    assert.match(out.message, /sample percentage must be between 0 and 100/);
    assert.equal(out.position, 'SELECT count(*) FROM t TABLESAMPLE BERNOULLI ('.length + 1);
    const expr = await failure('SELECT count(*) FROM t TABLESAMPLE BERNOULLI (i)');
    assert.equal(expr.code, 'SQL_UNSUPPORTED');
    assert.match(expr.message, /TABLESAMPLE BERNOULLI: the sample percentage must be a number literal/);
    assert.equal(expr.position, 'SELECT count(*) FROM t '.length + 1);
    // Positions after the rewritten sample still point into the analyst's text.
    const later = 'SELECT count(*) FROM t TABLESAMPLE BERNOULLI(5) WHERE nosuch = 1';
    const unknown = await failure(later);
    assert.equal(unknown.code, 'SQL_UNKNOWN_NAME');
    assert.equal(unknown.position, later.indexOf('nosuch') + 1);
    const syntax = await failure('SELECT count(*) FROM t TABLESAMPLE BERNOULLI(5) x');
    assert.equal(syntax.code, 'SQL_SYNTAX');
    assert.equal(syntax.position, 'SELECT count(*) FROM t TABLESAMPLE BERNOULLI(5) x'.length);
  });

  it('ARRAY(T), ARRAY[...] and ROW(...) types in casts', async () => {
    assert.deepEqual(await v('SELECT CAST(ARRAY[1, 2] AS ARRAY(VARCHAR))'), ['1', '2']);
    assert.deepEqual(await v('SELECT CAST(ARRAY[ARRAY[1], ARRAY[2, 3]] AS ARRAY(ARRAY(VARCHAR)))'), [['1'], ['2', '3']]);
    assert.deepEqual(await v("SELECT CAST(ROW(1, 'a') AS ROW(a INTEGER, b VARCHAR))"), { a: 1, b: 'a' });
    assert.deepEqual(await v("SELECT CAST(ROW(1, ARRAY['x']) AS ROW(n BIGINT, tags ARRAY(VARCHAR))).tags"), ['x']);
    assert.deepEqual(await v("SELECT CAST(json_parse('[1, 2]') AS ARRAY(INTEGER))"), [1, 2]);
    assert.deepEqual(await v("SELECT CAST(MAP(ARRAY['a'], ARRAY[ARRAY[1]]) AS MAP(VARCHAR, ARRAY(BIGINT)))['a']"), ['1']);
    assert.equal(await v("SELECT TRY_CAST(ARRAY['x'] AS ARRAY(INTEGER))[1]"), null);
    // Failed casts speak Presto: its type names, the cast's position.
    const bad = await failure("SELECT 1 AS n, CAST(ARRAY['x'] AS ARRAY(INTEGER))");
    assert.equal(bad.code, 'SQL_ERROR');
    assert.equal(bad.message, "Cannot cast 'x' to INTEGER");
    assert.equal(bad.position, 16);
    const shape = await failure("SELECT CAST(ROW(1, 'a') AS ROW(a INTEGER))");
    assert.equal(shape.message, 'Cannot cast ROW(INTEGER, VARCHAR) to ROW(a INTEGER): the rows have different numbers of fields');
    const kind = await failure('SELECT CAST(ARRAY[ARRAY[1]] AS ROW(a ARRAY(INTEGER)))');
    assert.equal(kind.message, 'Cannot cast ARRAY(ARRAY(INTEGER)) to ROW(a ARRAY(INTEGER))');
    // Text that only looks like the type is never touched.
    const rows = await athena(conn, `SELECT 'ARRAY(VARCHAR)' AS "array(x)" -- ARRAY(INTEGER)`);
    assert.deepEqual(rows, [{ 'array(x)': 'ARRAY(VARCHAR)' }]);
  });

  it('IPPREFIX and ip_prefix fail naming the construct and where it is', async () => {
    const cast = await failure("SELECT 1 AS a, CAST('10.0.0.0/8' AS IPPREFIX)");
    assert.equal(cast.code, 'SQL_UNSUPPORTED');
    assert.match(cast.message, /IPPREFIX type is not supported/);
    assert.equal(cast.position, 16);
    const fn = await failure("SELECT ip_prefix(CAST('10.1.2.3' AS IPADDRESS), 24)");
    assert.equal(fn.code, 'SQL_UNSUPPORTED');
    assert.match(fn.message, /^function ip_prefix\(\) is not supported/);
    assert.equal(fn.position, 8);
  });

  it('substr with Presto semantics: start 0, before the beginning and non-positive lengths give ""', async () => {
    const rows = await athena(conn, `SELECT substr('hello', 0) AS a, substr('hello', 0, 2) AS b, substr('hello', -10) AS c,
      substr('hello', -10, 3) AS d, substr('hello', -3, 2) AS e, substr('hello', 2, -1) AS f, substring('hello' FROM 0) AS g,
      substr('hello', 2) AS h, substr('hello', -5) AS i, substr('hello', 6) AS j, substr(NULL, 0) AS k, substr('hello', 1, NULL) AS l`);
    assert.deepEqual(rows, [{ a: '', b: '', c: '', d: '', e: 'll', f: '', g: '', h: 'ello', i: 'hello', j: '', k: null, l: null }]);
    assert.equal(await v("SELECT substring('hello', 2, 3)"), 'ell');
    const e = await failure("SELECT substr('hello')");
    assert.equal(e.code, 'SQL_UNSUPPORTED');
    assert.equal(e.position, 8);
  });

  it('unnamed select items are named _col<N> by position, as Athena names them', async () => {
    const names = async (sql: string) => (await conn.runAndReadAll(await translateAthena(sql, conn))).columnNames();
    assert.deepEqual(await names('SELECT g, count(*) FROM t GROUP BY g'), ['g', '_col1']);
    assert.deepEqual(await names('SELECT i, 1, current_date, t.s, upper(s), s AS named, s x FROM t LIMIT 1'),
      ['i', '_col1', '_col2', 's', '_col4', 'named', 'x']);
    assert.deepEqual(await names('SELECT count(*) FROM t UNION ALL SELECT 1'), ['_col0']);
    assert.deepEqual(await names('WITH c AS (SELECT count(*) AS n FROM t) SELECT n + 1, n FROM c'), ['_col0', 'n']);
    // After a star the position counts the star's columns (t has i, s, g).
    assert.deepEqual(await names('SELECT *, count(*) OVER () FROM t LIMIT 1'), ['i', 's', 'g', '_col3']);
    assert.deepEqual(await names('SELECT 1, t.*, lower(s) FROM t LIMIT 1'), ['_col0', 'i', 's', 'g', '_col4']);
    // A statement whose items all have names is not parsed at all.
    const named = 'SELECT g, count(*) AS n FROM t GROUP BY g';
    assert.equal(await translateAthena(named, conn), named);
  });
});
