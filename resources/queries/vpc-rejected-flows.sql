-- title: Rejected flows by source, destination and port
-- description: Flows refused by a security group or network ACL, summarised per source, destination, port and
-- description: protocol with first and last time seen. Scanning and blocked lateral movement show up here;
-- description: rejections from inside the VPC (a workload trying to reach something it should not) matter most.
-- tables: vpc_flow_logs
-- tags: vpc, network, discovery, T1046
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT srcaddr, dstaddr, dstport, protocol, count(*) AS flows, sum(packets) AS packets,
       min(from_unixtime(start)) AS first_seen, max(from_unixtime("end")) AS last_seen,
       array_join(array_sort(array_agg(DISTINCT interface_id)), ', ') AS interfaces
FROM vpc_flow_logs
WHERE action = 'REJECT'
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
GROUP BY srcaddr, dstaddr, dstport, protocol
ORDER BY flows DESC, packets DESC
