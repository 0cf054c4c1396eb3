-- title: VPC flow logs deleted
-- description: DeleteFlowLogs calls, failed ones included. Deleting flow logs removes the network record of
-- description: what an attacker does next; compare the time with gaps in the flow logs themselves.
-- tables: cloudtrail_logs
-- tags: defense-evasion, vpc, T1562.008
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS arn, errorcode, requestparameters, sourceipaddress, awsregion,
       recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
  AND eventname = 'DeleteFlowLogs'
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
