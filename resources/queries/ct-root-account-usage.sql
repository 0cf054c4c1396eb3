-- title: Root account usage
-- description: Every API or console call made with the account's root user. Root has unrestricted access and
-- description: cannot be limited by IAM policies, so AWS advises locking it away; any use outside a documented
-- description: break-glass procedure deserves an explanation. Events AWS services record on root's behalf
-- description: (AwsServiceEvent, or a call with invokedBy set) are left out.
-- tables: cloudtrail_logs
-- tags: iam, privilege-escalation, initial-access, T1078.004
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: account account "Account ID" optional
SELECT eventtime, recipientaccountid, eventsource, eventname, awsregion, sourceipaddress, useragent,
       errorcode, useridentity.arn AS arn, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
  AND useridentity.invokedby IS NULL
  AND eventtype <> 'AwsServiceEvent'
  AND ($account = '' OR recipientaccountid = $account)
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
