-- title: Console passwords set (login profiles created or changed)
-- description: Successful CreateLoginProfile and UpdateLoginProfile calls, which give an IAM user a console
-- description: password or change it. Setting the password of another user is a known way to take over an
-- description: identity and keep console access.
-- tables: cloudtrail_logs
-- tags: iam, persistence, T1098
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS changed_by,
       json_extract_scalar(requestparameters, '$.userName') AS for_user,
       json_extract_scalar(requestparameters, '$.passwordResetRequired') AS password_reset_required,
       sourceipaddress, useragent, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
  AND eventname IN ('CreateLoginProfile', 'UpdateLoginProfile')
  AND errorcode IS NULL
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
