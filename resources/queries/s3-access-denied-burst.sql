-- title: S3: requesters refused again and again (AccessDenied bursts)
-- description: Clients and principals that S3 server access logs show refused with 403 AccessDenied at least
-- description: a threshold of times: credential testing, a stolen key probing what it can read, or an enumeration
-- description: of object names. The keys they tried say what they were after.
-- tables: s3_access_logs
-- tags: s3, discovery, credential-access, T1619
-- param: min_errors text "Refusals at least" default=5
SELECT remoteip, requester, count(*) AS refusals, count(DISTINCT "key") AS keys_tried,
       array_join(array_sort(array_agg(DISTINCT operation)), ', ') AS operations, min(request_ts) AS first_seen, max(request_ts) AS last_seen
FROM s3_access_logs
WHERE httpstatus = '403' AND errorcode = 'AccessDenied'
GROUP BY remoteip, requester
HAVING count(*) >= CAST($min_errors AS BIGINT)
ORDER BY refusals DESC
