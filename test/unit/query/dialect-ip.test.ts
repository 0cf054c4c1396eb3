import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { translateAthena } from '../../../electron/core/dialect/translate-athena';
import { athena, athenaValue, openDialectConn } from '../../helpers/dialect-harness';

// IPADDRESS and CIDR checks without DuckDB's inet extension (macros in ip-macros.sql).
describe('Athena dialect: IPADDRESS and CIDR', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const v = (sql: string) => athenaValue(conn, sql);
  before(async () => { ({ instance, conn } = await openDialectConn()); });
  after(() => { conn.closeSync(); instance.closeSync(); });

  it('CAST(x AS IPADDRESS) and IPADDRESS literals give canonical text', async () => {
    const cases: Array<[string, string]> = [
      ['10.0.0.1', '10.0.0.1'], ['0.0.0.0', '0.0.0.0'], ['255.255.255.255', '255.255.255.255'],
      ['::', '::'], ['::1', '::1'], ['1::', '1::'], ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // RFC 5952: first of equal runs
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'], // the longest run
      ['::ffff:1.2.3.4', '1.2.3.4'], // IPv4-mapped shows as IPv4, as in Presto
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'], ['fe80::1:0:0:0', 'fe80::1:0:0:0'],
    ];
    for (const [input, want] of cases) {
      assert.equal(await v(`SELECT CAST(CAST('${input}' AS IPADDRESS) AS VARCHAR)`), want, input);
      assert.equal(await v(`SELECT IPADDRESS '${input}'`), want, input);
    }
    assert.equal(await v('SELECT CAST(NULL AS IPADDRESS)'), null);
  });

  it('invalid addresses are an error for CAST and NULL for TRY_CAST', async () => {
    for (const bad of ['10.0.0.256', '010.0.0.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', '::g', 'hello', '', '10.0.0.0/8']) {
      await assert.rejects(athena(conn, `SELECT CAST('${bad}' AS IPADDRESS)`), /Cannot cast value to IPADDRESS/, bad);
      assert.equal(await v(`SELECT TRY_CAST('${bad}' AS IPADDRESS)`), null, bad);
    }
  });

  it('IPADDRESS literal comparisons: equality across spellings, ordering by address not text', async () => {
    assert.equal(await v("SELECT IPADDRESS '10.0.0.1' = IPADDRESS '::ffff:10.0.0.1'"), true);
    assert.equal(await v("SELECT IPADDRESS '2001:db8::1' = IPADDRESS '2001:0DB8:0:0:0:0:0:1'"), true);
    assert.equal(await v("SELECT IPADDRESS '10.0.0.9' < IPADDRESS '10.0.0.10'"), true); // text order would say false
    assert.equal(await v("SELECT IPADDRESS '10.0.0.1' < IPADDRESS '::1'"), false); // ::ffff:10.0.0.1 > ::1
    assert.equal(await v("SELECT IPADDRESS '10.0.0.5' BETWEEN IPADDRESS '10.0.0.2' AND IPADDRESS '10.0.0.10'"), true);
    const rows = await athena(conn, "SELECT CAST(ip AS IPADDRESS) AS ip FROM (VALUES ('10.0.0.10'), ('10.0.0.9'), ('9.0.0.1')) t(ip) ORDER BY CAST(ip AS IPADDRESS)");
    assert.deepEqual(rows.map((r) => r.ip), ['9.0.0.1', '10.0.0.9', '10.0.0.10']);
  });

  it("contains('cidr', ip) for IPv4 and IPv6", async () => {
    const cases: Array<[string, string, boolean]> = [
      ['10.0.0.0/8', '10.1.2.3', true], ['10.0.0.0/8', '11.0.0.1', false], ['0.0.0.0/0', '1.1.1.1', true],
      ['0.0.0.0/0', '2001::1', false], ['192.168.1.7/32', '192.168.1.7', true], ['192.168.1.7/32', '192.168.1.8', false],
      ['172.16.0.0/12', '172.31.255.255', true], ['172.16.0.0/12', '172.32.0.0', false],
      ['2001:db8::/32', '2001:db8:ffff::1', true], ['2001:db8::/32', '2001:db9::1', false], ['::/0', '1.2.3.4', true],
      ['::ffff:0:0/96', '8.8.8.8', true], ['fe80::/10', 'febf::1', true], ['fe80::/10', 'fec0::1', false],
    ];
    for (const [cidr, ip, want] of cases) {
      assert.equal(await v(`SELECT contains('${cidr}', CAST('${ip}' AS IPADDRESS))`), want, `${cidr} ${ip}`);
      assert.equal(await v(`SELECT contains('${cidr}', IPADDRESS '${ip}')`), want, `${cidr} ${ip} literal`);
    }
    assert.equal(await v("SELECT contains('10.0.0.0/8', CAST(NULL AS IPADDRESS))"), null);
    await assert.rejects(athena(conn, "SELECT contains('10.0.0.0/33', IPADDRESS '10.0.0.1')"), /Invalid CIDR/);
    await assert.rejects(athena(conn, "SELECT contains('10.0.0.0', IPADDRESS '10.0.0.1')"), /Invalid CIDR/);
  });

  it('contains($cidr, ip) with the CIDR as a bound parameter: same answers, the CIDR parsed once per statement', async () => {
    const withParam = async (sql: string, cidr: string | null): Promise<unknown> => {
      const prepared = await conn.prepare(await translateAthena(sql, conn));
      if (cidr === null) prepared.bindNull(1); else prepared.bindVarchar(1, cidr);
      return (await prepared.runAndReadAll()).getRowsJson()[0]?.[0];
    };
    const cases: Array<[string, string, boolean]> = [
      ['10.0.0.0/8', '10.1.2.3', true], ['10.0.0.0/8', '11.0.0.1', false], ['0.0.0.0/0', '2001::1', false],
      ['192.168.1.7/32', '192.168.1.7', true], ['192.168.1.7/32', '192.168.1.8', false], ['2001:db8::/32', '2001:db8:ffff::1', true],
      ['2001:db8::/32', '2001:db9::1', false], ['::/0', '1.2.3.4', true], ['fe80::/10', 'fec0::1', false],
    ];
    for (const [cidr, ip, want] of cases) {
      assert.equal(await withParam(`SELECT contains($1, CAST('${ip}' AS IPADDRESS))`, cidr), want, `${cidr} ${ip}`);
      assert.equal(await withParam(`SELECT contains(CAST($1 AS VARCHAR), TRY_CAST('${ip}' AS IPADDRESS))`, cidr), want, `${cidr} ${ip} cast`);
    }
    // The rewrite: the CIDR is parsed in scalar subqueries (evaluated once), not by a macro on every row.
    const translated = await translateAthena('SELECT count(*) FROM flows WHERE contains($1, CAST(srcaddr AS IPADDRESS))', conn);
    assert.match(translated, /\(SELECT cairn_cidr\(\$1\)\[1\]\)/);
    assert.doesNotMatch(translated, /presto_contains|cairn_cidr_contains/);
    await conn.run("CREATE OR REPLACE TEMP TABLE flows AS SELECT * FROM (VALUES ('10.0.0.5'), ('192.168.0.1'), ('10.255.0.1'), (NULL), ('2001:db8::5')) t(srcaddr)");
    assert.equal(Number(await withParam('SELECT count(*) FROM flows WHERE contains($1, CAST(srcaddr AS IPADDRESS))', '10.0.0.0/8')), 2);
    assert.equal(await withParam("SELECT contains($1, IPADDRESS '10.0.0.1')", null), null);
    await assert.rejects(withParam("SELECT contains($1, IPADDRESS '10.0.0.1')", '10.0.0.0/33'), /Invalid CIDR/);
    await assert.rejects(withParam("SELECT contains($1, IPADDRESS '10.0.0.1')", 'not a cidr'), /Invalid CIDR/);
    // Inside a lambda DuckDB allows no subquery: the per-row macro stays, with the same answers.
    assert.deepEqual(await withParam("SELECT filter(ARRAY['10.0.0.1', '11.0.0.1'], x -> contains($1, CAST(x AS IPADDRESS)))", '10.0.0.0/8'), ['10.0.0.1']);
  });

  it('CIDR filter over a column', async () => {
    await conn.run("CREATE OR REPLACE TEMP TABLE flows AS SELECT * FROM (VALUES ('10.0.0.5'), ('192.168.0.1'), ('10.255.0.1'), (NULL), ('2001:db8::5')) t(srcaddr)");
    const rows = await athena(conn, "SELECT srcaddr FROM flows WHERE contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) ORDER BY srcaddr");
    assert.deepEqual(rows.map((r) => r.srcaddr), ['10.0.0.5', '10.255.0.1']);
  });
  it('contains(cidr, TRY_CAST(x AS IPADDRESS)) skips malformed addresses instead of failing', async () => {
    assert.equal(Number(await v("SELECT count(*) FROM (VALUES ('10.1.2.3'), ('08.1.250.216'), ('192.168.0.1')) t(ip) WHERE contains('10.0.0.0/8', TRY_CAST(ip AS IPADDRESS))")), 1);
    await assert.rejects(athena(conn, "SELECT count(*) FROM (VALUES ('08.1.250.216')) t(ip) WHERE contains('10.0.0.0/8', CAST(ip AS IPADDRESS))"), /Cannot cast value to IPADDRESS/);
  });
});
