-- title: KMS keys scheduled for deletion or disabled
-- description: ScheduleKeyDeletion and DisableKey calls. Destroying or disabling a customer managed key makes
-- description: everything encrypted with it unreadable: a ransom and sabotage technique. Deletion waits 7 to
-- description: 30 days (pendingWindowInDays), so a hit may still be reversible with CancelKeyDeletion.
-- tables: cloudtrail_logs
-- tags: impact, kms, T1485, T1486
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS arn, errorcode,
       json_extract_scalar(requestparameters, '$.keyId') AS key_id,
       json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS pending_window_days,
       sourceipaddress, awsregion, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'kms.amazonaws.com'
  AND eventname IN ('ScheduleKeyDeletion', 'DisableKey')
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
