-- title: S3: bucket policy, ACL and public-access-block changes
-- description: Requests that change who may read a bucket or object: bucket policies and ACLs put or deleted,
-- description: object ACLs set, the public access block removed. An attacker opens data to the world this way;
-- description: reads of the same settings are left out.
-- tables: s3_access_logs
-- tags: s3, exposure, defense-evasion, T1530
SELECT request_ts, remoteip, requester, bucket_name, operation, "key", httpstatus, errorcode, useragent, _evidence_id, _ordinal
FROM s3_access_logs
WHERE regexp_like(operation, '^REST\.(PUT|DELETE)\.(BUCKETPOLICY|ACL|OBJECT_ACL|PUBLIC_ACCESS_BLOCK|BUCKETPUBLICACCESSBLOCK|OWNERSHIP_CONTROLS)$')
ORDER BY request_ts
