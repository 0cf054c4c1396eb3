-- title: Console logins from a country new for the user
-- description: Successful console sign-ins from a country (offline IP database: ip_country) that the same
-- description: principal had not signed in from earlier in this case. The first country each principal is
-- description: seen from is its baseline and is not reported. Addresses no database range covers (private or
-- description: documentation space) have no country and are left out. The report names the IP database version.
-- tables: cloudtrail_logs
-- tags: initial-access, T1078, T1078.004
-- param: start timestamp "Report new countries first seen from (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Report new countries first seen until (UTC)" default=2100-01-01T00:00:00Z
WITH logins AS (
  SELECT useridentity.arn AS arn, sourceipaddress, ip_country(sourceipaddress) AS country,
         ip_org(sourceipaddress) AS network, from_iso8601_timestamp(eventtime) AS login_time, eventid,
         _evidence_id, _ordinal
  FROM cloudtrail_logs
  WHERE eventname = 'ConsoleLogin'
    AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
),
firsts AS (
  SELECT arn, country, min(login_time) AS first_from_country
  FROM logins WHERE country IS NOT NULL GROUP BY arn, country
),
baseline AS (
  SELECT arn, min(first_from_country) AS first_login FROM firsts GROUP BY arn
)
SELECT l.login_time, l.arn, l.country, l.sourceipaddress, l.network, b.first_login AS principal_first_login,
       l.eventid, l._evidence_id, l._ordinal
FROM logins l
JOIN firsts f ON l.arn = f.arn AND l.country = f.country AND l.login_time = f.first_from_country
JOIN baseline b ON l.arn = b.arn
WHERE f.first_from_country > b.first_login
  AND l.login_time BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY l.login_time
