-- title: AWS post: investigate user actions
-- description: The AWS post's "Investigate user actions" sample (post-investigate-user-actions-verbatim) for
-- description: daily use: the calls of identities whose ARN contains a user name, in a time window. Corrected:
-- description: the post writes userIdentity.arn = '%<username>%', which compares with the literal text (the %
-- description: signs included) and so never matches; a wildcard needs LIKE. Shipped as
-- description: userIdentity.arn LIKE '%' || $username || '%'. Changed: the post's text bounds on eventTime
-- description: are a window of timestamps, and the rows are in time order.
-- tables: cloudtrail
-- tags: aws-post, triage, timeline
-- param: username principal "User name or ARN (part of it)"
-- param: start timestamp "Window start (UTC, exclusive)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC, exclusive)" default=2100-01-01T00:00:00Z
SELECT eventID, eventName, eventSource, eventTime, userIdentity.arn
AS user, _evidence_id, _ordinal
FROM cloudtrail
WHERE userIdentity.arn LIKE '%' || $username || '%'
AND from_iso8601_timestamp(eventTime) > from_iso8601_timestamp($start) AND from_iso8601_timestamp(eventTime) < from_iso8601_timestamp($end)
ORDER BY eventTime
