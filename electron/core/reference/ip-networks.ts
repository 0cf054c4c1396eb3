// Offline "whose network is this IP?": the ASN, organisation and country databases shipped as npm packages
// (@ip-location-db/asn: RouteViews + DB-IP, CC BY 4.0; @ip-location-db/asn-country: NRO, CC BY 4.0), loaded into
// an in-memory DuckDB database on first use. Their name and version go into the case and every report, so a
// second examiner looks IPs up in the same data (decision 0021).
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';

export const REFERENCE_DB = 'cairn_ref';

/** IPv4 keys live in ::ffff:0:0/96, as cairn_ip_key() maps them (dialect/ip-macros.sql). */
const V4_BASE = 0xffff00000000n;

const PACKAGES = ['@ip-location-db/asn', '@ip-location-db/asn-country'] as const;

export interface IpDatabaseInfo { packages: Array<{ name: string; version: string; licence: string }> }

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The shipped databases' names, versions and licences (recorded in the case; shown in reports). */
export function ipDatabaseInfo(): IpDatabaseInfo {
  return {
    packages: PACKAGES.map((name) => {
      const pkg = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string; license: string };
      return { name, version: pkg.version, licence: pkg.license };
    }),
  };
}

export const IP_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS ${REFERENCE_DB}.main.ip_asn (lo UHUGEINT, hi UHUGEINT, asn UBIGINT, org VARCHAR);
CREATE TABLE IF NOT EXISTS ${REFERENCE_DB}.main.ip_country (lo UHUGEINT, hi UHUGEINT, country VARCHAR);`;

/** ip_asn(ip), ip_org(ip), ip_country(ip): NULL for text that is not an IP address or an address in no range. */
export const IP_LOOKUP_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO ip_asn(ip) AS (SELECT a.asn FROM ${REFERENCE_DB}.main.ip_asn a WHERE a.lo <= cairn_try_ip_key(ip) AND cairn_try_ip_key(ip) <= a.hi);
CREATE OR REPLACE TEMP MACRO ip_org(ip) AS (SELECT a.org FROM ${REFERENCE_DB}.main.ip_asn a WHERE a.lo <= cairn_try_ip_key(ip) AND cairn_try_ip_key(ip) <= a.hi);
CREATE OR REPLACE TEMP MACRO ip_country(ip) AS (SELECT c.country FROM ${REFERENCE_DB}.main.ip_country c WHERE c.lo <= cairn_try_ip_key(ip) AND cairn_try_ip_key(ip) <= c.hi);`;

/** Whether SQL text calls one of the lookups (so the engine loads the data first). */
export const USES_IP_LOOKUP = /\bip_(asn|org|country)\s*\(/i;

/** Fills the reference tables from the packages' numeric CSV files (ranges, inclusive). */
export async function loadIpNetworks(conn: DuckDBConnection): Promise<{ rows: number }> {
  let rows = 0;
  const asn = packageDir(PACKAGES[0]);
  const country = packageDir(PACKAGES[1]);
  const appendAll = async (table: string, files: Array<[string, bigint]>, row: (f: string[]) => (a: Appender) => void): Promise<void> => {
    const appender = await conn.createAppender(table, 'main', REFERENCE_DB);
    try {
      for (const [file, base] of files) {
        for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
          if (!line) continue;
          const f = splitCsv(line);
          appender.appendUHugeInt(BigInt(f[0]!) + base);
          appender.appendUHugeInt(BigInt(f[1]!) + base);
          row(f)(appender);
          appender.endRow();
          rows++;
        }
      }
    } finally {
      appender.closeSync();
    }
  };
  await appendAll('ip_asn', [[join(asn, 'asn-ipv4-num.csv'), V4_BASE], [join(asn, 'asn-ipv6-num.csv'), 0n]],
    (f) => (a) => { a.appendUBigInt(BigInt(f[2]!)); a.appendVarchar(f[3] ?? ''); });
  await appendAll('ip_country', [[join(country, 'asn-country-ipv4-num.csv'), V4_BASE], [join(country, 'asn-country-ipv6-num.csv'), 0n]],
    (f) => (a) => { a.appendVarchar(f[2] ?? ''); });
  return { rows };
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

/** One CSV line: plain fields, and a last field that may be quoted with doubled quotes inside. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let k = 0;
  while (k <= line.length) {
    if (line[k] === '"') {
      let v = '';
      let j = k + 1;
      while (j < line.length) {
        if (line[j] === '"') { if (line[j + 1] === '"') { v += '"'; j += 2; continue; } break; }
        v += line[j++];
      }
      out.push(v);
      k = j + 2;
    } else {
      const comma = line.indexOf(',', k);
      const end = comma === -1 ? line.length : comma;
      out.push(line.slice(k, end));
      k = end + 1;
    }
  }
  return out;
}
