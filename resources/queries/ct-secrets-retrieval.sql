-- title: Secrets and decrypted SSM parameters retrieved
-- description: Secrets Manager GetSecretValue / BatchGetSecretValue and SSM GetParameter(s) /
-- description: GetParametersByPath with withDecryption = true: every read of a secret's cleartext. After a
-- description: compromise, look for principals reading many secrets or secrets they never read before.
-- tables: cloudtrail_logs
-- tags: credential-access, secretsmanager, ssm, T1555.006, T1552
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventsource, eventname, useridentity.arn AS arn, errorcode,
       coalesce(json_extract_scalar(requestparameters, '$.secretId'), json_extract_scalar(requestparameters, '$.name'),
                json_extract_scalar(requestparameters, '$.path'), json_format(json_extract(requestparameters, '$.names')),
                json_format(json_extract(requestparameters, '$.secretIdList'))) AS secrets,
       sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
  AND (
    (eventsource = 'secretsmanager.amazonaws.com' AND eventname IN ('GetSecretValue', 'BatchGetSecretValue'))
    OR (eventsource = 'ssm.amazonaws.com'
      AND eventname IN ('GetParameter', 'GetParameters', 'GetParametersByPath')
      AND json_extract_scalar(requestparameters, '$.withDecryption') = 'true')
  )
ORDER BY eventtime
