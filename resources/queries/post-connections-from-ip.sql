-- title: AWS post: filter connections from an IP
-- description: The AWS post's "Filter connections from an IP" sample (post-connections-from-ip-verbatim) for
-- description: daily use: flows whose source is in a CIDR (one address: /32), with the ISO day of the week,
-- description: in a time window. Changed from the post: srcaddr LIKE '172.50.%' (a text prefix) is a CIDR
-- description: check; the day-partition text bounds are a window on the flow's start; and the post's ORDER BY
-- description: day (which sorts by the day-of-week output column, not by date) is ORDER BY the start time,
-- description: newest first.
-- tables: vpc_flow_logs
-- tags: aws-post, vpc, network, ioc
-- param: cidr cidr "Source network, e.g. 172.50.0.0/16 or 198.51.100.7/32"
-- param: start timestamp "Window start (UTC, inclusive)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC, exclusive)" default=2100-01-01T00:00:00Z
SELECT day_of_week(date) AS day, date, from_unixtime(start) AS start_time, srcaddr, dstaddr, dstport, action,
       protocol, _evidence_id, _ordinal
FROM vpc_flow_logs
WHERE contains($cidr, CAST(srcaddr AS IPADDRESS))
  AND from_unixtime(start) >= from_iso8601_timestamp($start) AND from_unixtime(start) < from_iso8601_timestamp($end)
ORDER BY start DESC, _evidence_id, _ordinal
