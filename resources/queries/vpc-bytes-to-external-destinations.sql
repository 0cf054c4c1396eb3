-- title: Data sent to external destinations (exfiltration volume)
-- description: Bytes sent from private addresses (RFC 1918, IPv6 ULA fc00::/7) to addresses outside them,
-- description: per destination, largest first, with the sending hosts and ports. Large or unusual external
-- description: destinations are candidates for data exfiltration.
-- tables: vpc_flow_logs
-- tags: vpc, network, exfiltration, T1048, T1041
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
WITH flows AS (
  SELECT srcaddr, dstaddr, dstport, bytes, start,
         contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) OR contains('172.16.0.0/12', CAST(srcaddr AS IPADDRESS))
           OR contains('192.168.0.0/16', CAST(srcaddr AS IPADDRESS)) OR contains('fc00::/7', CAST(srcaddr AS IPADDRESS)) AS src_private,
         contains('10.0.0.0/8', CAST(dstaddr AS IPADDRESS)) OR contains('172.16.0.0/12', CAST(dstaddr AS IPADDRESS))
           OR contains('192.168.0.0/16', CAST(dstaddr AS IPADDRESS)) OR contains('fc00::/7', CAST(dstaddr AS IPADDRESS)) AS dst_private
  FROM vpc_flow_logs
  WHERE action = 'ACCEPT' AND log_status = 'OK'
    AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
)
SELECT dstaddr, sum(bytes) AS bytes_out, count(*) AS flows,
       array_join(array_sort(array_agg(DISTINCT srcaddr)), ', ') AS sources,
       array_join(array_sort(array_agg(DISTINCT CAST(dstport AS VARCHAR))), ', ') AS ports,
       min(from_unixtime(start)) AS first_seen, max(from_unixtime(start)) AS last_seen
FROM flows
WHERE src_private AND NOT dst_private
GROUP BY dstaddr
ORDER BY bytes_out DESC
