-- title: S3 buckets made public
-- description: Successful calls that expose a bucket to everyone: a bucket policy with Principal "*", an ACL
-- description: granting AllUsers or AuthenticatedUsers (or a public-read / public-read-write canned ACL), and
-- description: the removal of a bucket's or the account's Block Public Access settings. Data theft and
-- description: ransom notes often start with this.
-- tables: cloudtrail_logs
-- tags: exfiltration, s3, T1530, T1537
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS arn, json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
       requestparameters, sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource IN ('s3.amazonaws.com', 's3-control.amazonaws.com')
  AND errorcode IS NULL
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
  AND (
    (eventname = 'PutBucketPolicy'
      AND regexp_like(requestparameters, '"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[\s*)?"\*")'))
    OR (eventname IN ('PutBucketAcl', 'PutObjectAcl')
      AND (regexp_like(requestparameters, 'acs\.amazonaws\.com/groups/global/(AllUsers|AuthenticatedUsers)')
           OR regexp_like(requestparameters, '"public-read(-write)?"')))
    OR eventname IN ('DeleteBucketPublicAccessBlock', 'DeletePublicAccessBlock')
  )
ORDER BY eventtime
