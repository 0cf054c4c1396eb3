-- title: Console logins without MFA
-- description: Successful AWS console sign-ins where CloudTrail records MFAUsed = "No". A stolen password is
-- description: enough for these logins, so they are the first place to look after a credential leak or a
-- description: phishing report. Failed sign-ins are in "Console login failures".
-- tables: cloudtrail_logs
-- tags: initial-access, iam, T1078, T1078.004
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.type AS identity_type, useridentity.arn AS arn, sourceipaddress, useragent,
       awsregion, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'
  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
