-- title: AWS post: unauthorized attempts (by event source)
-- description: Sample query "unauthorized attempts" from AWS's incident-response post on querying CloudTrail
-- description: and VPC flow logs with Athena: refused calls counted per service. Corrected: the post's
-- description: "SELECT eventSource COUNT(*)" lacks the comma between the two select items (Athena rejects it
-- description: with a syntax error); shipped as "SELECT eventSource, COUNT(*)".
-- tables: cloudtrail_logs
-- tags: aws-post, discovery, T1580
SELECT eventSource, COUNT(*) AS TotalEvents
FROM cloudtrail_logs
WHERE errorCode IN ('AccessDenied', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventSource
ORDER BY TotalEvents DESC
