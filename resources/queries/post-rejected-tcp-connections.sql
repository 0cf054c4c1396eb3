-- title: AWS post: rejected TCP connections
-- description: The AWS post's "Rejected TCP connections" sample (post-rejected-tcp-connections-verbatim) for
-- description: daily use: rejected TCP flows (protocol 6) with the ISO day of the week of the flow-log date
-- description: partition (Presto day_of_week: Monday = 1 ... Sunday = 7). Changed from the post: a time window
-- description: on the flow's start, ordered by time with the rows' provenance, and no LIMIT 100 (the post's
-- description: LIMIT without ORDER BY returns an arbitrary 100).
-- tables: vpc_flow_logs
-- tags: aws-post, vpc, network, T1046
-- param: start timestamp "Window start (UTC, inclusive)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC, exclusive)" default=2100-01-01T00:00:00Z
SELECT day_of_week(date) AS day, date, from_unixtime(start) AS start_time, interface_id, srcaddr, dstaddr, dstport,
       action, protocol, _evidence_id, _ordinal
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
  AND from_unixtime(start) >= from_iso8601_timestamp($start) AND from_unixtime(start) < from_iso8601_timestamp($end)
ORDER BY start, _evidence_id, _ordinal
