-- title: AWS post: unauthorized attempts
-- description: The AWS post's "Unauthorized attempts" sample (post-unauthorized-attempts-verbatim) for daily
-- description: use: refused calls (the post's four error codes), newest first, in a time window and
-- description: optionally for principals whose ARN contains some text. Changed from the post: its example
-- description: values are parameters (the post has 2023-01-01 to 2023-03-01 and ARN LIKE '%iam%', which
-- description: leaves out assumed-role sessions; empty here means every principal), and the window compares
-- description: timestamps, not text.
-- tables: cloudtrail
-- tags: aws-post, discovery, T1580
-- param: start timestamp "Window start (UTC, inclusive)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC, exclusive)" default=2100-01-01T00:00:00Z
-- param: principal principal "Principal ARN contains (empty: any)" optional
SELECT *
FROM cloudtrail
WHERE errorcode IN ('Client.UnauthorizedOperation','Client.InvalidPermission.NotFound','Client.OperationNotPermitted','AccessDenied')
AND ($principal = '' OR useridentity.arn LIKE '%' || $principal || '%')
AND from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp($start)
AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp($end)
ORDER BY eventtime desc
