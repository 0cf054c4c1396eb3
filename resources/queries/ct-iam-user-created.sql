-- title: IAM users created
-- description: Successful CreateUser calls. A new IAM user is an easy backdoor that survives the rotation of
-- description: the credentials an attacker first stole; look for users created by unexpected principals or
-- description: from unexpected IPs, then at what was attached to them.
-- tables: cloudtrail_logs
-- tags: iam, persistence, T1136.003
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS created_by, json_extract_scalar(requestparameters, '$.userName') AS new_user,
       json_extract_scalar(responseelements, '$.user.arn') AS new_user_arn, sourceipaddress, useragent,
       recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
  AND eventname = 'CreateUser'
  AND errorcode IS NULL
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
