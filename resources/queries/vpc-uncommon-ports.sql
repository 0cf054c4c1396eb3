-- title: Accepted traffic on uncommon ports
-- description: Accepted TCP and UDP flows whose service port (the lower of the two ports, so a reply from port
-- description: 443 to an ephemeral client port counts as 443) is not a common one. Reverse shells, C2 and
-- description: tunnels often use ports such as 4444, 1337 or 8443; summarised per port, least used first.
-- tables: vpc_flow_logs
-- tags: vpc, network, command-and-control, T1571
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT least(srcport, dstport) AS service_port, protocol, count(*) AS flows, sum(bytes) AS bytes,
       array_join(array_sort(array_agg(DISTINCT srcaddr || ' > ' || dstaddr)), ', ') AS pairs,
       min(from_unixtime(start)) AS first_seen, max(from_unixtime(start)) AS last_seen
FROM vpc_flow_logs
WHERE action = 'ACCEPT' AND protocol IN (6, 17)
  AND least(srcport, dstport) NOT IN (20, 21, 22, 25, 53, 80, 110, 123, 143, 389, 443, 465, 587, 636, 993, 995,
                                      1433, 1521, 2049, 3306, 3389, 5432, 6379, 8080, 27017)
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY least(srcport, dstport), protocol
ORDER BY flows ASC, service_port
