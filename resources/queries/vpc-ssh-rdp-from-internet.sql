-- title: SSH and RDP from the internet
-- description: TCP flows to port 22 (SSH) or 3389 (RDP) from addresses outside private ranges (RFC 1918,
-- description: IPv6 ULA fc00::/7). Accepted ones mean the port is reachable from the internet: check who
-- description: connected and for how long; rejected ones show who is knocking.
-- tables: vpc_flow_logs
-- tags: vpc, network, initial-access, lateral-movement, T1021.004, T1021.001, T1133
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT from_unixtime(start) AS start_time, srcaddr, dstaddr, dstport, action, packets, bytes, interface_id, account_id, _evidence_id, _ordinal
FROM vpc_flow_logs
WHERE protocol = 6 AND dstport IN (22, 3389)
  AND NOT (contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) OR contains('172.16.0.0/12', CAST(srcaddr AS IPADDRESS))
           OR contains('192.168.0.0/16', CAST(srcaddr AS IPADDRESS)) OR contains('fc00::/7', CAST(srcaddr AS IPADDRESS)))
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY start_time
