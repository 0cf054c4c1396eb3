-- title: Activity of a principal in a time window
-- description: Every event made by identities whose ARN contains the given text (a user name, a role name, a
-- description: full ARN or an assumed-role session), directly or through a session issued by that role, in
-- description: the time window: the timeline of a suspected compromised identity.
-- tables: cloudtrail_logs
-- tags: triage, timeline
-- param: principal principal "Principal ARN (or part of it)"
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, useridentity.arn AS arn, eventsource, eventname, awsregion, sourceipaddress, errorcode,
       useragent, requestparameters, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE (useridentity.arn LIKE '%' || $principal || '%'
       OR useridentity.sessioncontext.sessionissuer.arn LIKE '%' || $principal || '%')
  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY eventtime
