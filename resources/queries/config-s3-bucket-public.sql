-- title: AWS Config: S3 buckets open to everyone
-- description: S3 bucket configuration items whose bucket policy grants to Principal "*" or whose public access
-- description: block is off: the state a bucket was in at each capture, so an exposure window can be dated
-- description: from the first item showing it to the first not showing it.
-- tables: config_items
-- tags: config, s3, exposure, T1530
SELECT capture_ts, awsaccountid, awsregion, resourceid, configurationitemstatus,
       json_extract_scalar(supplementaryconfiguration, '$.BucketPolicy.policyText') AS bucket_policy,
       json_format(json_extract(supplementaryconfiguration, '$.PublicAccessBlockConfiguration')) AS public_access_block, _evidence_id, _ordinal
FROM config_items
WHERE resourcetype = 'AWS::S3::Bucket'
  AND (regexp_like(coalesce(json_extract_scalar(supplementaryconfiguration, '$.BucketPolicy.policyText'), ''), '"Principal"\s*:\s*(\{\s*"AWS"\s*:\s*)?"\*"')
       OR json_extract_scalar(supplementaryconfiguration, '$.PublicAccessBlockConfiguration.blockPublicPolicy') = 'false')
ORDER BY capture_ts
