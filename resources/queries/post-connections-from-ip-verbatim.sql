-- title: AWS post, verbatim: filter connections from an IP
-- description: The AWS Security Blog post "Logging strategies for security incident response", sample query
-- description: "Filter connections from an IP", exactly as printed: flows whose source starts with
-- description: '172.50.' and whose day partition ('yyyy/MM/dd' text) is from 2023/01/01 to before 2023/03/01.
-- description: Athena runs it as written, and so does Cairn, with the same name resolution: in WHERE, "day"
-- description: is the table's day partition; in ORDER BY it is the output column, the day of the week, so
-- description: rows come Sunday (7) first rather than latest date first. post-connections-from-ip takes a
-- description: CIDR and a time window and orders by time.
-- tables: vpc_flow_logs
-- tags: aws-post, verbatim, vpc, network, ioc
SELECT day_of_week(date) AS 
day, date, srcaddr, dstaddr, action, protocol
FROM vpc_flow_logs
WHERE day >= '2023/01/01' AND day < '2023/03/01' AND srcaddr LIKE '172.50.%'
ORDER BY day DESC
LIMIT 100
