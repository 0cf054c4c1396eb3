-- title: AWS post: filter connections from an IP
-- description: Sample query "filter connections from an IP" from AWS's incident-response post on querying
-- description: CloudTrail and VPC flow logs with Athena: every flow-log record whose source is the given
-- description: address (the post's literal address is the ip parameter here).
-- tables: vpc_flow_logs
-- tags: aws-post, vpc, network, ioc
-- param: ip ip "Source IP address"
SELECT * FROM vpc_flow_logs
WHERE srcaddr = $ip
