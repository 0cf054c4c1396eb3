-- title: Top talkers
-- description: The 100 source and destination pairs that moved the most bytes in accepted flows. A start for
-- description: any network triage: unexpected pairs near the top (a database talking to the internet, a
-- description: workstation to another workstation) deserve a look.
-- tables: vpc_flow_logs
-- tags: vpc, network, exfiltration, lateral-movement
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT srcaddr, dstaddr, sum(bytes) AS total_bytes, sum(packets) AS total_packets, count(*) AS flows,
       min(from_unixtime(start)) AS first_seen, max(from_unixtime("end")) AS last_seen
FROM vpc_flow_logs
WHERE action = 'ACCEPT'
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY srcaddr, dstaddr
ORDER BY total_bytes DESC
LIMIT 100
