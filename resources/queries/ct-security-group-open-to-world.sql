-- title: Security groups opened to the world
-- description: Successful AuthorizeSecurityGroupIngress calls whose rules allow 0.0.0.0/0 or ::/0, that is any
-- description: address on the internet. Attackers open SSH, RDP or database ports this way to get in or to
-- description: keep a way in; check the ports in requestparameters.
-- tables: cloudtrail_logs
-- tags: defense-evasion, persistence, ec2, T1562.007
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS arn, json_extract_scalar(requestparameters, '$.groupId') AS group_id,
       requestparameters, sourceipaddress, awsregion, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
  AND eventname = 'AuthorizeSecurityGroupIngress'
  AND errorcode IS NULL
  AND (regexp_like(requestparameters, '"cidrIp"\s*:\s*"0\.0\.0\.0/0"')
       OR regexp_like(requestparameters, '"cidrIpv6"\s*:\s*"::/0"'))
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
