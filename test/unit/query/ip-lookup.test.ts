// Offline IP enrichment: ip_asn, ip_org and ip_country from the shipped databases, IPv4 and IPv6; NULL for text
// that is no address and for private ranges; the databases' names and versions are audited on first use.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { tempDir } from '../../helpers/temp';

test('ip_asn, ip_org and ip_country answer offline, and the case records which database answered', async () => {
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 'ip', examiner: 't' } });
  try {
    const r = await c.queries.run(`SELECT ip, ip_asn(ip) AS asn, ip_org(ip) AS org, ip_country(ip) AS cc
      FROM (VALUES (1, '8.8.8.8'), (2, '2001:4860:4860::8888'), (3, '1.1.1.1'), (4, 'AWS Internal'), (5, '10.0.0.1'), (6, NULL)) v(k, ip) ORDER BY k`);
    assert.deepEqual(r.rows, [
      ['8.8.8.8', '15169', 'Google LLC', 'US'],
      ['2001:4860:4860::8888', '15169', 'Google LLC', 'US'],
      ['1.1.1.1', '13335', 'Cloudflare, Inc.', 'AU'],
      ['AWS Internal', null, null, null],
      ['10.0.0.1', null, null, null],
      [null, null, null, null],
    ]);
    const loaded = c.auditLog().filter((e) => e.action === 'reference.ip_networks');
    assert.equal(loaded.length, 1);
    const info = loaded[0]!.detail as { packages: Array<{ name: string; version: string; licence: string }>; ranges: number };
    assert.deepEqual(info.packages.map((p) => p.name), ['@ip-location-db/asn', '@ip-location-db/asn-country']);
    assert.ok(info.packages.every((p) => /^\d+\.\d+\.\d{10}$/.test(p.version) && p.licence !== ''), JSON.stringify(info.packages));
    assert.ok(info.ranges > 500_000, `${info.ranges} ranges loaded`);
    await c.queries.run(`SELECT ip_org('8.8.4.4')`);
    assert.equal(c.auditLog().filter((e) => e.action === 'reference.ip_networks').length, 1, 'loaded once per analyst instance');
  } finally {
    await c.close();
  }
});
