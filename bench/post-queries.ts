// The five sample queries of AWS's incident-response post on querying logs with Athena, as an analyst
// pastes them (Athena/Presto dialect, with the post's two defects corrected: the missing comma in
// "SELECT eventSource COUNT(*)" and "userIdentity.arn = '%...%'", which needs LIKE), each beside a
// hand translation to plain DuckDB SQL for the direct baseline. Values (the IP, the user) are ones the
// generator puts in the data. When the query library ships these queries, the bench should read them there.
import { SUSPECT_IP } from './cloudtrail-world';

export interface PostQuery { id: string; title: string; athena: string; duckdb: string }

export const POST_QUERIES: PostQuery[] = [
  {
    id: 'unauthorized-attempts',
    title: 'Unauthorized attempts by event source',
    athena: `SELECT eventSource, COUNT(*) AS TotalEvents
FROM cloudtrail_logs
WHERE errorCode IN ('AccessDenied', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventSource
ORDER BY TotalEvents DESC`,
    duckdb: `SELECT eventsource, count(*) AS totalevents
FROM cloudtrail
WHERE errorcode IN ('AccessDenied', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventsource
ORDER BY totalevents DESC`,
  },
  {
    id: 'rejected-tcp',
    title: 'Rejected TCP connections',
    athena: `SELECT day_of_week(date) AS day, date, interface_id, srcaddr, action, protocol
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
LIMIT 100`,
    duckdb: `SELECT isodow("date") AS "day", "date", interface_id, srcaddr, action, protocol
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
LIMIT 100`,
  },
  {
    id: 'older-tls',
    title: 'Connections over older TLS versions',
    athena: `SELECT eventSource, userIdentity.arn, tlsDetails.tlsVersion, COUNT(*) AS numOutdatedTlsCalls
FROM cloudtrail_logs
WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
GROUP BY eventSource, userIdentity.arn, tlsDetails.tlsVersion
ORDER BY numOutdatedTlsCalls DESC`,
    duckdb: `SELECT eventsource, useridentity.arn AS arn, tlsdetails.tlsversion AS tlsversion, count(*) AS numoutdatedtlscalls
FROM cloudtrail
WHERE tlsdetails.tlsversion IN ('TLSv1', 'TLSv1.1')
GROUP BY ALL
ORDER BY numoutdatedtlscalls DESC`,
  },
  {
    id: 'connections-from-ip',
    title: 'Filter connections from an IP',
    athena: `SELECT * FROM vpc_flow_logs
WHERE srcaddr = '${SUSPECT_IP}'`,
    duckdb: `SELECT * FROM vpc_flow_logs
WHERE srcaddr = '${SUSPECT_IP}'`,
  },
  {
    id: 'user-actions',
    title: 'Investigate user actions',
    athena: `SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, requestParameters
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%alice%'
ORDER BY eventTime DESC`,
    duckdb: `SELECT eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent, errorcode, requestparameters
FROM cloudtrail
WHERE useridentity.arn LIKE '%alice%'
ORDER BY eventtime DESC`,
  },
];
