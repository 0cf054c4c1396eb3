-- title: API calls from a network (CIDR)
-- description: CloudTrail events whose source address falls in the given CIDR range (IPv4 or IPv6), oldest
-- description: first. Sources that are service names ("ec2.amazonaws.com", "AWS Internal") are not
-- description: addresses and never match.
-- tables: cloudtrail_logs
-- tags: triage, ioc
-- param: cidr cidr "Source network, e.g. 203.0.113.0/24"
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, sourceipaddress, useridentity.arn AS arn, eventsource, eventname, awsregion, errorcode,
       useragent, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE contains($cidr, TRY_CAST(sourceipaddress AS IPADDRESS))
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
