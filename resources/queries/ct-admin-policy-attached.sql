-- title: Administrator permissions granted
-- description: Successful calls that give a user, group or role full administrator rights: the AWS managed
-- description: AdministratorAccess policy attached (Attach*Policy), or an inline policy (Put*Policy) that
-- description: allows Action "*". This is the usual privilege-escalation step after an initial foothold.
-- tables: cloudtrail_logs
-- tags: iam, privilege-escalation, persistence, T1098, T1484
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventname, useridentity.arn AS granted_by,
       coalesce(json_extract_scalar(requestparameters, '$.userName'), json_extract_scalar(requestparameters, '$.roleName'),
                json_extract_scalar(requestparameters, '$.groupName')) AS granted_to,
       coalesce(json_extract_scalar(requestparameters, '$.policyArn'), json_extract_scalar(requestparameters, '$.policyName')) AS policy,
       sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
  AND errorcode IS NULL
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
  AND (
    (eventname IN ('AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy')
      AND json_extract_scalar(requestparameters, '$.policyArn') LIKE '%:policy/AdministratorAccess')
    OR (eventname IN ('PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy')
      AND regexp_like(json_extract_scalar(requestparameters, '$.policyDocument'), '"Action"\s*:\s*(\[\s*)?"\*"'))
  )
ORDER BY eventtime
