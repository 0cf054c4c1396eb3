-- title: EC2 instances launched in unusual regions
-- description: RunInstances calls in regions outside the list the organisation normally uses. Crypto-mining
-- description: and other resource hijacking usually launches large instances in regions nobody watches.
-- description: Failed launches are kept (quota or permission errors in a strange region are a signal too).
-- tables: cloudtrail_logs
-- tags: impact, ec2, T1496, T1578.002
-- param: usual_regions text "Regions normally used, comma-separated" default=us-east-1
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, awsregion, useridentity.arn AS arn, errorcode,
       json_extract_scalar(requestparameters, '$.instanceType') AS instance_type,
       json_extract_scalar(requestparameters, '$.instancesSet.items[0].maxCount') AS max_count,
       json_extract_scalar(requestparameters, '$.instancesSet.items[0].imageId') AS image_id,
       sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
  AND eventname = 'RunInstances'
  AND NOT contains(transform(split($usual_regions, ','), r -> trim(r)), awsregion)
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
