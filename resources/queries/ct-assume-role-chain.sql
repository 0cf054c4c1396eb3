-- title: Role chaining (a role session assuming another role)
-- description: AssumeRole calls made by an assumed-role session, i.e. one role used to become another. Role
-- description: chaining is how an attacker moves from a workload's role (an EC2 instance, a Lambda function) to
-- description: more powerful roles or into other accounts; check the target role and the account it lives in.
-- tables: cloudtrail_logs
-- tags: lateral-movement, privilege-escalation, sts, T1550.001, T1078.004
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.sessioncontext.sessionissuer.arn AS from_role, useridentity.arn AS from_session,
       json_extract_scalar(requestparameters, '$.roleArn') AS to_role,
       json_extract_scalar(requestparameters, '$.roleSessionName') AS new_session_name,
       errorcode, sourceipaddress, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE eventsource = 'sts.amazonaws.com'
  AND eventname = 'AssumeRole'
  AND useridentity.type = 'AssumedRole'
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
