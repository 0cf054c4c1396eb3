-- title: AWS post: rejected TCP connections
-- description: Sample query "rejected TCP connections" from AWS's incident-response post on querying
-- description: CloudTrail and VPC flow logs with Athena (also in the Athena user guide): rejected TCP flows
-- description: (protocol 6) with the day of the week of the flow-log date partition (Presto day_of_week:
-- description: Monday = 1 ... Sunday = 7).
-- tables: vpc_flow_logs
-- tags: aws-post, vpc, network, T1046
SELECT day_of_week(date) AS day, date, interface_id, srcaddr, action, protocol
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
LIMIT 100
