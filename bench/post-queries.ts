// The five sample queries of AWS's incident-response post on querying logs with Athena. Cairn runs the
// daily variants shipped in its query library (resources/queries/post-*.sql: Athena dialect, the post's two
// defects corrected, values as $parameters; the -verbatim files hold the post's text); each has a hand
// translation to plain DuckDB SQL for the direct baseline, bound with the same parameter values. If a
// library file is missing, the Athena text below (the same statements) is used and the report says so.
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

/** Values the generator puts in the data, so the queries return rows; the library's windows are wide open. */
const PARAMS = {
  cidr: `${SUSPECT_IP}/32`, username: 'alice', principal: '', start: '1970-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z',
};
const WINDOW = (col: string, lo = '>=') => `${col} ${lo} CAST($start AS TIMESTAMPTZ) AND ${col} < CAST($end AS TIMESTAMPTZ)`;

// The daily variants (resources/queries/post-*.sql, not the -verbatim ones: one of those cannot run).
const QUERIES: Omit<PostQuery, 'origin' | 'params'>[] = [
  {
    id: 'post-unauthorized-attempts', title: 'Unauthorized attempts',
    athena: `SELECT * FROM cloudtrail
WHERE errorcode IN ('Client.UnauthorizedOperation','Client.InvalidPermission.NotFound','Client.OperationNotPermitted','AccessDenied')
AND ($principal = '' OR useridentity.arn LIKE '%' || $principal || '%')
AND from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp($start) AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp($end)
ORDER BY eventtime desc`,
    duckdb: `SELECT * FROM cloudtrail
WHERE errorcode IN ('Client.UnauthorizedOperation','Client.InvalidPermission.NotFound','Client.OperationNotPermitted','AccessDenied')
AND ($principal = '' OR useridentity.arn LIKE '%' || $principal || '%') AND ${WINDOW('CAST(eventtime AS TIMESTAMPTZ)')}
ORDER BY eventtime DESC`,
  },
  {
    id: 'post-rejected-tcp-connections', title: 'Rejected TCP connections',
    athena: `SELECT day_of_week(date) AS day, date, from_unixtime(start) AS start_time, interface_id, srcaddr, dstaddr, dstport,
action, protocol, _evidence_id, _ordinal FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6
AND from_unixtime(start) >= from_iso8601_timestamp($start) AND from_unixtime(start) < from_iso8601_timestamp($end)
ORDER BY start, _evidence_id, _ordinal`,
    duckdb: `SELECT isodow("date") AS "day", "date", to_timestamp(start) AS start_time, interface_id, srcaddr, dstaddr, dstport,
action, protocol, _evidence_id, _ordinal FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6
AND ${WINDOW('to_timestamp(start)')} ORDER BY start, _evidence_id, _ordinal`,
  },
  {
    id: 'post-older-tls-connections', title: 'Connections over older TLS versions',
    athena: `SELECT eventSource, COUNT(*) AS numOutdatedTlsCalls FROM cloudtrail WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
AND from_iso8601_timestamp(eventTime) > from_iso8601_timestamp($start) AND from_iso8601_timestamp(eventTime) < from_iso8601_timestamp($end)
GROUP BY eventSource ORDER BY numOutdatedTlsCalls DESC`,
    duckdb: `SELECT eventsource, count(*) AS numoutdatedtlscalls FROM cloudtrail WHERE tlsdetails.tlsversion IN ('TLSv1', 'TLSv1.1')
AND ${WINDOW('CAST(eventtime AS TIMESTAMPTZ)', '>')} GROUP BY eventsource ORDER BY numoutdatedtlscalls DESC`,
  },
  {
    id: 'post-connections-from-ip', title: 'Filter connections from an IP',
    athena: `SELECT day_of_week(date) AS day, date, from_unixtime(start) AS start_time, srcaddr, dstaddr, dstport, action,
protocol, _evidence_id, _ordinal FROM vpc_flow_logs WHERE contains($cidr, CAST(srcaddr AS IPADDRESS))
AND from_unixtime(start) >= from_iso8601_timestamp($start) AND from_unixtime(start) < from_iso8601_timestamp($end)
ORDER BY start DESC, _evidence_id, _ordinal`,
    // By hand for the one IPv4 /32 the bench binds: an address comparison.
    duckdb: `SELECT isodow("date") AS "day", "date", to_timestamp(start) AS start_time, srcaddr, dstaddr, dstport, action,
protocol, _evidence_id, _ordinal FROM vpc_flow_logs WHERE srcaddr = split_part($cidr, '/', 1)
AND ${WINDOW('to_timestamp(start)')} ORDER BY start DESC, _evidence_id, _ordinal`,
  },
  {
    id: 'post-investigate-user-actions', title: 'Investigate user actions',
    athena: `SELECT eventID, eventName, eventSource, eventTime, userIdentity.arn AS user, _evidence_id, _ordinal FROM cloudtrail
WHERE userIdentity.arn LIKE '%' || $username || '%'
AND from_iso8601_timestamp(eventTime) > from_iso8601_timestamp($start) AND from_iso8601_timestamp(eventTime) < from_iso8601_timestamp($end)
ORDER BY eventTime`,
    duckdb: `SELECT eventid, eventname, eventsource, eventtime, useridentity.arn AS "user", _evidence_id, _ordinal FROM cloudtrail
WHERE useridentity.arn LIKE '%' || $username || '%' AND ${WINDOW('CAST(eventtime AS TIMESTAMPTZ)', '>')} ORDER BY eventtime`,
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
