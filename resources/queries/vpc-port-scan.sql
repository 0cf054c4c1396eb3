-- title: Port scans (one source, many rejected ports)
-- description: Sources whose rejected flows hit at least min_ports distinct destination ports within one
-- description: hour: the footprint of a port scan against the VPC, or of a compromised host scanning its
-- description: neighbours from inside.
-- tables: vpc_flow_logs
-- tags: vpc, network, discovery, T1046
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: min_ports text "Report sources that hit at least this many ports in an hour" default=10
SELECT srcaddr, date_trunc('hour', from_unixtime(start)) AS hour, count(DISTINCT dstport) AS ports,
       count(DISTINCT dstaddr) AS targets, count(*) AS flows,
       array_join(array_sort(array_agg(DISTINCT dstport)), ', ') AS port_list
FROM vpc_flow_logs
WHERE action = 'REJECT'
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY srcaddr, date_trunc('hour', from_unixtime(start))
HAVING count(DISTINCT dstport) >= CAST($min_ports AS INTEGER)
ORDER BY ports DESC
