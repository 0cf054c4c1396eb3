-- title: Rejected TCP connections by day of week
-- description: Rejected TCP flows (protocol 6) counted per day of the week (Presto day_of_week: Monday = 1 ...
-- description: Sunday = 7) of the flow-log date. Attacks that run on weekends or on one particular day stand
-- description: out against the working-week baseline.
-- tables: vpc_flow_logs
-- tags: vpc, network, discovery
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT day_of_week(date) AS day, count(*) AS rejected_flows, count(DISTINCT srcaddr) AS sources,
       count(DISTINCT date) AS dates
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY day_of_week(date)
ORDER BY day
