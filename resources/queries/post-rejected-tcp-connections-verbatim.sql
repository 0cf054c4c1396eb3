-- title: AWS post, verbatim: rejected TCP connections
-- description: The AWS Security Blog post "Logging strategies for security incident response", sample query
-- description: "Rejected TCP connections", exactly as printed (trailing semicolon included): up to 100
-- description: rejected TCP flows (protocol 6) with the ISO day of the week of the flow-log date partition
-- description: (Monday = 1 ... Sunday = 7). Athena runs it as written, and so does Cairn; LIMIT without ORDER
-- description: BY returns an arbitrary 100. post-rejected-tcp-connections adds a time window and order.
-- tables: vpc_flow_logs
-- tags: aws-post, verbatim, vpc, network, T1046
SELECT day_of_week(date) AS
day,date,interface_id,srcaddr,action,protocol
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
LIMIT 100;
