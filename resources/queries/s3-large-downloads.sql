-- title: S3: who downloaded the most (possible exfiltration)
-- description: Bytes sent by successful object GETs, summed per client address and requester, above a threshold:
-- description: bulk downloads of a bucket's data. Compare with the requester's usual volume and with CloudTrail
-- description: data events; an unknown address or a freshly created key is the finding.
-- tables: s3_access_logs
-- tags: s3, exfiltration, collection, T1530
-- param: min_bytes text "Bytes sent at least" default=100000000
SELECT remoteip, requester, bucket_name, count(*) AS objects, sum(bytessent) AS bytes_sent,
       min(request_ts) AS first_seen, max(request_ts) AS last_seen
FROM s3_access_logs
WHERE operation = 'REST.GET.OBJECT' AND httpstatus LIKE '2%'
GROUP BY remoteip, requester, bucket_name
HAVING sum(bytessent) >= CAST($min_bytes AS BIGINT)
ORDER BY bytes_sent DESC
