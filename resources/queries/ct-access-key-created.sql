-- title: Access keys created
-- description: Successful CreateAccessKey calls: who created a long-term key, for which user, and the new key
-- description: ID. Attackers add a key to an existing user to keep access after the password is reset; a key
-- description: created by someone other than the user it belongs to is the classic sign.
-- tables: cloudtrail_logs
-- tags: iam, persistence, T1098.001
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS created_by,
       coalesce(json_extract_scalar(requestparameters, '$.userName'), useridentity.username) AS for_user,
       json_extract_scalar(responseelements, '$.accessKey.accessKeyId') AS new_access_key_id,
       sourceipaddress, useragent, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
  AND eventname = 'CreateAccessKey'
  AND errorcode IS NULL
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
