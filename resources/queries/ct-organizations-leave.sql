-- title: Account leaving or removed from the AWS Organization
-- description: LeaveOrganization, RemoveAccountFromOrganization and DeleteOrganization calls, failed ones
-- description: included. An account that leaves its organization escapes the organization's SCPs, its
-- description: organization trail and its central security tooling.
-- tables: cloudtrail_logs
-- tags: defense-evasion, organizations, T1562, T1666
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS arn, errorcode, errormessage,
       json_extract_scalar(requestparameters, '$.accountId') AS removed_account,
       sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'organizations.amazonaws.com'
  AND eventname IN ('LeaveOrganization', 'RemoveAccountFromOrganization', 'DeleteOrganization')
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
