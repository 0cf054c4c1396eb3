-- title: API calls from an IP address
-- description: Every CloudTrail event whose source is the given IP address, oldest first: what an address seen
-- description: elsewhere (a flow log, a WAF log, threat intelligence) did in the account.
-- tables: cloudtrail_logs
-- tags: triage, ioc
-- param: ip ip "Source IP address"
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS arn, eventsource, eventname, awsregion, errorcode, useragent,
       recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE sourceipaddress = $ip
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
