-- title: AWS post, verbatim: unauthorized attempts
-- description: The AWS Security Blog post "Logging strategies for security incident response", sample query
-- description: "Unauthorized attempts", exactly as printed: refused calls by principals whose ARN contains
-- description: "iam" from 2023-01-01 to 2023-03-01 (eventtime compared as ISO-8601 text), newest first.
-- description: Athena runs it as written, and so does Cairn. The window and '%iam%' are the post's example
-- description: values (assumed-role sessions, arn:aws:sts::..., are left out); post-unauthorized-attempts
-- description: takes them as parameters.
-- tables: cloudtrail
-- tags: aws-post, verbatim, discovery, T1580
SELECT *
FROM cloudtrail
WHERE errorcode IN ('Client.UnauthorizedOperation','Client.InvalidPermission.NotFound','Client.OperationNotPermitted','AccessDenied')
AND useridentity.arn LIKE '%iam%'
AND eventtime >= '2023-01-01T00:00:00Z'
AND eventtime < '2023-03-01T00:00:00Z'
ORDER BY eventtime desc
