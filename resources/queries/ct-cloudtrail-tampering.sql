-- title: CloudTrail stopped, deleted or changed
-- description: StopLogging, DeleteTrail, UpdateTrail and PutEventSelectors calls, failed ones included: an
-- description: attacker who stops or narrows the trail blinds the investigation, and even a refused attempt
-- description: shows intent. Check what the change did (requestparameters) and what happened right after it.
-- tables: cloudtrail_logs
-- tags: defense-evasion, cloudtrail, T1562.008
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS arn, errorcode,
       coalesce(json_extract_scalar(requestparameters, '$.name'), json_extract_scalar(requestparameters, '$.trailName')) AS trail,
       requestparameters, sourceipaddress, awsregion, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'cloudtrail.amazonaws.com'
  AND eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors')
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
