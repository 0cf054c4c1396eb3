-- title: Access keys used from a new IP address
-- description: For every access key, the IP addresses it was used from after its first-seen address, with when
-- description: each new address first appeared. A long-term key that suddenly shows up from an unfamiliar
-- description: network is a common sign of a leaked key. Calls that AWS services make for the key (the
-- description: source is a service name, not an address) are left out. The baseline is everything in the case
-- description: before the reported first use.
-- tables: cloudtrail_logs
-- tags: credential-access, initial-access, T1078.004, T1552
-- param: start timestamp "Report new IPs first seen from (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Report new IPs first seen until (UTC)" default=2100-01-01T00:00:00Z
WITH uses AS (
  SELECT useridentity.accesskeyid AS access_key_id, sourceipaddress,
         min(from_iso8601_timestamp(eventtime)) AS first_seen, count(*) AS calls,
         array_join(array_sort(array_agg(DISTINCT useridentity.arn)), ', ') AS principals
  FROM cloudtrail_logs
  WHERE useridentity.accesskeyid IS NOT NULL AND useridentity.accesskeyid <> ''
    AND TRY_CAST(sourceipaddress AS IPADDRESS) IS NOT NULL
  GROUP BY useridentity.accesskeyid, sourceipaddress
),
keys AS (
  SELECT access_key_id, min(first_seen) AS key_first_seen FROM uses GROUP BY access_key_id
)
SELECT u.access_key_id, u.principals, u.sourceipaddress AS new_ip, u.first_seen, u.calls, k.key_first_seen
FROM uses u
JOIN keys k ON u.access_key_id = k.access_key_id
WHERE u.first_seen > k.key_first_seen
  AND u.first_seen BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY u.first_seen
