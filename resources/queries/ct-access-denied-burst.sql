-- title: Bursts of access-denied errors per principal
-- description: Principals with at least min_errors AccessDenied / UnauthorizedOperation errors within one hour,
-- description: with the distinct calls they tried. A burst of refusals is what permission enumeration with a
-- description: stolen credential looks like (tools such as Pacu or enumerate-iam).
-- tables: cloudtrail_logs
-- tags: discovery, credential-access, T1087.004, T1580
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: min_errors text "Report principals with at least this many errors in an hour" default=10
SELECT useridentity.arn AS arn, date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour,
       count(*) AS errors, count(DISTINCT eventname) AS distinct_calls,
       array_join(array_sort(array_agg(DISTINCT eventsource || ':' || eventname)), ', ') AS calls,
       array_join(array_sort(array_agg(DISTINCT sourceipaddress)), ', ') AS source_ips
FROM cloudtrail_logs
WHERE (errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
       OR errorcode LIKE '%UnauthorizedAccess%')
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY useridentity.arn, date_trunc('hour', from_iso8601_timestamp(eventtime))
HAVING count(*) >= CAST($min_errors AS INTEGER)
ORDER BY errors DESC
