-- title: Console login failures and brute force
-- description: Source IPs with at least min_failures failed console sign-ins, with the users they tried, the
-- description: first and last failure, and whether the same IP later signed in successfully (a password
-- description: guessing or credential-stuffing run that worked).
-- tables: cloudtrail_logs
-- tags: credential-access, initial-access, T1110
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: min_failures text "Report IPs with at least this many failures" default=5
WITH logins AS (
  SELECT sourceipaddress, useridentity.arn AS arn, from_iso8601_timestamp(eventtime) AS ts,
         json_extract_scalar(responseelements, '$.ConsoleLogin') AS result
  FROM cloudtrail_logs
  WHERE eventname = 'ConsoleLogin'
    AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
),
failures AS (
  SELECT sourceipaddress, count(*) AS failures, count(DISTINCT arn) AS users_tried,
         array_join(array_sort(array_agg(DISTINCT arn)), ', ') AS users, min(ts) AS first_failure, max(ts) AS last_failure
  FROM logins
  WHERE result = 'Failure'
  GROUP BY sourceipaddress
)
SELECT f.sourceipaddress, f.failures, f.users_tried, f.users, f.first_failure, f.last_failure,
       min(l.ts) AS first_success_after, min(l.ts) IS NOT NULL AS succeeded_later
FROM failures f
LEFT JOIN logins l
  ON l.sourceipaddress = f.sourceipaddress AND l.result = 'Success' AND l.ts > f.first_failure
WHERE f.failures >= CAST($min_failures AS INTEGER)
GROUP BY f.sourceipaddress, f.failures, f.users_tried, f.users, f.first_failure, f.last_failure
ORDER BY f.failures DESC
