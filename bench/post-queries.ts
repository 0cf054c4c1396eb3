// The five sample queries of AWS's incident-response post on querying logs with Athena. Cairn runs the
// versions shipped in its query library (resources/queries/post-*.sql: Athena dialect, the post's two
// defects corrected, values as $parameters); each has a hand translation to plain DuckDB SQL for the direct
// baseline, bound with the same parameter values. If a library file is missing, the Athena text below
// (the same statements with the values inline) is used and the report says so.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLibraryQuery } from '../electron/core/query/query-library';
import { SUSPECT_IP } from './cloudtrail-world';

export interface PostQuery {
  id: string; title: string;
  /** What Cairn is given: the library's text, or the fallback below. */
  athena: string;
  duckdb: string;
  params: Record<string, string>;
  /** Where `athena` came from. */
  origin: string;
}

const LIBRARY = join(__dirname, '..', '..', 'resources', 'queries');

/** Values the generator puts in the data, so the queries return rows. */
const PARAMS = { ip: SUSPECT_IP, username: 'alice' };

const QUERIES: Omit<PostQuery, 'origin' | 'params'>[] = [
  {
    id: 'post-unauthorized-attempts', title: 'Unauthorized attempts by event source',
    athena: `SELECT eventSource, COUNT(*) AS TotalEvents FROM cloudtrail_logs
WHERE errorCode IN ('AccessDenied', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventSource ORDER BY TotalEvents DESC`,
    duckdb: `SELECT eventsource, count(*) AS totalevents FROM cloudtrail
WHERE errorcode IN ('AccessDenied', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventsource ORDER BY totalevents DESC`,
  },
  {
    id: 'post-rejected-tcp-connections', title: 'Rejected TCP connections',
    athena: `SELECT day_of_week(date) AS day, date, interface_id, srcaddr, action, protocol FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6 LIMIT 100`,
    duckdb: `SELECT isodow("date") AS "day", "date", interface_id, srcaddr, action, protocol FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6 LIMIT 100`,
  },
  {
    id: 'post-older-tls-connections', title: 'Connections over older TLS versions',
    athena: `SELECT eventSource, userIdentity.arn, tlsDetails.tlsVersion, COUNT(*) AS numOutdatedTlsCalls FROM cloudtrail_logs
WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
GROUP BY eventSource, userIdentity.arn, tlsDetails.tlsVersion ORDER BY numOutdatedTlsCalls DESC`,
    duckdb: `SELECT eventsource, useridentity.arn AS arn, tlsdetails.tlsversion AS tlsversion, count(*) AS numoutdatedtlscalls
FROM cloudtrail WHERE tlsdetails.tlsversion IN ('TLSv1', 'TLSv1.1')
GROUP BY ALL ORDER BY numoutdatedtlscalls DESC`,
  },
  {
    id: 'post-connections-from-ip', title: 'Filter connections from an IP',
    athena: `SELECT * FROM vpc_flow_logs WHERE srcaddr = $ip`,
    duckdb: `SELECT * FROM vpc_flow_logs WHERE srcaddr = $ip`,
  },
  {
    id: 'post-investigate-user-actions', title: 'Investigate user actions',
    athena: `SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, requestParameters
FROM cloudtrail_logs WHERE userIdentity.arn LIKE '%' || $username || '%' ORDER BY eventTime DESC`,
    duckdb: `SELECT eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent, errorcode, requestparameters
FROM cloudtrail WHERE useridentity.arn LIKE '%' || $username || '%' ORDER BY eventtime DESC`,
  },
];

/** Only the parameters a statement names, as DuckDB refuses values for parameters it does not have. */
function paramsFor(sql: string): Record<string, string> {
  return Object.fromEntries(Object.entries(PARAMS).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

export function postQueries(): PostQuery[] {
  return QUERIES.map((q) => {
    const file = join(LIBRARY, `${q.id}.sql`);
    if (!existsSync(file)) return { ...q, params: paramsFor(q.athena), origin: 'bench fallback text' };
    const lib = parseLibraryQuery(q.id, readFileSync(file, 'utf8'));
    return { ...q, title: lib.title, athena: lib.sql, params: paramsFor(lib.sql), origin: `resources/queries/${q.id}.sql` };
  });
}
