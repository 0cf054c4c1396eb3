import type { IpInfo } from '../../../shared/types';
import type { QueryEngine } from './query-engine';

/** The analyst's own lookups (decision 0021), so the workbench shows what a query would. */
const LOOKUP_SQL = `SELECT ip, CAST(ip_asn(ip) AS VARCHAR) AS asn, ip_org(ip) AS org, ip_country(ip) AS country
FROM (SELECT unnest(from_json($ips, '["VARCHAR"]')) AS ip)`;

/** ASN, organisation and country of each address, in the order given; the data is loaded on first use. */
export async function lookupIps(engine: QueryEngine, ips: string[]): Promise<IpInfo[]> {
  if (ips.length === 0) return [];
  const found = await engine.bounded(async (conn) => {
    const r = await conn.runAndReadAll(LOOKUP_SQL, { ips: JSON.stringify(ips) });
    return r.getRowObjectsJson() as Array<{ ip: string; asn: string | null; org: string | null; country: string | null }>;
  }, { ipNetworks: true });
  const byIp = new Map(found.map((f) => [f.ip, f]));
  return ips.map((ip) => ({ ip, asn: byIp.get(ip)?.asn ?? null, org: byIp.get(ip)?.org ?? null, country: byIp.get(ip)?.country ?? null }));
}
