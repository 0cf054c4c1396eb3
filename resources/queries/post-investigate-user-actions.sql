-- title: AWS post: investigate user actions
-- description: Sample query "investigate user actions" from AWS's incident-response post on querying
-- description: CloudTrail and VPC flow logs with Athena: everything an identity did, newest first. Corrected:
-- description: the post writes userIdentity.arn = '%<username>%', which compares with the literal text
-- description: (the % signs included) and so never matches; a wildcard needs LIKE. Shipped as
-- description: userIdentity.arn LIKE '%' || username || '%', the user name given as a parameter.
-- tables: cloudtrail_logs
-- tags: aws-post, triage, timeline
-- param: username principal "User name or ARN (part of it)"
SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, requestParameters
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%' || $username || '%'
ORDER BY eventTime DESC
