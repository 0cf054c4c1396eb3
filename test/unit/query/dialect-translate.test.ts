import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CairnError } from '../../../electron/core/errors';
import { classifyDialectError } from '../../../electron/core/dialect/classify-error';
import { translateAthena } from '../../../electron/core/dialect/translate-athena';
import { athena, openDialectConn } from '../../helpers/dialect-harness';

// The translator itself: what it leaves alone, what it refuses, and where it says the problem is.
describe('Athena dialect: translation', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  before(async () => { ({ instance, conn } = await openDialectConn()); });
  after(() => { conn.closeSync(); instance.closeSync(); });

  it('leaves statements that need nothing exactly as written', async () => {
    for (const sql of [
      'SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1',
      "SELECT 'date_add(''day'', 1, x)' AS s", // the words only inside a literal: parsed, nothing to change
      'CREATE TABLE x AS SELECT 1', // not a SELECT: the sandbox judges it
      "select   *\nfrom t -- unnest in a comment\n",
    ]) {
      assert.equal(await translateAthena(sql, conn), sql);
    }
  });

  it('never alters string literals or quoted identifiers while rewriting', async () => {
    await conn.run(`CREATE OR REPLACE TEMP TABLE "weird ""t""" AS SELECT 'contains(''10.0.0.0/8'', x)' AS "date_add", [1, 2] AS "split_part"`);
    const rows = await athena(conn, `SELECT "date_add", element_at("split_part", -1) AS "e;--", 'it''s -- not a comment' AS q FROM "weird ""t"""`);
    assert.deepEqual(rows, [{ date_add: "contains('10.0.0.0/8', x)", 'e;--': 2, q: "it's -- not a comment" }]);
  });

  it('an unsupported Presto construct fails with its name and position in the original text', async () => {
    const sql = "SELECT eventname,\n       date_parse(eventtime, '%Y-%m-%d %D') AS t\nFROM cloudtrail_logs";
    await assert.rejects(translateAthena(sql, conn), (e: unknown) => {
      assert.ok(e instanceof CairnError);
      assert.equal(e.code, 'SQL_UNSUPPORTED');
      assert.match(e.message, /date_parse\(\): format specifier %D is not supported/);
      assert.equal(sql.slice(e.position! - 1, e.position! - 1 + "'%Y".length), "'%Y"); // points at the format
      return true;
    });
    const cast = 'SELECT CAST(x AS IPPREFIX) FROM t';
    await assert.rejects(translateAthena(cast, conn), (e: unknown) => e instanceof CairnError && e.code === 'SQL_UNSUPPORTED' && /IPPREFIX/.test(e.message) && e.position === 8);
    const dyn = "SELECT date_format(now(), fmt) FROM (SELECT '%Y' AS fmt)";
    await assert.rejects(translateAthena(dyn, conn), (e: unknown) => e instanceof CairnError && e.code === 'SQL_UNSUPPORTED' && /must be a string literal/.test(e.message) && e.position === 8);
  });

  it('a function neither DuckDB nor Cairn has: SQL_UNSUPPORTED naming it, at its position (also after a rewrite)', async () => {
    const sql = "SELECT day_of_week(DATE '2024-01-01'), é_col, url_extract_host(x)\nFROM (SELECT 1 AS é_col, 'http://a' AS x)";
    const ran = await translateAthena(sql, conn);
    const err = await conn.run(ran).then(() => undefined, (e: unknown) => e);
    const info = classifyDialectError(err, sql, ran);
    assert.equal(info.code, 'SQL_UNSUPPORTED');
    assert.match(info.message, /url_extract_host\(\) is not supported/);
    assert.equal(info.position, sql.indexOf('url_extract_host') + 1);
    // Rewritten statement (date_add → presto_date_add): the position is found again in the original text.
    const sql2 = "SELECT date_add('day', 1, DATE '2024-01-01'), bing_tile_at(1, 2, 3)";
    const ran2 = await translateAthena(sql2, conn);
    assert.notEqual(ran2, sql2);
    const err2 = await conn.run(ran2).then(() => undefined, (e: unknown) => e);
    const info2 = classifyDialectError(err2, sql2, ran2);
    assert.equal(info2.code, 'SQL_UNSUPPORTED');
    assert.equal(info2.position, sql2.indexOf('bing_tile_at') + 1);
  });

  it('syntax errors and unknown names are classified with positions', async () => {
    const bad = 'SELECT eventSource COUNT(*) FROM cloudtrail_logs GROUP BY eventSource';
    await assert.rejects(translateAthena(`${bad} -- json_extract`, conn), (e: unknown) => e instanceof CairnError && e.code === 'SQL_SYNTAX' && e.position === bad.indexOf('(') + 1);
    const syntax = classifyDialectError(await conn.run(bad).then(() => undefined, (e: unknown) => e), bad);
    assert.equal(syntax.code, 'SQL_SYNTAX');
    assert.equal(syntax.position, bad.indexOf('(') + 1);
    const table = 'SELECT * FROM no_such_table';
    const t = classifyDialectError(await conn.run(table).then(() => undefined, (e: unknown) => e), table);
    assert.equal(t.code, 'SQL_UNKNOWN_NAME');
    assert.equal(t.position, table.indexOf('no_such_table') + 1);
    const col = 'SELECT nope FROM (SELECT 1 AS a)';
    const c = classifyDialectError(await conn.run(col).then(() => undefined, (e: unknown) => e), col);
    assert.equal(c.code, 'SQL_UNKNOWN_NAME');
    assert.equal(c.position, 8);
  });

  it('errors_as_json messages classify the same way', async () => {
    const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
    const other = await Instance.create(':memory:', { errors_as_json: 'true' });
    const c2 = await other.connect();
    try {
      const sql = 'SELECT 1, nosuch_fn(2)';
      const info = classifyDialectError(await c2.run(sql).then(() => undefined, (e: unknown) => e), sql);
      assert.equal(info.code, 'SQL_UNSUPPORTED');
      assert.equal(info.position, sql.indexOf('nosuch_fn') + 1);
    } finally { c2.closeSync(); other.closeSync(); }
  });

  it('TEMP macros stay out of the database file', async () => {
    const r = await conn.runAndReadAll("SELECT DISTINCT database_name FROM duckdb_functions() WHERE function_name IN ('presto_date_add', 'cairn_ip_key', 'day_of_week')");
    assert.deepEqual(r.getRowsJson(), [['temp']]);
  });
});
