-- title: AWS post: connections over older TLS versions
-- description: Sample query "connections over older TLS versions" from AWS's incident-response post on
-- description: querying CloudTrail and VPC flow logs with Athena: calls made over TLS 1.0 or 1.1 (AWS
-- description: endpoints require TLS 1.2 or later since 2023), per service, principal and version. Outdated
-- description: clients are worth finding, and an old TLS stack can also betray unusual tooling.
-- tables: cloudtrail_logs
-- tags: aws-post, tls, hygiene
SELECT eventSource, userIdentity.arn, tlsDetails.tlsVersion, COUNT(*) AS numOutdatedTlsCalls
FROM cloudtrail_logs
WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
GROUP BY eventSource, userIdentity.arn, tlsDetails.tlsVersion
ORDER BY numOutdatedTlsCalls DESC
